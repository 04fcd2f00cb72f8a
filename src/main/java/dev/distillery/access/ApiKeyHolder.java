package dev.distillery.access;

import dev.distillery.shared.Caller;
import java.util.Set;

/**
 * The key a request was made with: its name (the owner of what it submits), its roles (the given
 * ones and those they include) and how many experiments it may have queued at once. Never holds
 * the key itself.
 */
public record ApiKeyHolder(String name, Set<ApiRole> roles, int maxQueued) {

    public boolean has(ApiRole role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return has(ApiRole.ADMIN);
    }

    /** This key as domain code sees a caller. */
    public Caller asCaller() {
        return new Caller(name, isAdmin(), maxQueued);
    }
}
