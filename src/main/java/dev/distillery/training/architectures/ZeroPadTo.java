package dev.distillery.training.architectures;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Zero-pads (N, C, H, W) images to at least {@code side x side}, evenly on both sides (the odd pixel goes to the
 * bottom/right), so that e.g. 28x28 Fashion-MNIST images run through networks designed for 32x32 CIFAR. Larger
 * inputs pass unchanged.
 */
final class ZeroPadTo extends AbstractBlock {

    private final int side;

    ZeroPadTo(int side) {
        this.side = side;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray images = inputs.singletonOrThrow();
        Shape shape = images.getShape();
        long height = shape.get(2);
        long width = shape.get(3);
        if (height >= side && width >= side) {
            return new NDList(images);
        }
        long top = missing(height) / 2;
        long left = missing(width) / 2;
        // torch.nn.functional.pad order: (left, right, top, bottom) for the last two dimensions
        Shape padding = new Shape(left, missing(width) - left, top, missing(height) - top);
        return new NDList(images.pad(padding, 0));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape input = inputShapes[0];
        return new Shape[] {
            new Shape(input.get(0), input.get(1), Math.max(side, input.get(2)), Math.max(side, input.get(3)))
        };
    }

    private long missing(long size) {
        return Math.max(0, side - size);
    }

    @Override
    public String toString() {
        return "ZeroPadTo(" + side + "x" + side + ")";
    }
}
