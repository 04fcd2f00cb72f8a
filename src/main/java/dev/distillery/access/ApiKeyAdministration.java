package dev.distillery.access;

import dev.distillery.shared.ConflictException;
import dev.distillery.shared.NotFoundException;
import dev.distillery.shared.Sha256;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What admins do with keys: list them, create one (its secret is shown once), revoke one. */
@Service
public class ApiKeyAdministration {

    /** A key as admins see it: never the key or its hash. {@code source} is "configuration" or "api". */
    public record KeyView(
            String name,
            Set<ApiRole> roles,
            int maxQueued,
            String source,
            String createdBy,
            Instant createdAt,
            Instant revokedAt) {}

    /** A new key and its secret, which is not kept and cannot be shown again. */
    public record CreatedKey(String name, String key, Set<ApiRole> roles, int maxQueued) {

        /** Spring logs returned values at DEBUG: the secret must not be in what it prints. */
        @Override
        public String toString() {
            return "CreatedKey[name=" + name + ", key=(shown once, never logged), roles=" + roles + ", maxQueued="
                    + maxQueued + "]";
        }
    }

    private final ApiKeyDirectory directory;
    private final StoredApiKeys stored;
    private final CurrentCaller callers;
    private final Clock clock;
    private final boolean securityOn;

    ApiKeyAdministration(
            ApiKeyDirectory directory,
            StoredApiKeys stored,
            CurrentCaller callers,
            Clock clock,
            AccessProperties properties) {
        this.securityOn = properties.enabled();
        this.directory = directory;
        this.stored = stored;
        this.callers = callers;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<KeyView> list() {
        List<KeyView> keys = new ArrayList<>();
        directory.configured().callers().stream()
                .sorted(Comparator.comparing(ApiKeyHolder::name))
                .forEach(caller -> keys.add(new KeyView(
                        caller.name(), caller.roles(), caller.maxQueued(), "configuration", null, null, null)));
        stored.all().forEach(key -> {
            ApiKeyHolder caller = directory.caller(key);
            keys.add(new KeyView(
                    key.name(),
                    caller.roles(),
                    caller.maxQueued(),
                    "api",
                    key.createdBy(),
                    key.createdAt(),
                    key.revokedAt()));
        });
        return keys;
    }

    @Transactional
    public CreatedKey create(String name, Set<ApiRole> roles, Integer maxQueued) {
        if (!securityOn) {
            // anyone can reach this endpoint while security is off; a key made now would outlive that
            throw new ConflictException("keys can be created only with distillery.security.enabled=true");
        }
        String key = ApiKeyHashes.newKey();
        String createdBy = callers.get().map(ApiKeyHolder::name).orElse(null);
        if (directory.configured().byName(name).isPresent()
                || !stored.insert(name, Sha256.hex(key), roles, maxQueued, createdBy, clock.instant())) {
            throw new ConflictException("a key named '" + name + "' already exists (revoked keys keep their name)");
        }
        ApiKeyHolder caller = directory.caller(stored.findByName(name).orElseThrow());
        return new CreatedKey(name, key, caller.roles(), caller.maxQueued());
    }

    /** Revokes an API-created key at once; idempotent. Configured keys are removed from the configuration instead. */
    @Transactional
    public void revoke(String name) {
        if (stored.findByName(name).isEmpty()) {
            throw directory.configured().byName(name).isPresent()
                    ? new ConflictException(
                            "'" + name + "' is a configured key: remove it from distillery.security.keys")
                    : new NotFoundException("no API key named '" + name + "'");
        }
        stored.revoke(name, clock.instant());
    }
}
