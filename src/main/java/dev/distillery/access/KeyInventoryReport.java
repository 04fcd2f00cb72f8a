package dev.distillery.access;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Once the database is ready: how many API-created keys are active, and which of them a configured key shadows. */
@Component
class KeyInventoryReport {

    private static final Logger log = LoggerFactory.getLogger(KeyInventoryReport.class);

    private final AccessProperties properties;
    private final ApiKeyDirectory directory;
    private final StoredApiKeys stored;

    KeyInventoryReport(AccessProperties properties, ApiKeyDirectory directory, StoredApiKeys stored) {
        this.properties = properties;
        this.directory = directory;
        this.stored = stored;
    }

    @EventListener(ApplicationReadyEvent.class)
    void report() {
        if (!properties.enabled()) {
            return;
        }
        List<StoredApiKeys.StoredKey> active =
                stored.all().stream().filter(key -> key.revokedAt() == null).toList();
        log.info("{} active API key(s) created through /api/v1/admin/keys", active.size());
        active.stream()
                .filter(key -> directory.configured().byName(key.name()).isPresent())
                .forEach(key -> log.warn(
                        "The API key '{}' created through the API is shadowed by a configured key of the same "
                                + "name and will not be accepted; revoke it or rename the configured key",
                        key.name()));
    }
}
