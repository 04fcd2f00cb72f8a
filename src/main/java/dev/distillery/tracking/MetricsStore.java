package dev.distillery.tracking;

import dev.distillery.training.EpochMetrics;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Per-epoch metrics of experiments, one row per (experiment, epoch). Writing an epoch again
 * replaces it, so a retried write never duplicates a row.
 */
@Repository
public class MetricsStore {

    private final JdbcClient jdbc;
    private final Clock clock;

    MetricsStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(UUID experimentId, EpochMetrics m) {
        jdbc.sql("""
                insert into epoch_metrics (experiment_id, epoch, train_loss, train_top1, test_loss, test_top1,
                    test_top5, learning_rate, epoch_seconds, samples_per_second, recorded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (experiment_id, epoch) do update set
                    train_loss = excluded.train_loss, train_top1 = excluded.train_top1,
                    test_loss = excluded.test_loss, test_top1 = excluded.test_top1, test_top5 = excluded.test_top5,
                    learning_rate = excluded.learning_rate, epoch_seconds = excluded.epoch_seconds,
                    samples_per_second = excluded.samples_per_second, recorded_at = excluded.recorded_at
                """)
                .params(experimentId, m.epoch(), m.trainLoss(), m.trainTop1(), m.testLoss(), m.testTop1(),
                        m.testTop5(), m.learningRate(), m.epochSeconds(), m.samplesPerSecond(),
                        Timestamp.from(clock.instant()))
                .update();
    }

    public List<EpochMetrics> history(UUID experimentId) {
        return jdbc.sql("""
                select epoch, train_loss, train_top1, test_loss, test_top1, test_top5, learning_rate,
                    epoch_seconds, samples_per_second
                from epoch_metrics where experiment_id = ? order by epoch
                """)
                .param(experimentId)
                .query(MetricsStore::row)
                .list();
    }

    /** Forgets every epoch of an experiment, for a run that starts over. */
    public void clear(UUID experimentId) {
        jdbc.sql("delete from epoch_metrics where experiment_id = ?").param(experimentId).update();
    }

    private static EpochMetrics row(ResultSet rs, int rowNum) throws SQLException {
        return new EpochMetrics(rs.getInt("epoch"), rs.getDouble("train_loss"), rs.getDouble("train_top1"),
                rs.getDouble("test_loss"), rs.getDouble("test_top1"), rs.getDouble("test_top5"),
                rs.getDouble("learning_rate"), rs.getDouble("epoch_seconds"), rs.getDouble("samples_per_second"));
    }
}
