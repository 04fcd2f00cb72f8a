package dev.distillery.tracking;

import dev.distillery.training.EpochListener.ParameterWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Writes a student epoch's checkpoints with the retention policy: always {@code last}, {@code best}
 * when the epoch is the best so far, and {@code epoch-NNNN} every k-th epoch. Returns the records to
 * store with the epoch's metrics, in the same transaction.
 */
@Component
public class Checkpointing {

    private final CheckpointStore store;
    private final CheckpointProperties properties;
    private final Clock clock;

    Checkpointing(CheckpointStore store, CheckpointProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    public List<CheckpointRecord> save(UUID experimentId, int epoch, boolean best, ParameterWriter parameters) {
        try {
            List<CheckpointRecord> records = new ArrayList<>();
            records.add(record(CheckpointNames.LAST, epoch, store.write(experimentId, CheckpointNames.LAST,
                    parameters)));
            if (best) {
                records.add(record(CheckpointNames.BEST, epoch,
                        store.copy(experimentId, CheckpointNames.LAST, CheckpointNames.BEST)));
            }
            if (properties.keepEvery() > 0 && epoch % properties.keepEvery() == 0) {
                String periodic = CheckpointNames.periodic(epoch);
                records.add(record(periodic, epoch, store.copy(experimentId, CheckpointNames.LAST, periodic)));
            }
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint of epoch " + epoch + ": " + e.getMessage()
                    + " (the previous checkpoint is intact)", e);
        }
    }

    private CheckpointRecord record(String name, int epoch, CheckpointStore.StoredBytes bytes) {
        return new CheckpointRecord(name, CheckpointNames.kind(name), epoch, bytes.size(), bytes.sha256(),
                clock.instant());
    }
}
