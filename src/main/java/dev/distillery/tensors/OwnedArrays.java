package dev.distillery.tensors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * NDArrays whose memory LibTorch allocated and reference-counts.
 *
 * <p>DJL's PyTorch engine turns Java data into a CPU array with {@code torch::from_blob} over a direct
 * {@code ByteBuffer}: {@code NDManager.create(float[])}, {@code NDManager.decode}, and the scalar behind every
 * {@code add/sub/mul/div/pow/maximum(Number)}. LibTorch does not own that memory; only the Java NDArray object keeps
 * the buffer alive. Once that object is closed, the garbage collector may free the memory at any moment, while a
 * tensor derived from it can live on inside LibTorch: autograd saves the scalar of {@code x.div(τ)} for the backward
 * pass, yet {@code div(Number)} closes it as soon as the forward op returns. A backward pass after a collection then
 * reads freed memory (silently wrong gradients, NaN, or a crash).
 *
 * <p>Every array made here is a copy in LibTorch's own memory; the Java-backed staging array is closed before the
 * method returns. Views, autograd graphs and gradients derived from these arrays stay valid as long as LibTorch needs
 * them. The engine and the loss maths create arrays from Java values only through this class.
 */
public final class OwnedArrays {

    private OwnedArrays() {}

    /** A 0-d array holding {@code value}, with {@code like}'s data type, in {@code like}'s manager. */
    public static NDArray scalar(NDArray like, double value) {
        return scalar(like.getManager(), value, like.getDataType());
    }

    /** A 0-d array holding {@code value} (converted to {@code type}) in {@code manager}. */
    public static NDArray scalar(NDManager manager, double value, DataType type) {
        try (NDArray staged = manager.create(value);
                NDArray typed = staged.toType(type, false)) {
            return typed.duplicate();
        }
    }

    /** A float32 array of {@code shape} holding a copy of {@code values}. */
    public static NDArray of(NDManager manager, float[] values, Shape shape) {
        try (NDArray staged = manager.create(values, shape)) {
            return staged.duplicate();
        }
    }

    /** A 1-d int64 array holding a copy of {@code values}. */
    public static NDArray of(NDManager manager, long[] values) {
        try (NDArray staged = manager.create(values)) {
            return staged.duplicate();
        }
    }

    /** A 2-d float64 array holding a copy of the rectangular {@code rows}. */
    public static NDArray of(NDManager manager, double[][] rows) {
        try (NDArray staged = manager.create(rows)) {
            return staged.duplicate();
        }
    }

    /**
     * Moves {@code array}'s values into LibTorch-owned memory in place (same Java object, manager and name), for arrays
     * that DJL created over Java memory, such as parameters it decoded from a file. The array must not require
     * gradients yet (a copy of one would join the autograd graph); set them afterwards.
     */
    public static void own(NDArray array) {
        if (array.hasGradient()) {
            throw new IllegalArgumentException(
                    "own() before setRequiresGradient: " + array.getName() + " already requires gradients");
        }
        array.intern(array.duplicate());
    }
}
