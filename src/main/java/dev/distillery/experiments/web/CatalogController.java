package dev.distillery.experiments.web;

import dev.distillery.experiments.catalog.Catalog;
import dev.distillery.experiments.catalog.CatalogView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Catalog", description = "What a spec may name")
class CatalogController {

    private final Catalog catalog;

    CatalogController(Catalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping(path = "/api/v1/catalog", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Architectures, datasets (with whether their files are present), methods and defaults")
    CatalogView catalog() {
        return catalog.view();
    }
}
