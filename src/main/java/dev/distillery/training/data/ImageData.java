package dev.distillery.training.data;

/** A loaded dataset: train and test splits of the same shape and class count. */
public record ImageData(String name, int classes, ImageSplit train, ImageSplit test) {

    public ImageData {
        if (!train.shape().equals(test.shape())) {
            throw new IllegalArgumentException(
                    "train and test shapes differ: " + train.shape() + " vs " + test.shape());
        }
        int maxLabel = Math.max(train.maxLabel(), test.maxLabel());
        if (maxLabel >= classes) {
            throw new IllegalArgumentException(name + " has label " + maxLabel + " but only " + classes + " classes");
        }
    }

    /** This dataset cut to the first {@code trainLimit} / {@code testLimit} samples (null = all). */
    public ImageData limit(Integer trainLimit, Integer testLimit) {
        return new ImageData(name, classes, train.limit(trainLimit), test.limit(testLimit));
    }
}
