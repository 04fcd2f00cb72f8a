package dev.distillery.datasets.web;

import dev.distillery.datasets.DatasetAdministration;
import dev.distillery.datasets.DatasetDirectory;
import dev.distillery.datasets.DatasetUploads;
import dev.distillery.datasets.DatasetView;
import dev.distillery.shared.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@RequestMapping("/api/v1/datasets")
@Tag(name = "Datasets", description = "What experiments can train on; registering and uploading need the admin role")
class DatasetController {

    private final DatasetDirectory directory;
    private final DatasetAdministration administration;
    private final DatasetUploads uploads;

    DatasetController(DatasetDirectory directory, DatasetAdministration administration, DatasetUploads uploads) {
        this.directory = directory;
        this.administration = administration;
        this.uploads = uploads;
    }

    /** A server-side path to register under a name. */
    record NewDataset(
            @NotBlank @Size(max = 64) @Schema(example = "flowers") String name,
            @NotBlank
                    @Schema(
                            example = "imagefolder",
                            allowableValues = {"cifar10", "cifar100", "idx", "imagefolder"})
                    String format,
            @NotBlank @Size(max = 4096) @Schema(example = "/srv/data/flowers") String path,
            @Min(8) @Max(256) @Schema(description = "image folders: the side images are resized to", example = "32")
                    Integer imageSize) {}

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "listDatasets",
            summary = "List datasets",
            description = "Built-in and registered datasets: present or missing (and why), classes and their names, "
                    + "train and test sizes, input shape, normalization statistics and content hash.")
    List<DatasetView> list() {
        return directory.list();
    }

    @GetMapping(path = "/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getDataset", summary = "One dataset")
    DatasetView get(@PathVariable String name) {
        return directory.get(name);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "registerDataset",
            summary = "Register a server-side path (admin)",
            description = "A CIFAR directory or published archive, an IDX directory or an image folder; checked "
                    + "(an image folder is decoded) before it is registered.")
    ResponseEntity<DatasetView> register(
            @Valid @RequestBody NewDataset request, @Parameter(hidden = true) Caller caller) {
        DatasetView view =
                administration.register(request.name(), request.format(), request.path(), request.imageSize(), caller);
        return ResponseEntity.created(URI.create("/api/v1/datasets/" + view.name()))
                .body(view);
    }

    @PostMapping(
            path = "/{name}/archive",
            consumes = {"application/zip", "application/gzip", "application/x-gzip", "application/octet-stream"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "uploadDataset",
            summary = "Upload an image folder as .zip or .tar.gz (admin)",
            description = "Streamed to disk under distillery.datasets.upload.max-bytes, unpacked safely (no '..', "
                    + "absolute names or links; entries and unpacked bytes bounded), checked as an image folder "
                    + "(train/<class>/, test/<class>/) and registered under the name.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = "application/octet-stream",
                                            schema = @Schema(type = "string", format = "binary"))))
    ResponseEntity<DatasetView> upload(
            @PathVariable String name,
            @RequestParam(defaultValue = "32") @Min(8) @Max(256) int imageSize,
            HttpServletRequest request,
            @Parameter(hidden = true) Caller caller)
            throws IOException {
        DatasetView view = uploads.upload(name, imageSize, request.getInputStream(), caller);
        return ResponseEntity.created(URI.create("/api/v1/datasets/" + view.name()))
                .body(view);
    }

    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            operationId = "unregisterDataset",
            summary = "Unregister a dataset (admin)",
            description = "409 while experiments wait, are queued or run on it; an uploaded dataset's files go too.")
    void unregister(@PathVariable String name, @Parameter(hidden = true) Caller caller) {
        administration.unregister(name, caller);
    }
}
