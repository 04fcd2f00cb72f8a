package dev.distillery.training.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.distillery.training.TrainingException;

/**
 * Thread-safe autograd for the PyTorch engine, replacing DJL's {@code GradientCollector}.
 *
 * <p>{@code PtGradientCollector} only (1) switches the calling thread's grad mode on, (2) calls
 * {@code JniUtils.backward} and (3) restores the grad mode on close; but it also sets a JVM-wide static flag
 * that makes a second collector on any other thread throw. LibTorch's grad mode is thread-local and backward
 * passes on independent graphs may run concurrently, so doing (1)–(3) directly lets several workers train at
 * the same time without serializing their forward/backward passes behind a global lock.
 */
final class Autograd {

    private Autograd() {}

    /** Sets the calling thread's grad mode; closing the result restores the previous mode. */
    static GradMode gradMode(boolean enabled) {
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(enabled);
        return new GradMode(previous);
    }

    /** Back-propagates a scalar loss into the gradients of the parameters that require them. */
    static void backward(NDArray loss) {
        if (!(loss instanceof PtNDArray ptLoss)) {
            throw new TrainingException("training needs the PyTorch engine, got "
                    + loss.getManager().getEngine());
        }
        try (NDArray seed = loss.onesLike()) {
            JniUtils.backward(ptLoss, (PtNDArray) seed, false, false);
        }
    }

    /** Restores a thread's previous grad mode when closed. */
    static final class GradMode implements AutoCloseable {

        private final boolean previous;

        private GradMode(boolean previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            JniUtils.setGradMode(previous);
        }
    }
}
