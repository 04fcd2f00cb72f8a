package dev.distillery.shared;

/** The request is well-formed but contradicts an earlier one (e.g. a reused idempotency key); answered with 422. */
public class UnprocessableException extends RuntimeException {

    private final String field;

    public UnprocessableException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
