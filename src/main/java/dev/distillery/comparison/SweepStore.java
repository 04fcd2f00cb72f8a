package dev.distillery.comparison;

import dev.distillery.experiments.spec.ExperimentSpec;
import dev.distillery.shared.NotFoundException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Sweeps as submitted: base spec, grid, repeats. */
@Repository
class SweepStore {

    private static final TypeReference<LinkedHashMap<String, List<Object>>> GRID = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    SweepStore(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    void save(UUID id, ExperimentSpec spec, Map<String, List<Object>> grid, int repeats) {
        jdbc.sql("insert into sweeps (id, spec, grid, repeats, created_at) values (?, ?::jsonb, ?::json, ?, ?)")
                .params(
                        id,
                        json.writeValueAsString(spec),
                        json.writeValueAsString(grid),
                        repeats,
                        Timestamp.from(clock.instant()))
                .update();
    }

    Sweep find(UUID id) {
        return jdbc.sql("select grid::text as grid, repeats from sweeps where id = ?")
                .param(id)
                .query((rs, n) -> new Sweep(id, json.readValue(rs.getString("grid"), GRID), rs.getInt("repeats")))
                .optional()
                .orElseThrow(() -> new NotFoundException("no sweep with id " + id));
    }

    /** A stored sweep; the grid keeps its paths in the order given. */
    record Sweep(UUID id, Map<String, List<Object>> grid, int repeats) {}
}
