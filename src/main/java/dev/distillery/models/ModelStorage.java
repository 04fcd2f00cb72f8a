package dev.distillery.models;

import dev.distillery.shared.ContentTooLargeException;
import dev.distillery.shared.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The files of imported models: {@code <dir>/<id>/model.safetensors|model.pt} as uploaded, and for safetensors
 * {@code parameters.params}, Distillery's parameter file converted from it. Paths are built from model ids only,
 * never from anything a client names.
 */
final class ModelStorage {

    static final String PARAMETERS = "parameters.params";
    private static final int BUFFER = 1 << 16;

    private final Path root;
    private final long maxFileBytes;

    ModelStorage(Path root, long maxFileBytes) {
        this.root = root.toAbsolutePath().normalize();
        this.maxFileBytes = maxFileBytes;
    }

    /** A written file's size and SHA-256. */
    record Written(long size, String sha256) {}

    Path directory(UUID id) {
        return root.resolve(id.toString());
    }

    Path file(UUID id, ModelFormat format) {
        return directory(id).resolve(format.fileName());
    }

    Path parameters(UUID id) {
        return directory(id).resolve(PARAMETERS);
    }

    /** Creates the model's directory; it must not exist yet. */
    Path create(UUID id) throws IOException {
        Files.createDirectories(root);
        return Files.createDirectory(directory(id));
    }

    /**
     * Streams {@code in} to {@code target}, hashing while writing, and stops with 413 as soon as it exceeds the limit.
     */
    Written copy(InputStream in, Path target) throws IOException {
        MessageDigest digest = Sha256.digest();
        long size = 0;
        try (OutputStream out = new DigestOutputStream(
                Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), digest)) {
            byte[] buffer = new byte[BUFFER];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                size += read;
                if (size > maxFileBytes) {
                    throw new ContentTooLargeException(
                            "the model file exceeds distillery.models.max-file-bytes (" + maxFileBytes + " bytes)");
                }
                out.write(buffer, 0, read);
            }
        }
        return new Written(size, HexFormat.of().formatHex(digest.digest()));
    }

    /** A writer of a file that hashes what it writes. */
    static DigestOutputStream hashing(Path target) throws IOException {
        return new DigestOutputStream(
                Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                Sha256.digest());
    }

    /** The file's SHA-256. */
    static String sha256(Path file) throws IOException {
        MessageDigest digest = Sha256.digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[BUFFER];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Removes the model's directory and everything in it; a missing directory is fine. */
    void delete(UUID id) {
        Path directory = directory(id);
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove " + directory, e);
        }
    }
}
