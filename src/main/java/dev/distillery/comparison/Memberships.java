package dev.distillery.comparison;

import dev.distillery.experiments.ExperimentGroups;
import dev.distillery.experiments.submission.RepeatsSubmitted;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which group of repeats, and which sweep, each experiment belongs to. Groups are recorded when experiments announces
 * them, inside the submitting transaction; members are listed in the order they were recorded (seed order).
 */
@Repository
class Memberships implements ExperimentGroups {

    private final JdbcClient jdbc;

    Memberships(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(RepeatsSubmitted group) {
        group.experimentIds().forEach(experiment -> jdbc.sql(
                        "insert into experiment_memberships (experiment_id, group_id) values (?, ?)")
                .params(experiment, group.groupId())
                .update());
    }

    /** The group's experiments become part of the sweep. */
    void placeInSweep(UUID groupId, UUID sweepId) {
        jdbc.sql("update experiment_memberships set sweep_id = ? where group_id = ?")
                .params(sweepId, groupId)
                .update();
    }

    @Override
    public Map<UUID, UUID> groupsOf(Collection<UUID> experimentIds) {
        if (experimentIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, UUID> groups = new HashMap<>();
        jdbc.sql("select experiment_id, group_id from experiment_memberships where experiment_id in (:ids)")
                .param("ids", experimentIds)
                .query(rs -> {
                    groups.put(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class));
                });
        return groups;
    }

    /** The experiments of a group, in the order they were recorded; empty for an unknown group. */
    List<UUID> group(UUID groupId) {
        return jdbc.sql("select experiment_id from experiment_memberships where group_id = ? order by seq")
                .param(groupId)
                .query(UUID.class)
                .list();
    }

    /** The experiments of a sweep, in the order they were recorded. */
    List<UUID> sweep(UUID sweepId) {
        return jdbc.sql("select experiment_id from experiment_memberships where sweep_id = ? order by seq")
                .param(sweepId)
                .query(UUID.class)
                .list();
    }
}
