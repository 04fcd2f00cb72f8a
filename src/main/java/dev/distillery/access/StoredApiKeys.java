package dev.distillery.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Keys created by admins, in PostgreSQL: name, SHA-256 of the key, roles; revoked keys are kept, marked. */
@Repository
class StoredApiKeys {

    /** A stored key as admins see it. */
    record StoredKey(
            String name,
            Set<ApiRole> roles,
            Integer maxQueued,
            String createdBy,
            Instant createdAt,
            Instant revokedAt) {}

    private static final String COLUMNS = "name, roles, max_queued, created_by, created_at, revoked_at";

    private final JdbcClient jdbc;

    StoredApiKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StoredKey> findActiveByHash(String sha256) {
        return jdbc.sql("select " + COLUMNS + " from api_keys where key_sha256 = ? and revoked_at is null")
                .param(sha256)
                .query(StoredApiKeys::row)
                .optional();
    }

    Optional<StoredKey> findByName(String name) {
        return jdbc.sql("select " + COLUMNS + " from api_keys where name = ?")
                .param(name)
                .query(StoredApiKeys::row)
                .optional();
    }

    List<StoredKey> all() {
        return jdbc.sql("select " + COLUMNS + " from api_keys order by created_at, name")
                .query(StoredApiKeys::row)
                .list();
    }

    /** @return false when the name is taken */
    boolean insert(String name, String sha256, Set<ApiRole> roles, Integer maxQueued, String createdBy, Instant now) {
        String roleList = roles.stream().map(ApiRole::label).sorted().collect(Collectors.joining(","));
        return jdbc.sql(
                                """
                insert into api_keys (name, key_sha256, roles, max_queued, created_by, created_at)
                values (?, ?, ?, ?, ?, ?) on conflict do nothing""")
                        .params(name, sha256, roleList, maxQueued, createdBy, Timestamp.from(now))
                        .update()
                == 1;
    }

    void revoke(String name, Instant now) {
        jdbc.sql("update api_keys set revoked_at = ? where name = ? and revoked_at is null")
                .params(Timestamp.from(now), name)
                .update();
    }

    private static StoredKey row(ResultSet rs, int row) throws SQLException {
        Set<ApiRole> roles = EnumSet.noneOf(ApiRole.class);
        Arrays.stream(rs.getString("roles").split(",")).map(ApiRole::parse).forEach(roles::add);
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new StoredKey(
                rs.getString("name"),
                roles,
                (Integer) rs.getObject("max_queued"),
                rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant(),
                revoked == null ? null : revoked.toInstant());
    }
}
