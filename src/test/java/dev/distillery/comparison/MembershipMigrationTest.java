package dev.distillery.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V8 on a database at V7: the group and sweep columns of experiments become rows of experiment_memberships, listed
 * oldest first and, for repeats submitted at the same instant, in seed order; experiments submitted alone get none, and
 * the old columns are gone.
 */
class MembershipMigrationTest {

    private static final Instant EARLIER = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant LATER = Instant.parse("2025-01-01T00:00:01Z");

    @Test
    void groupAndSweepColumnsBecomeMemberships() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            DataSource dataSource = postgres.getPostgresDatabase();
            flyway(dataSource, "7").migrate();
            JdbcClient jdbc = JdbcClient.create(dataSource);
            UUID group = UUID.randomUUID();
            UUID sweepGroup = UUID.randomUUID();
            UUID sweep = UUID.randomUUID();
            // inserted out of order: seeds 12, 10, 11 of one group at one instant
            UUID seed12 = experiment(jdbc, EARLIER, 12, group, null);
            UUID seed10 = experiment(jdbc, EARLIER, 10, group, null);
            UUID seed11 = experiment(jdbc, EARLIER, 11, group, null);
            UUID inSweep = experiment(jdbc, LATER, 1, sweepGroup, sweep);
            UUID alone = experiment(jdbc, EARLIER, 5, null, null);

            flyway(dataSource, "8").migrate();

            assertThat(members(jdbc, "group_id", group)).containsExactly(seed10, seed11, seed12);
            assertThat(members(jdbc, "group_id", sweepGroup)).containsExactly(inSweep);
            assertThat(members(jdbc, "sweep_id", sweep)).containsExactly(inSweep);
            assertThat(jdbc.sql("select count(*) from experiment_memberships where experiment_id = ?")
                            .param(alone)
                            .query(Long.class)
                            .single())
                    .isZero();
            assertThat(jdbc.sql(
                                    """
                    select column_name from information_schema.columns
                    where table_name = 'experiments' and column_name in ('group_id', 'sweep_id')""")
                            .query(String.class)
                            .list())
                    .isEmpty();
        }
    }

    private static Flyway flyway(DataSource dataSource, String target) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .target(target)
                .load();
    }

    private static UUID experiment(JdbcClient jdbc, Instant createdAt, long seed, UUID group, UUID sweep) {
        UUID id = UUID.randomUUID();
        jdbc.sql(
                        """
                insert into experiments (id, method, status, priority, spec, total_epochs, current_epoch, created_at,
                    group_id, sweep_id)
                values (?, 'ce', 'QUEUED', 0, ?::jsonb, 3, 0, ?, ?, ?)""")
                .params(id, "{\"seed\": " + seed + "}", Timestamp.from(createdAt), group, sweep)
                .update();
        return id;
    }

    private static List<UUID> members(JdbcClient jdbc, String column, UUID id) {
        return jdbc.sql("select experiment_id from experiment_memberships where " + column + " = ? order by seq")
                .param(id)
                .query(UUID.class)
                .list();
    }
}
