package dev.distillery.access;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * API-key security under {@code distillery.security.*}.
 *
 * @param enabled off (the laptop default) leaves every endpoint open, and says so loudly at startup
 * @param publicRead with security on, let requests without a key read (GET) experiments, metrics and
 *     comparisons; checkpoint downloads still need a key
 * @param maxQueuedPerKey how many experiments a key may have waiting or queued at once, unless the key sets its own
 * @param keys keys given in configuration; admins can add more through {@code /api/v1/admin/keys}
 */
@ConfigurationProperties("distillery.security")
public record AccessProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("false") boolean publicRead,
        @DefaultValue("100") int maxQueuedPerKey,
        @DefaultValue List<ConfiguredKey> keys) {

    /**
     * A configured key.
     *
     * @param name who the key belongs to, e.g. "ci-bot": the owner of the experiments it submits
     * @param hash SHA-256 of the key, hex ({@code printf %s "$KEY" | sha256sum}); the key itself is never configured
     * @param roles reader, submitter or admin
     * @param maxQueued this key's own limit on queued experiments (optional)
     */
    public record ConfiguredKey(String name, String hash, List<ApiRole> roles, Integer maxQueued) {}
}
