package dev.distillery.tracking;

import dev.distillery.training.EpochListener.ParameterWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Checkpoints as files under {@code <dir>/<experiment id>/<name>.params}: written to a temporary
 * file, forced to disk, then renamed over the old one, so a crash or a full disk never leaves a
 * corrupt or half-written checkpoint behind.
 */
class FileSystemCheckpointStore implements CheckpointStore {

    private static final String SUFFIX = ".params";

    private final Path root;

    FileSystemCheckpointStore(Path root) {
        this.root = root;
    }

    @Override
    public StoredBytes write(UUID experimentId, String name, ParameterWriter writer) throws IOException {
        Path target = file(experimentId, name);
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), name, ".tmp");
        try {
            MessageDigest digest = sha256();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temporary), digest)) {
                writer.writeTo(out);
            }
            return publish(temporary, target, digest);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    @Override
    public StoredBytes copy(UUID experimentId, String from, String to) throws IOException {
        return write(experimentId, to, out -> Files.copy(file(experimentId, from), out));
    }

    @Override
    public InputStream open(UUID experimentId, String name) throws IOException {
        return Files.newInputStream(file(experimentId, name));
    }

    @Override
    public void delete(UUID experimentId, String name) throws IOException {
        Files.deleteIfExists(file(experimentId, name));
    }

    @Override
    public Path localFile(UUID experimentId, String name) throws IOException {
        Path file = file(experimentId, name);
        if (!Files.isRegularFile(file)) {
            throw new IOException("checkpoint file " + file + " is missing");
        }
        return file;
    }

    private static StoredBytes publish(Path temporary, Path target, MessageDigest digest) throws IOException {
        long size;
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
            size = channel.size();
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(target.getParent());
        return new StoredBytes(size, HexFormat.of().formatHex(digest.digest()));
    }

    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException notSupported) {
            // some filesystems cannot fsync a directory; the rename itself is still atomic
        }
    }

    private Path file(UUID experimentId, String name) {
        if (!CheckpointNames.isValid(name)) {
            throw new IllegalArgumentException("invalid checkpoint name " + name);
        }
        return root.resolve(experimentId.toString()).resolve(name + SUFFIX);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
