package dev.distillery.tracking;

import dev.distillery.training.EpochListener.ParameterWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes a student epoch's checkpoints with the retention policy: always {@code last}, {@code best}
 * when the epoch is the best so far, {@code epoch-NNNN} every k-th epoch, and the training state to
 * resume from ({@code resume-NNNN}). Returns the records to store with the epoch's metrics, in the
 * same transaction; {@link #prune} then drops the training states that are no longer needed.
 */
@Component
public class Checkpointing {

    private static final Logger log = LoggerFactory.getLogger(Checkpointing.class);

    private final CheckpointStore store;
    private final CheckpointRecords records;
    private final CheckpointProperties properties;
    private final Clock clock;

    Checkpointing(CheckpointStore store, CheckpointRecords records, CheckpointProperties properties, Clock clock) {
        this.store = store;
        this.records = records;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Writes the epoch's checkpoints (atomically each: the previous version stays until the new one is complete).
     *
     * @throws UncheckedIOException naming the checkpoint that could not be written, "no space left while writing
     *     checkpoint …" when the disk is full
     */
    public List<CheckpointRecord> save(
            UUID experimentId, int epoch, boolean best, ParameterWriter parameters, ParameterWriter trainingState) {
        String writing = CheckpointNames.resume(epoch);
        try {
            List<CheckpointRecord> records = new ArrayList<>();
            records.add(record(writing, epoch, store.write(experimentId, writing, trainingState)));
            writing = CheckpointNames.LAST;
            records.add(record(writing, epoch, store.write(experimentId, writing, parameters)));
            if (best) {
                writing = CheckpointNames.BEST;
                records.add(record(writing, epoch, store.copy(experimentId, CheckpointNames.LAST, writing)));
            }
            if (properties.keepEvery() > 0 && epoch % properties.keepEvery() == 0) {
                writing = CheckpointNames.periodic(epoch);
                records.add(record(writing, epoch, store.copy(experimentId, CheckpointNames.LAST, writing)));
            }
            return records;
        } catch (IOException e) {
            String what = (DiskFull.is(e) ? "no space left while writing checkpoint '" : "cannot write checkpoint '")
                    + writing + "' of epoch " + epoch;
            throw new UncheckedIOException(what + ": " + e.getMessage() + " (the previous checkpoints are intact)", e);
        }
    }

    /** Deletes the training states older than {@code epoch}, once the newer one is recorded. */
    public void prune(UUID experimentId, int epoch) {
        for (String name : records.deleteResumesBefore(experimentId, epoch)) {
            try {
                store.delete(experimentId, name);
            } catch (IOException e) {
                log.warn("Could not delete the old training state {} of experiment {}", name, experimentId, e);
            }
        }
    }

    /** The checkpoint's local file, after checking its bytes against the recorded SHA-256. */
    public Path verifiedFile(UUID experimentId, String name) throws IOException {
        CheckpointRecord record = records.find(experimentId, name)
                .orElseThrow(() -> new IOException("experiment " + experimentId + " has no '" + name + "' checkpoint"));
        Path file = store.localFile(experimentId, name);
        String actual = sha256(file);
        if (!actual.equals(record.sha256())) {
            throw new IOException("the '" + name + "' checkpoint of experiment " + experimentId
                    + " is corrupt: SHA-256 " + actual + " instead of " + record.sha256());
        }
        return file;
    }

    private static String sha256(Path file) throws IOException {
        try (DigestInputStream in =
                new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private CheckpointRecord record(String name, int epoch, CheckpointStore.StoredBytes bytes) {
        return new CheckpointRecord(
                name, CheckpointNames.kind(name), epoch, bytes.size(), bytes.sha256(), clock.instant());
    }
}
