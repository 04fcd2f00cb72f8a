package dev.distillery.training.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * MD5 (what CIFAR's publisher lists) and SHA-256 (what Distillery records) of a file, computed in one pass and
 * remembered while the file keeps its size and modification time, so a submission does not re-read a 170 MB
 * archive that was checked before.
 */
public final class FileChecksums {

    /** Both digests of one file, lower-case hex. */
    public record Checksums(String md5, String sha256) {}

    private record Stamp(Path file, long size, long modified) {}

    private static final Map<Stamp, Checksums> KNOWN = new ConcurrentHashMap<>();

    private FileChecksums() {}

    public static Checksums of(Path file) throws IOException {
        Stamp stamp = new Stamp(
                file.toAbsolutePath().normalize(),
                Files.size(file),
                Files.getLastModifiedTime(file).toMillis());
        Checksums known = KNOWN.get(stamp);
        if (known != null) {
            return known;
        }
        Checksums computed = compute(file);
        KNOWN.put(stamp, computed);
        return computed;
    }

    private static Checksums compute(Path file) throws IOException {
        MessageDigest md5 = digest("MD5");
        MessageDigest sha256 = digest("SHA-256");
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = new DigestInputStream(new DigestInputStream(Files.newInputStream(file), md5), sha256)) {
            while (in.read(buffer) >= 0) {
                // the digests see every byte
            }
        }
        HexFormat hex = HexFormat.of();
        return new Checksums(hex.formatHex(md5.digest()), hex.formatHex(sha256.digest()));
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        }
    }
}
