package dev.distillery.access.web;

import dev.distillery.access.ApiKeyAdministration;
import dev.distillery.access.ApiRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/keys")
@Tag(name = "Admin", description = "API keys (admin role only)")
class ApiKeyController {

    private final ApiKeyAdministration keys;

    ApiKeyController(ApiKeyAdministration keys) {
        this.keys = keys;
    }

    /** A key to create. */
    record NewKey(
            @NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}") @Schema(example = "ci-bot") String name,
            @NotEmpty @Schema(example = "[\"submitter\"]") List<@NotNull ApiRole> roles,
            @Min(0)
                    @Max(100_000)
                    @Schema(
                            description = "queued experiments this key may have at once; "
                                    + "default distillery.security.max-queued-per-key")
                    Integer maxQueued) {}

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "listApiKeys",
            summary = "List API keys",
            description = "Configured keys and keys created here, with roles and "
                    + "limits; never the keys or their hashes.")
    List<ApiKeyAdministration.KeyView> list() {
        return keys.list();
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "createApiKey",
            summary = "Create an API key",
            description = "Answers the key once: only its SHA-256 is kept.")
    ResponseEntity<ApiKeyAdministration.CreatedKey> create(@Valid @RequestBody NewKey request) {
        Set<ApiRole> roles = EnumSet.copyOf(request.roles());
        var created = keys.create(request.name(), roles, request.maxQueued());
        return ResponseEntity.created(URI.create("/api/v1/admin/keys/" + created.name()))
                .body(created);
    }

    @ResponseStatus(HttpStatus.NO_CONTENT)
    @DeleteMapping("/{name}")
    @Operation(
            operationId = "revokeApiKey",
            summary = "Revoke an API key",
            description = "Takes effect at once; idempotent. Configured keys "
                    + "cannot be revoked here (409): remove them from the configuration.")
    ResponseEntity<Void> revoke(@PathVariable String name) {
        keys.revoke(name);
        return ResponseEntity.noContent().build();
    }
}
