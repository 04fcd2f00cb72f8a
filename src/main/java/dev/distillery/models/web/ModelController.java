package dev.distillery.models.web;

import dev.distillery.models.ImportRequest;
import dev.distillery.models.ModelRegistry;
import dev.distillery.models.ModelSummary;
import dev.distillery.shared.Caller;
import dev.distillery.shared.InvalidRequestException;
import dev.distillery.shared.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/v1/models")
@Tag(name = "Models", description = "Teachers imported from PyTorch: safetensors state dicts and TorchScript modules")
class ModelController {

    private final ModelRegistry registry;

    ModelController(ModelRegistry registry) {
        this.registry = registry;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Import a model (multipart: file plus its declaration)",
            description = "format=safetensors: a state dict named as in mdistiller for a zoo architecture (or mlp,"
                    + " lenet5); every tensor is matched by name and shape, BatchNorm running statistics included,"
                    + " and missing, unexpected or mis-shaped tensors are a 400 listing them. format=torchscript: a"
                    + " torch.jit.save module, used as a black-box teacher; one forward pass on the input shape must"
                    + " give `classes` outputs. The file streams to disk (SHA-256 computed while writing; larger than"
                    + " distillery.models.max-file-bytes is a 413). A refused file leaves nothing behind.")
    ResponseEntity<ModelSummary> importModel(
            @RequestPart("file") MultipartFile file,
            @Parameter(description = "safetensors or torchscript") @RequestParam String format,
            @Parameter(description = "a zoo architecture (safetensors only)") @RequestParam(required = false)
                    String architecture,
            @Parameter(description = "CxHxW, e.g. 3x32x32; default: the dataset's") @RequestParam(required = false)
                    String inputShape,
            @Parameter(description = "output classes; default: the dataset's") @RequestParam(required = false)
                    Integer classes,
            @Parameter(description = "the dataset it is meant for") @RequestParam(required = false) String dataset,
            @RequestParam(required = false) String name,
            @Parameter(hidden = true) Caller caller) {
        ImportRequest request = new ImportRequest(name, format, architecture, inputShape, classes, dataset);
        try (InputStream in = file.getInputStream()) {
            ModelSummary imported = registry.importModel(request, in, caller);
            return ResponseEntity.created(URI.create("/api/v1/models/" + imported.id()))
                    .body(imported);
        } catch (IOException e) {
            throw new InvalidRequestException("file", "could not be read: " + e.getMessage());
        }
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Imported models, newest first")
    List<ModelSummary> list() {
        return registry.list();
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "One imported model: name, architecture or torchscript, input shape, classes, size, SHA-256")
    ModelSummary get(@PathVariable UUID id) {
        return registry.get(id);
    }

    @GetMapping(path = "/{id}/file", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    @Operation(summary = "Download the imported file as uploaded; the ETag carries its SHA-256")
    ResponseEntity<Resource> file(@PathVariable UUID id) {
        ModelSummary model = registry.get(id);
        Path file = registry.file(id);
        try {
            return ResponseEntity.ok()
                    .contentType(MediaType.APPLICATION_OCTET_STREAM)
                    .contentLength(Files.size(file))
                    .eTag("\"" + model.sha256() + "\"")
                    .header(
                            HttpHeaders.CONTENT_DISPOSITION,
                            ContentDisposition.attachment()
                                    .filename(file.getFileName().toString())
                                    .build()
                                    .toString())
                    .body(new FileSystemResource(file));
        } catch (IOException e) {
            throw new NotFoundException("the file of model " + id + " is not available: " + e.getMessage());
        }
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a model and its files; 409 while an unfinished experiment uses it")
    ResponseEntity<Void> delete(@PathVariable UUID id, @Parameter(hidden = true) Caller caller) {
        registry.delete(id, caller);
        return ResponseEntity.noContent().build();
    }
}
