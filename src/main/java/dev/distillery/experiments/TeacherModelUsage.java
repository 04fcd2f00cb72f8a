package dev.distillery.experiments;

import dev.distillery.models.ModelUsers;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** A model is in use while an experiment that names it as teacher is waiting, queued or running. */
@Component
class TeacherModelUsage implements ModelUsers {

    private final JdbcTemplate jdbc;

    TeacherModelUsage(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean inUse(UUID modelId) {
        Boolean used = jdbc.queryForObject(
                "select exists (select 1 from experiments where status in ('WAITING', 'QUEUED', 'RUNNING')"
                        + " and spec -> 'teacher' ->> 'modelId' = ?)",
                Boolean.class,
                modelId.toString());
        return Boolean.TRUE.equals(used);
    }
}
