package dev.distillery.comparison;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The student epochs of many experiments in one query over the (experiment_id, phase, epoch)
 * primary key, as metric columns per run. Loss components become {@code loss.<name>} columns,
 * extracted by PostgreSQL (one query finds the names first).
 */
@Repository
class MetricsTable {

    /** Column → metric name, in the order the comparison lists them. */
    static final Map<String, String> COLUMNS = columns();

    private final JdbcClient jdbc;

    MetricsTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Each experiment's student epochs, oldest first; experiments without epochs are absent. */
    Map<UUID, RunMetrics> studentEpochs(List<UUID> ids) {
        List<String> terms = lossTerms(ids);
        List<String> names = new ArrayList<>(COLUMNS.values());
        StringBuilder select = new StringBuilder("select experiment_id, epoch");
        COLUMNS.keySet().forEach(column -> select.append(", ").append(column));
        Map<String, Object> params = new HashMap<>(Map.of("ids", ids));
        for (int t = 0; t < terms.size(); t++) {
            select.append(", (loss_terms ->> :t").append(t).append(")::float8");
            params.put("t" + t, terms.get(t));
            names.add("loss." + terms.get(t));
        }
        Map<UUID, Columns> runs = new LinkedHashMap<>();
        jdbc.sql(select + " from epoch_metrics where experiment_id in (:ids) and phase = 'student'"
                        + " order by experiment_id, epoch")
                .params(params)
                .query((ResultSet rs) -> {
                    runs.computeIfAbsent(rs.getObject(1, UUID.class), id -> new Columns(names.size()))
                            .add(rs);
                });
        Map<UUID, RunMetrics> metrics = new HashMap<>();
        runs.forEach((id, columns) -> metrics.put(id, columns.build(names)));
        return metrics;
    }

    private List<String> lossTerms(List<UUID> ids) {
        return jdbc.sql("select distinct jsonb_object_keys(loss_terms) as term from epoch_metrics"
                        + " where experiment_id in (:ids) and phase = 'student' order by term")
                .param("ids", ids)
                .query(String.class)
                .list();
    }

    private static Map<String, String> columns() {
        Map<String, String> columns = new LinkedHashMap<>();
        for (String column : List.of(
                "train_loss",
                "train_top1",
                "test_loss",
                "test_top1",
                "test_top5",
                "learning_rate",
                "epoch_seconds",
                "samples_per_second",
                "teacher_agreement",
                "kl",
                "standardized_kl",
                "student_logit_mean",
                "student_logit_std",
                "teacher_logit_mean",
                "teacher_logit_std")) {
            columns.put(column, camel(column));
        }
        return java.util.Collections.unmodifiableMap(columns);
    }

    private static String camel(String column) {
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.toString();
    }

    /** Growing columns of one run while its rows are read. */
    private static final class Columns {

        private final List<Integer> epochs = new ArrayList<>();
        private final List<double[]> rows = new ArrayList<>();
        private final int width;

        Columns(int width) {
            this.width = width;
        }

        void add(ResultSet rs) throws SQLException {
            epochs.add(rs.getInt(2));
            double[] row = new double[width];
            for (int c = 0; c < width; c++) {
                double value = rs.getDouble(c + 3);
                row[c] = rs.wasNull() ? Double.NaN : value;
            }
            rows.add(row);
        }

        RunMetrics build(List<String> names) {
            Map<String, double[]> values = new LinkedHashMap<>();
            for (int c = 0; c < width; c++) {
                double[] column = new double[rows.size()];
                boolean any = false;
                for (int r = 0; r < column.length; r++) {
                    column[r] = rows.get(r)[c];
                    any |= !Double.isNaN(column[r]);
                }
                if (any) {
                    values.put(names.get(c), column);
                }
            }
            return new RunMetrics(epochs.stream().mapToInt(Integer::intValue).toArray(), values);
        }
    }
}
