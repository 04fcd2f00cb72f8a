package dev.distillery.shared;

/**
 * Who makes a request, as domain code sees it: the name of the API key (the owner of what it submits), whether the
 * key is an admin's, and how many experiments it may have waiting or queued. Controllers receive it as an argument
 * (resolved by the access module) and pass it on; domain code never reads the security context.
 *
 * @param name      the key's name; null for {@link #ANONYMOUS}
 * @param maxQueued the key's own limit of waiting or queued experiments
 */
public record Caller(String name, boolean admin, int maxQueued) {

    /** A request without a key (security off): owns nothing, has no limit of its own, may cancel anything. */
    public static final Caller ANONYMOUS = new Caller(null, false, Integer.MAX_VALUE);

    public boolean anonymous() {
        return name == null;
    }

    /** Whether this caller may change what {@code owner} submitted: anonymous requests, admins and the owner may. */
    public boolean mayChange(String owner) {
        return anonymous() || admin || name.equals(owner);
    }
}
