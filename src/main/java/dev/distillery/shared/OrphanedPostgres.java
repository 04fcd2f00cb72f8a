package dev.distillery.shared;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service killed with SIGKILL leaves its embedded PostgreSQL running on the data directory, and
 * the next start would fail on the lock. When no living service holds the directory (its lock file
 * is free), such a server is an orphan: stop it cleanly so the data survives and the service starts.
 */
final class OrphanedPostgres {

    private static final Logger log = LoggerFactory.getLogger(OrphanedPostgres.class);
    private static final String SERVICE_LOCK = "epg-lock";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private OrphanedPostgres() {}

    static void stopIfAny(Path dataDirectory) throws IOException {
        Optional<ProcessHandle> orphan = runningPostmaster(dataDirectory);
        if (orphan.isEmpty() || heldByLivingService(dataDirectory)) {
            return;
        }
        ProcessHandle postmaster = orphan.get();
        log.warn(
                "Stopping PostgreSQL (pid {}) left running on {} by a service that did not shut down",
                postmaster.pid(),
                dataDirectory);
        postmaster.destroy();
        try {
            postmaster.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception notStopped) {
            throw new IOException(
                    "PostgreSQL pid " + postmaster.pid() + " on " + dataDirectory + " did not stop within "
                            + STOP_TIMEOUT,
                    notStopped);
        }
    }

    private static Optional<ProcessHandle> runningPostmaster(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || !lines.get(0).trim().matches("\\d+")) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info()
                        .command()
                        .map(command -> command.endsWith("postgres"))
                        .orElse(false));
    }

    private static boolean heldByLivingService(Path dataDirectory) throws IOException {
        Path lockFile = dataDirectory.resolve(SERVICE_LOCK);
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            return lock == null;
        } catch (java.nio.channels.OverlappingFileLockException sameJvm) {
            return true;
        }
    }
}
