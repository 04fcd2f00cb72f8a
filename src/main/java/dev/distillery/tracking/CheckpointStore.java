package dev.distillery.tracking;

import dev.distillery.training.EpochListener.ParameterWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Where checkpoint bytes live. Writes are atomic: a reader sees the previous version or the new one,
 * never a partial file. The filesystem implementation is the default; the interface leaves room for
 * object storage.
 */
public interface CheckpointStore {

    /** Writes a checkpoint and returns its size and SHA-256. */
    StoredBytes write(UUID experimentId, String name, ParameterWriter writer) throws IOException;

    /** Copies one checkpoint of an experiment to another name, atomically. */
    StoredBytes copy(UUID experimentId, String from, String to) throws IOException;

    InputStream open(UUID experimentId, String name) throws IOException;

    void delete(UUID experimentId, String name) throws IOException;

    /** A local file with the checkpoint's bytes, for loading into a network. */
    Path localFile(UUID experimentId, String name) throws IOException;

    /** Size and SHA-256 (hex) of stored bytes. */
    record StoredBytes(long size, String sha256) {}
}
