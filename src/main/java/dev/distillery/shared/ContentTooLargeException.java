package dev.distillery.shared;

/** A request body beyond a limit of its own (an upload): 413. */
public class ContentTooLargeException extends RuntimeException {

    public ContentTooLargeException(String message) {
        super(message);
    }
}
