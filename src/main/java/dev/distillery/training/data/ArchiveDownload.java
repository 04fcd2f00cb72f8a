package dev.distillery.training.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The opt-in download of a published archive: fetched into {@code <name>.part} beside the target with a progress
 * line every 10 %, synced, checked against the published MD5, and only then renamed to its name in one atomic
 * step. A download that breaks off or does not match leaves no file under the target name, so a half-downloaded
 * archive is never read; the next attempt starts afresh.
 */
public final class ArchiveDownload {

    private static final Logger log = LoggerFactory.getLogger(ArchiveDownload.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private ArchiveDownload() {}

    /** Downloads {@code archive} to {@code target} unless it is there already; returns the target. */
    public static synchronized Path fetch(CifarArchive archive, Path target) throws IOException {
        if (Files.isRegularFile(target)) {
            return target;
        }
        if (archive.url() == null || archive.url().isBlank()) {
            throw new IOException("download of " + archive.fileName() + " failed: no URL is configured");
        }
        Files.createDirectories(target.getParent());
        Path part = target.resolveSibling(target.getFileName() + ".part");
        try {
            download(URI.create(archive.url().trim()), part, archive.fileName());
            Optional<String> mismatch = archive.checksumProblem(part);
            if (mismatch.isPresent()) {
                throw new IOException(mismatch.get());
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            log.info(
                    "{} downloaded to {}, SHA-256 {}",
                    archive.fileName(),
                    target,
                    FileChecksums.of(target).sha256());
            return target;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(part);
            throw new IOException(
                    "download of " + archive.fileName() + " from " + archive.url() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Files.deleteIfExists(part);
            Thread.currentThread().interrupt();
            throw new IOException("download of " + archive.fileName() + " was interrupted", e);
        }
    }

    private static void download(URI uri, Path part, String name) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpResponse<InputStream> response =
                client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("the server answered " + response.statusCode());
            }
            long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            log.info("downloading {} from {} ({} bytes)", name, uri, total < 0 ? "?" : total);
            copy(in, part, total, name);
        }
    }

    private static void copy(InputStream in, Path part, long total, String name) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long received = 0;
        int loggedTenths = 0;
        try (FileChannel channel = FileChannel.open(
                        part,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE);
                OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                received += n;
                int tenths = total > 0 ? (int) Math.min(10, received * 10 / total) : 0;
                for (; loggedTenths < tenths; loggedTenths++) {
                    log.info("{}: {} % ({} of {} bytes)", name, (loggedTenths + 1) * 10, received, total);
                }
            }
            if (total >= 0 && received != total) {
                throw new IOException("received " + received + " of " + total + " bytes");
            }
            channel.force(true);
        }
    }
}
