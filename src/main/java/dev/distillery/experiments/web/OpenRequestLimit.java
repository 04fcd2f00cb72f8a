package dev.distillery.experiments.web;

import dev.distillery.shared.Caller;
import dev.distillery.shared.TooManyRequestsException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A bound on requests that stay open (event streams, long-polls), overall and per client, so one key cannot take
 * every slot. A client is its API key, or its address when the request has none (security off).
 */
final class OpenRequestLimit {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private final String title;
    private final String setting;
    private final int max;
    private final int maxPerClient;
    private final Map<String, Integer> perClient = new HashMap<>();
    private int open;

    /**
     * @param title   the 429's title, e.g. "Too many open event streams"
     * @param setting the settings' prefix, e.g. {@code distillery.api.max-event-streams}
     */
    OpenRequestLimit(String title, String setting, int max, int maxPerClient) {
        this.title = title;
        this.setting = setting;
        this.max = max;
        this.maxPerClient = maxPerClient;
    }

    /** The client a request counts for. */
    static String client(Caller caller, HttpServletRequest request) {
        return caller.anonymous() ? "address " + request.getRemoteAddr() : "key " + caller.name();
    }

    /**
     * Takes a slot for {@code client}; run the answer (once or more) when the request ends.
     *
     * @throws TooManyRequestsException 429 when the overall or the client's bound is reached
     */
    synchronized Runnable acquire(String client) {
        int mine = perClient.getOrDefault(client, 0);
        if (mine >= maxPerClient) {
            throw refused(mine + " are open for this client, the most " + setting + "-per-key allows");
        }
        if (open >= max) {
            throw refused(open + " are open, the most " + setting + " allows");
        }
        perClient.put(client, mine + 1);
        open++;
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                release(client);
            }
        };
    }

    /** Slots held now, overall. */
    synchronized int open() {
        return open;
    }

    private synchronized void release(String client) {
        open--;
        perClient.computeIfPresent(client, (key, held) -> held > 1 ? held - 1 : null);
    }

    private TooManyRequestsException refused(String why) {
        return new TooManyRequestsException(title, title + ": " + why + "; retry later", RETRY_AFTER);
    }
}
