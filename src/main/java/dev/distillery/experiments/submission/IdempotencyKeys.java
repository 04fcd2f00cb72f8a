package dev.distillery.experiments.submission;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Remembered Idempotency-Keys: per scope, the request's hash and the resource it created. */
@Repository
class IdempotencyKeys {

    /** A key already used: the hash of the request it came with and the resource that request created. */
    record Used(String requestSha256, UUID resourceId) {}

    private final JdbcClient jdbc;

    IdempotencyKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Used> find(String scope, String owner, String key) {
        return jdbc.sql(
                        "select request_sha256, resource_id from idempotency_keys where scope = ? and owner = ? and idempotency_key = ?")
                .params(scope, owner, key)
                .query((rs, row) -> new Used(rs.getString(1).trim(), rs.getObject(2, UUID.class)))
                .optional();
    }

    /** @return false when a concurrent request took the key first */
    boolean remember(String scope, String owner, String key, String requestSha256, UUID resourceId, Instant now) {
        return jdbc.sql(
                                """
                insert into idempotency_keys (scope, owner, idempotency_key, request_sha256, resource_id, created_at)
                values (?, ?, ?, ?, ?, ?) on conflict do nothing""")
                        .params(scope, owner, key, requestSha256, resourceId, Timestamp.from(now))
                        .update()
                == 1;
    }

    int forgetBefore(Instant cutoff) {
        return jdbc.sql("delete from idempotency_keys where created_at < ?")
                .param(Timestamp.from(cutoff))
                .update();
    }
}
