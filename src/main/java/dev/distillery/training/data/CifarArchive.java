package dev.distillery.training.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * A CIFAR binary archive as published ({@code cifar-10-binary.tar.gz}, {@code cifar-100-binary.tar.gz}): its file
 * name, the publisher's MD5 and where to download it. The batch files are read straight out of the archive; nothing
 * is unpacked.
 *
 * @param fileName the published file name
 * @param md5      the published MD5 (hex); an archive with another one is refused
 * @param url      where the opt-in download fetches it from
 */
public record CifarArchive(String fileName, String md5, String url) {

    /** The largest batch file read out of an archive (CIFAR-100's train.bin is 154 MB). */
    static final long MAX_ENTRY_BYTES = 256L << 20;

    /** Why {@code archive} is not the published one (naming both checksums), or empty; records its SHA-256. */
    public Optional<String> checksumProblem(Path archive) throws IOException {
        FileChecksums.Checksums sums = FileChecksums.of(archive);
        if (md5 == null || md5.isBlank() || sums.md5().equalsIgnoreCase(md5.trim())) {
            return Optional.empty();
        }
        return Optional.of("checksum mismatch: " + archive.getFileName() + " has MD5 " + sums.md5()
                + ", the published " + fileName + " has MD5 " + md5.trim() + " (SHA-256 of the file: " + sums.sha256()
                + ")");
    }

    /**
     * The named batch files out of a tar.gz, in the order asked, by their base name (the archive's top directory
     * is ignored).
     *
     * @throws IOException when one is missing, too large, or the archive is not a tar.gz
     */
    public static Map<String, byte[]> read(Path archive, List<String> names) throws IOException {
        Map<String, byte[]> found = new LinkedHashMap<>();
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                String base = Path.of(entry.getName()).getFileName().toString();
                if (entry.isFile() && names.contains(base) && !found.containsKey(base)) {
                    if (entry.getSize() > MAX_ENTRY_BYTES) {
                        throw new IOException(entry.getName() + " in " + archive.getFileName() + " is too large");
                    }
                    byte[] bytes = tar.readNBytes((int) entry.getSize());
                    if (bytes.length != entry.getSize()) {
                        throw new IOException(entry.getName() + " in " + archive.getFileName() + " is truncated");
                    }
                    found.put(base, bytes);
                }
            }
        }
        Map<String, byte[]> ordered = new LinkedHashMap<>();
        for (String name : names) {
            byte[] bytes = found.get(name);
            if (bytes == null) {
                throw new IOException(archive.getFileName() + " holds no " + name);
            }
            ordered.put(name, bytes);
        }
        return ordered;
    }
}
