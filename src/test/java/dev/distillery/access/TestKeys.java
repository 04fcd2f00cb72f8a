package dev.distillery.access;

import dev.distillery.shared.Sha256;
import org.springframework.test.context.DynamicPropertyRegistry;

/** API keys for security tests: the secrets, and their SHA-256 configured the way an operator would. */
public final class TestKeys {

    public static final String READER = "reader-secret-7f3a9c";
    public static final String ALICE = "alice-secret-52be01";
    public static final String BOB = "bob-secret-c0ffee";
    public static final String ADMIN = "admin-secret-9d1e77";

    private TestKeys() {}

    /** Security on, with a reader, two submitters (alice, bob) and an admin; alice may queue {@code aliceMaxQueued}. */
    public static void configure(DynamicPropertyRegistry registry, int aliceMaxQueued) {
        registry.add("distillery.security.enabled", () -> "true");
        key(registry, 0, "reader", READER, "reader");
        key(registry, 1, "alice", ALICE, "submitter");
        registry.add("distillery.security.keys[1].max-queued", () -> aliceMaxQueued);
        key(registry, 2, "bob", BOB, "submitter");
        key(registry, 3, "admin", ADMIN, "admin");
    }

    private static void key(DynamicPropertyRegistry registry, int index, String name, String secret, String role) {
        String prefix = "distillery.security.keys[" + index + "].";
        registry.add(prefix + "name", () -> name);
        registry.add(prefix + "hash", () -> Sha256.hex(secret));
        registry.add(prefix + "roles", () -> role);
    }
}
