package dev.distillery.shared;

/** The request is valid but the resource's current state forbids it; answered with 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
