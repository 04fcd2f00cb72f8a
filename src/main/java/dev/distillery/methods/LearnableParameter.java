package dev.distillery.methods;

import ai.djl.ndarray.NDArray;
import java.util.Objects;

/**
 * A tensor a method learns alongside the student (e.g. ctkd's global temperature): the trainer hands it to the
 * student's optimizer (same learning rate, momentum and weight decay) and saves it with the training state. The
 * value belongs to the run's manager; {@link #replace} swaps in a restored value and closes the old one, so a method
 * reads {@link #value()} on every step instead of keeping the array.
 */
public final class LearnableParameter {

    private final String name;
    private NDArray value;

    /** @param value a float array in the run's manager; gradients are attached here */
    public LearnableParameter(String name, NDArray value) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = value;
        value.setRequiresGradient(true);
    }

    /** Unique within the method; stored in training states under {@code method.<name>}. */
    public String name() {
        return name;
    }

    public NDArray value() {
        return value;
    }

    /** Takes {@code restored} (same shape and type, in LibTorch-owned memory) as the value and closes the old one. */
    public void replace(NDArray restored) {
        if (!restored.getShape().equals(value.getShape()) || restored.getDataType() != value.getDataType()) {
            throw new IllegalArgumentException("parameter " + name + " is " + value.getShape() + " "
                    + value.getDataType() + ", not " + restored.getShape() + " " + restored.getDataType());
        }
        NDArray old = value;
        value = restored;
        value.setRequiresGradient(true);
        old.close();
    }
}
