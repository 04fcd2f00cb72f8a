package dev.distillery.training.engine;

/** A safetensors file that cannot be read or does not fit its architecture; the message says why. */
public final class SafetensorsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SafetensorsException(String message) {
        super(message);
    }
}
