package dev.distillery.training;

/** A model file that does not fit what it claims to be; the message names each problem. */
public class ModelFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModelFileException(String message) {
        super(message);
    }
}
