package dev.distillery.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V7 on a database at V6 holding what runs recorded before non-finite evaluations failed them: a best or last taken
 * from a student epoch row with a NaN or infinite test loss or an accuracy outside [0, 1] is cleared; everything
 * else (valid rows, teacher rows, other experiments) is left as it was.
 */
class ExperimentBestMigrationTest {

    private static final String NAN = "NaN";
    private static final String INF = "Infinity";

    @Test
    void bestAndLastFromInvalidEpochRowsAreCleared() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            DataSource dataSource = postgres.getPostgresDatabase();
            flyway(dataSource, "6").migrate();
            JdbcClient jdbc = JdbcClient.create(dataSource);

            // best and last both from epoch 3, whose student went NaN (the observed run)
            UUID wentNan = experiment(jdbc, 3, 3, 1.0, 1.0, 1.0, 1.0);
            epoch(jdbc, wentNan, "student", 1, "2.1", "0.3", "0.7");
            epoch(jdbc, wentNan, "student", 2, "1.9", "0.35", "0.75");
            epoch(jdbc, wentNan, "student", 3, NAN, "1.0", "1.0");
            // a valid best, then a last epoch with an infinite loss
            UUID lastInfinite = experiment(jdbc, 2, 3, 0.6, 0.9, 0.5, 0.8);
            epoch(jdbc, lastInfinite, "student", 2, "1.1", "0.6", "0.9");
            epoch(jdbc, lastInfinite, "student", 3, INF, "0.5", "0.8");
            // a best whose top-1 is above 1 with a finite loss
            UUID aboveOne = experiment(jdbc, 1, 1, 1.5, 1.0, 1.5, 1.0);
            epoch(jdbc, aboveOne, "student", 1, "0.7", "1.5", "1.0");
            // valid student rows; the teacher's epoch 2 went NaN, which is not the student's best
            UUID valid = experiment(jdbc, 2, 3, 0.7, 0.95, 0.65, 0.9);
            epoch(jdbc, valid, "teacher", 2, NAN, "1.0", "1.0");
            epoch(jdbc, valid, "student", 2, "0.9", "0.7", "0.95");
            epoch(jdbc, valid, "student", 3, "0.95", "0.65", "0.9");

            flyway(dataSource, "7").migrate();

            assertThat(scores(jdbc, wentNan)).containsExactly(null, null, null, null, null);
            assertThat(scores(jdbc, lastInfinite)).containsExactly(2, 0.6, 0.9, null, null);
            assertThat(scores(jdbc, aboveOne)).containsExactly(null, null, null, null, null);
            assertThat(scores(jdbc, valid)).containsExactly(2, 0.7, 0.95, 0.65, 0.9);
            assertThat(version(jdbc, wentNan)).isEqualTo(2);
            assertThat(version(jdbc, valid)).isZero();
        }
    }

    private static Flyway flyway(DataSource dataSource, String target) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .target(target)
                .load();
    }

    private static UUID experiment(
            JdbcClient jdbc,
            int bestEpoch,
            int currentEpoch,
            double bestTop1,
            double bestTop5,
            double lastTop1,
            double lastTop5) {
        UUID id = UUID.randomUUID();
        jdbc.sql(
                        """
                insert into experiments (id, method, status, priority, spec, total_epochs, current_epoch, best_epoch,
                    best_test_top1, best_test_top5, last_test_top1, last_test_top5, created_at)
                values (?, 'ce', 'SUCCEEDED', 0, '{}'::jsonb, 3, ?, ?, ?, ?, ?, ?, now())""")
                .params(id, currentEpoch, bestEpoch, bestTop1, bestTop5, lastTop1, lastTop5)
                .update();
        return id;
    }

    /** An epoch row; the test scores are PostgreSQL float8 literals, so 'NaN' and 'Infinity' are stored as such. */
    private static void epoch(
            JdbcClient jdbc,
            UUID experiment,
            String phase,
            int epoch,
            String testLoss,
            String testTop1,
            String testTop5) {
        jdbc.sql(
                        """
                insert into epoch_metrics (experiment_id, phase, epoch, train_loss, train_top1, test_loss, test_top1,
                    test_top5, learning_rate, epoch_seconds, samples_per_second, recorded_at)
                values (?, ?, ?, 1.0, 0.5, ?::float8, ?::float8, ?::float8, 0.05, 1.0, 100.0, now())""")
                .params(experiment, phase, epoch, testLoss, testTop1, testTop5)
                .update();
    }

    /** best epoch, best top-1, best top-5, last top-1, last top-5. */
    private static List<Object> scores(JdbcClient jdbc, UUID id) {
        Map<String, Object> row = jdbc.sql(
                        """
                select best_epoch, best_test_top1, best_test_top5, last_test_top1, last_test_top5
                from experiments where id = ?""")
                .param(id)
                .query()
                .singleRow();
        return Arrays.asList(
                row.get("best_epoch"),
                row.get("best_test_top1"),
                row.get("best_test_top5"),
                row.get("last_test_top1"),
                row.get("last_test_top5"));
    }

    private static long version(JdbcClient jdbc, UUID id) {
        return jdbc.sql("select version from experiments where id = ?")
                .param(id)
                .query(Long.class)
                .single();
    }
}
