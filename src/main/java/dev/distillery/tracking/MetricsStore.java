package dev.distillery.tracking;

import dev.distillery.training.EpochMetrics;
import dev.distillery.training.LogitDiagnostics;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Per-epoch metrics of experiments, one row per (experiment, phase, epoch). Writing an epoch again
 * replaces it, so a retried write never duplicates a row.
 */
@Repository
public class MetricsStore {

    private static final TypeReference<Map<String, Double>> TERMS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    MetricsStore(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    public void record(UUID experimentId, EpochMetrics m) {
        LogitDiagnostics d = m.diagnostics();
        jdbc.sql(
                        """
                insert into epoch_metrics (experiment_id, phase, epoch, train_loss, train_top1, test_loss, test_top1,
                    test_top5, learning_rate, epoch_seconds, samples_per_second, recorded_at, loss_terms,
                    teacher_agreement, kl, standardized_kl, student_logit_mean, student_logit_std,
                    teacher_logit_mean, teacher_logit_std, method_diagnostics)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                on conflict (experiment_id, phase, epoch) do update set
                    train_loss = excluded.train_loss, train_top1 = excluded.train_top1,
                    test_loss = excluded.test_loss, test_top1 = excluded.test_top1, test_top5 = excluded.test_top5,
                    learning_rate = excluded.learning_rate, epoch_seconds = excluded.epoch_seconds,
                    samples_per_second = excluded.samples_per_second, recorded_at = excluded.recorded_at,
                    loss_terms = excluded.loss_terms, teacher_agreement = excluded.teacher_agreement,
                    kl = excluded.kl, standardized_kl = excluded.standardized_kl,
                    student_logit_mean = excluded.student_logit_mean, student_logit_std = excluded.student_logit_std,
                    teacher_logit_mean = excluded.teacher_logit_mean, teacher_logit_std = excluded.teacher_logit_std,
                    method_diagnostics = excluded.method_diagnostics
                """)
                .params(
                        experimentId,
                        m.phase(),
                        m.epoch(),
                        m.trainLoss(),
                        m.trainTop1(),
                        m.testLoss(),
                        m.testTop1(),
                        m.testTop5(),
                        m.learningRate(),
                        m.epochSeconds(),
                        m.samplesPerSecond(),
                        Timestamp.from(clock.instant()),
                        json.writeValueAsString(m.lossTerms()),
                        d == null ? null : d.teacherAgreement(),
                        d == null ? null : d.kl(),
                        d == null ? null : d.standardizedKl(),
                        d == null ? null : d.studentLogitMean(),
                        d == null ? null : d.studentLogitStd(),
                        d == null ? null : d.teacherLogitMean(),
                        d == null ? null : d.teacherLogitStd(),
                        json.writeValueAsString(m.methodDiagnostics()))
                .update();
    }

    /** Every epoch of an experiment: the teacher phase first (if any), then the student, each by epoch. */
    public List<EpochMetrics> history(UUID experimentId) {
        return jdbc.sql(
                        """
                select * from epoch_metrics where experiment_id = ?
                order by case phase when 'teacher' then 0 else 1 end, epoch
                """)
                .param(experimentId)
                .query(this::row)
                .list();
    }

    /** Forgets the student epochs after {@code epoch}, for a run resumed from that epoch's state. */
    public void clearStudentEpochsAfter(UUID experimentId, int epoch) {
        jdbc.sql("delete from epoch_metrics where experiment_id = ? and phase = ? and epoch > ?")
                .params(experimentId, EpochMetrics.STUDENT, epoch)
                .update();
    }

    /** Forgets every epoch of an experiment, for a run that starts over. */
    public void clear(UUID experimentId) {
        jdbc.sql("delete from epoch_metrics where experiment_id = ?")
                .param(experimentId)
                .update();
    }

    private EpochMetrics row(ResultSet rs, int rowNum) throws SQLException {
        return new EpochMetrics(
                rs.getInt("epoch"),
                rs.getDouble("train_loss"),
                rs.getDouble("train_top1"),
                rs.getDouble("test_loss"),
                rs.getDouble("test_top1"),
                rs.getDouble("test_top5"),
                rs.getDouble("learning_rate"),
                rs.getDouble("epoch_seconds"),
                rs.getDouble("samples_per_second"),
                rs.getString("phase"),
                json.readValue(rs.getString("loss_terms"), TERMS),
                diagnostics(rs),
                json.readValue(rs.getString("method_diagnostics"), TERMS));
    }

    private static LogitDiagnostics diagnostics(ResultSet rs) throws SQLException {
        Double studentMean = nullable(rs, "student_logit_mean");
        if (studentMean == null) {
            return null;
        }
        return new LogitDiagnostics(
                nullable(rs, "teacher_agreement"),
                nullable(rs, "kl"),
                nullable(rs, "standardized_kl"),
                studentMean,
                rs.getDouble("student_logit_std"),
                nullable(rs, "teacher_logit_mean"),
                nullable(rs, "teacher_logit_std"));
    }

    private static Double nullable(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}
