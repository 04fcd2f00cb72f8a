package dev.distillery.experiments.web;

import dev.distillery.experiments.ExperimentQueries;
import dev.distillery.shared.InvalidRequestException;
import dev.distillery.shared.NotFoundException;
import dev.distillery.tracking.CheckpointNames;
import dev.distillery.tracking.CheckpointRecord;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/experiments/{id}/checkpoints")
@Tag(name = "Experiments")
class CheckpointController {

    private final ExperimentQueries queries;

    CheckpointController(ExperimentQueries queries) {
        this.queries = queries;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The experiment's checkpoints: last, best and periodic ones, with size and SHA-256")
    List<CheckpointRecord> list(@PathVariable UUID id) {
        return queries.checkpoints(id);
    }

    @GetMapping(path = "/{name}", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    @Operation(
            summary = "Download a checkpoint (DJL parameter file)",
            description = "ETag and Digest carry the SHA-256 of the bytes.")
    ResponseEntity<InputStreamResource> download(@PathVariable UUID id, @PathVariable String name) {
        if (!CheckpointNames.isValid(name)) {
            throw new InvalidRequestException("name", "must be last, best or epoch-NNNN");
        }
        CheckpointRecord record = queries.checkpoint(id, name)
                .orElseThrow(() -> new NotFoundException("experiment " + id + " has no checkpoint '" + name + "'"));
        String base64 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(record.sha256()));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .contentLength(record.sizeBytes())
                .eTag("\"" + record.sha256() + "\"")
                .header("Digest", "sha-256=" + base64)
                .header("Repr-Digest", "sha-256=:" + base64 + ":")
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(id + "-" + name + ".params")
                                .build()
                                .toString())
                .body(new InputStreamResource(queries.openCheckpoint(id, name)));
    }
}
