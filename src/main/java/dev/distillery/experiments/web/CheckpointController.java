package dev.distillery.experiments.web;

import dev.distillery.experiments.ExperimentQueries;
import dev.distillery.experiments.StudentCheckpoints;
import dev.distillery.shared.InvalidRequestException;
import dev.distillery.shared.NotFoundException;
import dev.distillery.shared.Sha256;
import dev.distillery.tracking.CheckpointNames;
import dev.distillery.tracking.CheckpointRecord;
import dev.distillery.training.ModelFileException;
import dev.distillery.training.ModelInterop;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/experiments/{id}/checkpoints")
@Tag(name = "Experiments")
class CheckpointController {

    private final ExperimentQueries queries;
    private final StudentCheckpoints students;
    private final ModelInterop interop;

    CheckpointController(ExperimentQueries queries, StudentCheckpoints students, ModelInterop interop) {
        this.queries = queries;
        this.students = students;
        this.interop = interop;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The experiment's checkpoints: last, best and periodic ones, with size and SHA-256")
    List<CheckpointRecord> list(@PathVariable UUID id) {
        return queries.checkpoints(id);
    }

    @GetMapping(path = "/{name}", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    @Operation(
            summary = "Download a checkpoint (DJL parameter file, or a PyTorch safetensors state dict)",
            description = "format=djl (default): the parameter file as written, ETag and Digest carry its SHA-256."
                    + " format=safetensors: the student's parameters and BatchNorm buffers under mdistiller's"
                    + " names (Distillery's own for mlp and lenet5), for model.load_state_dict(load_file(path)).")
    ResponseEntity<Resource> download(
            @PathVariable UUID id,
            @PathVariable String name,
            @Parameter(description = "djl (default) or safetensors") @RequestParam(defaultValue = "djl")
                    String format) {
        if (!CheckpointNames.isValid(name)) {
            throw new InvalidRequestException("name", "must be last, best or epoch-NNNN");
        }
        if ("safetensors".equals(format)) {
            return safetensors(id, name);
        }
        if (!"djl".equals(format)) {
            throw new InvalidRequestException("format", "must be djl or safetensors");
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

    private ResponseEntity<Resource> safetensors(UUID id, String name) {
        StudentCheckpoints.StudentModel student = students.student(id, name);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            interop.exportSafetensors(student.shape(), student.parameters(), bytes);
        } catch (ModelFileException e) {
            throw new InvalidRequestException("format", e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] body = bytes.toByteArray();
        String sha256 = Sha256.hex(body);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .contentLength(body.length)
                .eTag("\"" + sha256 + "\"")
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(id + "-" + name + ".safetensors")
                                .build()
                                .toString())
                .body(new ByteArrayResource(body));
    }
}
