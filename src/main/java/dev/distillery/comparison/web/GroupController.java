package dev.distillery.comparison.web;

import dev.distillery.comparison.ComparisonService;
import dev.distillery.comparison.GroupAggregate;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/groups")
@Tag(name = "Comparisons")
class GroupController {

    private final ComparisonService comparisons;

    GroupController(ComparisonService comparisons) {
        this.comparisons = comparisons;
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "getGroup",
            summary = "A group of repeats",
            description = "The runs a spec with 'repeats' created (same spec, "
                    + "seeds seed, seed+1, …): n, mean ± sample std of best and last test top-1.")
    GroupAggregate group(@PathVariable UUID id) {
        return comparisons.group(id);
    }
}
