package dev.distillery.access;

import dev.distillery.shared.Sha256;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Finds the caller behind a presented key: configured keys first, then keys admins created. A stored
 * key whose name a configured key also has is shadowed: it never authenticates (names are identities:
 * owners, quotas, Idempotency-Keys), and startup warns about it.
 */
@Component
class ApiKeyDirectory {

    private final ConfiguredKeys configured;
    private final StoredApiKeys stored;
    private final int defaultMaxQueued;

    ApiKeyDirectory(AccessProperties properties, StoredApiKeys stored) {
        this.configured = new ConfiguredKeys(properties);
        this.stored = stored;
        this.defaultMaxQueued = properties.maxQueuedPerKey();
    }

    Optional<ApiKeyHolder> find(String presentedKey) {
        String hash = Sha256.hex(presentedKey);
        return configured.byHash(hash).or(() -> stored.findActiveByHash(hash)
                .filter(key -> configured.byName(key.name()).isEmpty())
                .map(this::caller));
    }

    ConfiguredKeys configured() {
        return configured;
    }

    ApiKeyHolder caller(StoredApiKeys.StoredKey key) {
        return new ApiKeyHolder(
                key.name(), ApiRole.expand(key.roles()), key.maxQueued() == null ? defaultMaxQueued : key.maxQueued());
    }
}
