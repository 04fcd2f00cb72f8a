package dev.distillery.shared;

import java.time.Duration;

/** A limit (e.g. on queued experiments) would be exceeded; answered with 429 and {@code Retry-After}. */
public class TooManyRequestsException extends RuntimeException {

    /** The problem's title when none is given: the first limit there was. */
    public static final String QUEUED_TITLE = "Too many queued experiments";

    private final String title;
    private final Duration retryAfter;

    public TooManyRequestsException(String message, Duration retryAfter) {
        this(QUEUED_TITLE, message, retryAfter);
    }

    /** @param title the problem's title, naming the limit (each limit has its own) */
    public TooManyRequestsException(String title, String message, Duration retryAfter) {
        super(message);
        this.title = title;
        this.retryAfter = retryAfter;
    }

    public String title() {
        return title;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
