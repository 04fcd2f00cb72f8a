package dev.distillery.tracking;

import java.time.Instant;

/**
 * A stored checkpoint of an experiment's student.
 *
 * @param name {@code last}, {@code best} or {@code epoch-NNNN}
 * @param kind the same families: {@code last}, {@code best}, {@code periodic}
 * @param sha256 hex SHA-256 of the file's bytes
 */
public record CheckpointRecord(String name, String kind, int epoch, long sizeBytes, String sha256, Instant createdAt) {}
