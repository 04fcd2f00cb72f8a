package dev.distillery.datasets;

import dev.distillery.shared.InvalidRequestException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks an uploaded {@code .zip} or {@code .tar.gz} (told apart by their first bytes) into an empty directory,
 * refusing what could escape it or exhaust the disk: entries named with {@code ..} or an absolute path, symbolic
 * and hard links, devices, more than {@code maxEntries} entries, more than {@code maxUnpackedBytes} bytes (counted
 * while writing, whatever sizes the archive declares). A refusal is a 400 naming the entry; the caller deletes
 * what was written.
 */
final class ArchiveUnpacker {

    private static final String FIELD = "archive";

    private final UploadLimits limits;
    private long entries;
    private long written;

    ArchiveUnpacker(UploadLimits limits) {
        this.limits = limits;
    }

    void unpack(Path archive, Path target) throws IOException {
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(archive)) {
            in.readNBytes(head, 0, 4);
        }
        if (head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            unzip(archive, target);
        } else if ((head[0] & 0xFF) == 0x1f && (head[1] & 0xFF) == 0x8b) {
            untar(archive, target);
        } else {
            throw new InvalidRequestException(FIELD, "must be a .zip or .tar.gz archive");
        }
    }

    private void unzip(Path archive, Path target) throws IOException {
        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
            List<ZipArchiveEntry> all = Collections.list(zip.getEntries());
            if (all.size() > limits.maxEntries()) {
                throw tooManyEntries(); // a zip lists its entries first: refused before anything is written
            }
            for (ZipArchiveEntry entry : all) {
                if (entry.isUnixSymlink()) {
                    throw refused(entry.getName(), "is a symbolic link; links are not accepted");
                }
                Path destination = destination(target, entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                } else {
                    try (InputStream in = zip.getInputStream(entry)) {
                        write(in, destination);
                    }
                }
            }
        }
    }

    private void untar(Path archive, Path target) throws IOException {
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.isSymbolicLink() || entry.isLink()) {
                    throw refused(entry.getName(), "is a link; links are not accepted");
                }
                Path destination = destination(target, entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                } else if (entry.isFile()) {
                    write(tar, destination);
                } else {
                    throw refused(entry.getName(), "is not a file or directory");
                }
            }
        }
    }

    /** Where an entry goes: inside {@code target}, or a 400 naming it. Counts it against the entry limit. */
    private Path destination(Path target, String name) {
        if (++entries > limits.maxEntries()) {
            throw tooManyEntries();
        }
        String normalized = name.replace('\\', '/');
        if (normalized.isEmpty()
                || normalized.startsWith("/")
                || normalized.matches("^[A-Za-z]:.*")
                || normalized.indexOf('\0') >= 0) {
            throw refused(name, "has an absolute or empty name");
        }
        for (String part : normalized.split("/")) {
            if (part.equals("..")) {
                throw refused(name, "climbs out with '..'");
            }
        }
        Path destination = target.resolve(normalized).normalize();
        if (!destination.startsWith(target)) {
            throw refused(name, "lies outside the archive");
        }
        return destination;
    }

    private void write(InputStream in, Path destination) throws IOException {
        Files.createDirectories(destination.getParent());
        if (Files.exists(destination, LinkOption.NOFOLLOW_LINKS)) {
            throw refused(destination.getFileName().toString(), "appears twice");
        }
        byte[] buffer = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(destination)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                written += n;
                if (written > limits.maxUnpackedBytes()) {
                    throw new InvalidRequestException(
                            FIELD,
                            "unpacks to more than " + limits.maxUnpackedBytes()
                                    + " bytes (distillery.datasets.upload.max-unpacked-bytes)");
                }
                out.write(buffer, 0, n);
            }
        }
    }

    private InvalidRequestException tooManyEntries() {
        return new InvalidRequestException(
                FIELD, "holds more than " + limits.maxEntries() + " entries (distillery.datasets.upload.max-entries)");
    }

    private static InvalidRequestException refused(String entry, String why) {
        String shown = entry.length() > 200 ? entry.substring(0, 200) + "…" : entry;
        return new InvalidRequestException(FIELD, "entry '" + shown.replace('\0', '?') + "' " + why);
    }
}
