package dev.distillery.shared;

/** A resource the client named does not exist; answered with 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
