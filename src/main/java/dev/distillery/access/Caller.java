package dev.distillery.access;

import java.util.Set;

/**
 * The key a request was made with: its name (the owner of what it submits), its roles (the given
 * ones and those they include) and how many experiments it may have queued at once. Never holds
 * the key itself.
 */
public record Caller(String name, Set<ApiRole> roles, int maxQueued) {

    public boolean has(ApiRole role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return has(ApiRole.ADMIN);
    }
}
