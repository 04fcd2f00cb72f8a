package dev.distillery.training;

/** A training run failed; the message says where (phase, epoch, step) and why, fit for an experiment's error. */
public class TrainingException extends RuntimeException {

    public TrainingException(String message) {
        super(message);
    }

    public TrainingException(String message, Throwable cause) {
        super(message, cause);
    }
}
