package dev.distillery.training;

/** The (channels, height, width) of one input image. */
public record InputShape(int channels, int height, int width) {

    public InputShape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException(
                    "input dimensions must be positive: " + channels + "x" + height + "x" + width);
        }
    }

    /** Number of values per image. */
    public int size() {
        return channels * height * width;
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
