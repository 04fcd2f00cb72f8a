package dev.distillery.tracking;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The checkpoint table: one row per experiment and checkpoint name, replaced when the file is. */
@Repository
public class CheckpointRecords {

    private final JdbcClient jdbc;

    CheckpointRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void save(UUID experimentId, CheckpointRecord record) {
        jdbc.sql(
                        """
                insert into checkpoints (experiment_id, name, kind, epoch, size_bytes, sha256, created_at)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (experiment_id, name) do update set kind = excluded.kind, epoch = excluded.epoch,
                    size_bytes = excluded.size_bytes, sha256 = excluded.sha256, created_at = excluded.created_at
                """)
                .params(
                        experimentId,
                        record.name(),
                        record.kind(),
                        record.epoch(),
                        record.sizeBytes(),
                        record.sha256(),
                        Timestamp.from(record.createdAt()))
                .update();
    }

    public List<CheckpointRecord> list(UUID experimentId) {
        return jdbc.sql("select * from checkpoints where experiment_id = ? order by epoch, name")
                .param(experimentId)
                .query(CheckpointRecords::row)
                .list();
    }

    public Optional<CheckpointRecord> find(UUID experimentId, String name) {
        return jdbc.sql("select * from checkpoints where experiment_id = ? and name = ?")
                .params(experimentId, name)
                .query(CheckpointRecords::row)
                .optional();
    }

    /** The newest training state to resume from, if any. */
    public Optional<CheckpointRecord> latestResume(UUID experimentId) {
        return jdbc.sql("select * from checkpoints where experiment_id = ? and kind = ? order by epoch desc limit 1")
                .params(experimentId, CheckpointNames.RESUME_KIND)
                .query(CheckpointRecords::row)
                .optional();
    }

    /** Forgets training states older than {@code epoch}; returns their names. */
    public List<String> deleteResumesBefore(UUID experimentId, int epoch) {
        List<String> names = jdbc.sql("delete from checkpoints where experiment_id = ? and kind = ? and epoch < ? "
                        + "returning name")
                .params(experimentId, CheckpointNames.RESUME_KIND, epoch)
                .query(String.class)
                .list();
        return names;
    }

    public void clear(UUID experimentId) {
        jdbc.sql("delete from checkpoints where experiment_id = ?")
                .param(experimentId)
                .update();
    }

    private static CheckpointRecord row(java.sql.ResultSet rs, int rowNum) throws java.sql.SQLException {
        return new CheckpointRecord(
                rs.getString("name"),
                rs.getString("kind"),
                rs.getInt("epoch"),
                rs.getLong("size_bytes"),
                rs.getString("sha256").trim(),
                rs.getTimestamp("created_at").toInstant());
    }
}
