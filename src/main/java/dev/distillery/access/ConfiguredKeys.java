package dev.distillery.access;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The keys from {@code distillery.security.keys}, checked once at startup, by hash. */
final class ConfiguredKeys {

    private final Map<String, ApiKeyHolder> byHash = new HashMap<>();

    ConfiguredKeys(AccessProperties properties) {
        var keys = properties.keys();
        for (int i = 0; i < keys.size(); i++) {
            add("distillery.security.keys[" + i + "]", keys.get(i), properties.maxQueuedPerKey());
        }
    }

    Optional<ApiKeyHolder> byHash(String sha256) {
        return Optional.ofNullable(byHash.get(sha256));
    }

    Optional<ApiKeyHolder> byName(String name) {
        return callers().stream().filter(caller -> caller.name().equals(name)).findFirst();
    }

    Collection<ApiKeyHolder> callers() {
        return byHash.values();
    }

    private void add(String property, AccessProperties.ConfiguredKey key, int defaultMaxQueued) {
        if (!KeyNames.isValid(key.name())) {
            throw invalid(property + ".name", "must match " + KeyNames.PATTERN);
        }
        String hash = ApiKeyHashes.canonical(key.hash());
        if (hash == null) {
            throw invalid(
                    property + ".hash",
                    "must be the SHA-256 of the key in hex (64 characters), " + "e.g. printf %s \"$KEY\" | sha256sum");
        }
        if (key.roles() == null || key.roles().isEmpty()) {
            throw invalid(property + ".roles", "must name at least one of reader, submitter, admin");
        }
        if (byHash.containsKey(hash) || byName(key.name()).isPresent()) {
            throw invalid(property, "repeats the name or key of another configured key");
        }
        int maxQueued = key.maxQueued() == null ? defaultMaxQueued : key.maxQueued();
        byHash.put(hash, new ApiKeyHolder(key.name(), ApiRole.expand(key.roles()), maxQueued));
    }

    private static IllegalStateException invalid(String property, String reason) {
        return new IllegalStateException("Invalid API key configuration: " + property + " " + reason);
    }
}
