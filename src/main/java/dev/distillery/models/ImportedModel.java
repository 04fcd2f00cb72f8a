package dev.distillery.models;

import dev.distillery.training.InputShape;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An imported model's record: what it is, its files' sizes and SHA-256s, who imported it. */
@Entity
@Table(name = "imported_models")
class ImportedModel {

    @Id
    private UUID id;

    private String name;

    @Enumerated(EnumType.STRING)
    private ModelFormat format;

    private String architecture;
    private int channels;
    private int height;
    private int width;
    private int classes;
    private String dataset;

    @Column(name = "size_bytes")
    private long sizeBytes;

    private String sha256;

    @Column(name = "parameters_sha256")
    private String parametersSha256;

    private String owner;

    @Column(name = "created_at")
    private Instant createdAt;

    protected ImportedModel() {}

    ImportedModel(
            UUID id,
            ModelImport request,
            long sizeBytes,
            String sha256,
            String parametersSha256,
            String owner,
            Instant createdAt) {
        this.id = id;
        this.name = request.name();
        this.format = request.format();
        this.architecture = request.architecture();
        this.channels = request.inputShape().channels();
        this.height = request.inputShape().height();
        this.width = request.inputShape().width();
        this.classes = request.classes();
        this.dataset = request.dataset();
        this.sizeBytes = sizeBytes;
        this.sha256 = sha256;
        this.parametersSha256 = parametersSha256;
        this.owner = owner;
        this.createdAt = createdAt;
    }

    UUID id() {
        return id;
    }

    ModelFormat format() {
        return format;
    }

    String owner() {
        return owner;
    }

    String sha256() {
        return sha256;
    }

    String parametersSha256() {
        return parametersSha256;
    }

    ModelSummary summary() {
        return new ModelSummary(
                id,
                name,
                format,
                architecture,
                new InputShape(channels, height, width),
                classes,
                dataset,
                sizeBytes,
                sha256,
                owner,
                createdAt);
    }
}
