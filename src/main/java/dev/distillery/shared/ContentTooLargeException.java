package dev.distillery.shared;

/** An upload larger than a configured limit; answered with 413. */
public class ContentTooLargeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ContentTooLargeException(String message) {
        super(message);
    }
}
