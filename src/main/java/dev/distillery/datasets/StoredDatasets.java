package dev.distillery.datasets;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code registered_datasets} table. */
@Repository
class StoredDatasets {

    /** One registered dataset. */
    record Stored(
            String name,
            String format,
            String path,
            Integer imageSize,
            boolean uploaded,
            String registeredBy,
            Instant registeredAt) {}

    private static final String COLUMNS = "name, format, path, image_size, uploaded, registered_by, registered_at";

    private final JdbcClient jdbc;

    StoredDatasets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Stored> find(String name) {
        return jdbc.sql("select " + COLUMNS + " from registered_datasets where name = ?")
                .param(name)
                .query(StoredDatasets::row)
                .optional();
    }

    List<Stored> all() {
        return jdbc.sql("select " + COLUMNS + " from registered_datasets order by name")
                .query(StoredDatasets::row)
                .list();
    }

    /** @return false when the name is taken */
    boolean insert(Stored dataset) {
        return jdbc.sql("insert into registered_datasets (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?) "
                                + "on conflict do nothing")
                        .params(
                                dataset.name(),
                                dataset.format(),
                                dataset.path(),
                                dataset.imageSize(),
                                dataset.uploaded(),
                                dataset.registeredBy(),
                                Timestamp.from(dataset.registeredAt()))
                        .update()
                == 1;
    }

    void delete(String name) {
        jdbc.sql("delete from registered_datasets where name = ?").param(name).update();
    }

    private static Stored row(ResultSet rs, int row) throws SQLException {
        int size = rs.getInt("image_size");
        return new Stored(
                rs.getString("name"),
                rs.getString("format"),
                rs.getString("path"),
                rs.wasNull() ? null : size,
                rs.getBoolean("uploaded"),
                rs.getString("registered_by"),
                rs.getTimestamp("registered_at").toInstant());
    }
}
