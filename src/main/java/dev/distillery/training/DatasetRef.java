package dev.distillery.training;

/**
 * A dataset by name, with an optional directory and optional sample limits (null = all samples).
 *
 * @param imageSize the side images are resized to, for {@code imagefolder} only (null otherwise)
 */
public record DatasetRef(String name, String path, Integer trainLimit, Integer testLimit, Integer imageSize) {

    public DatasetRef(String name, String path, Integer trainLimit, Integer testLimit) {
        this(name, path, trainLimit, testLimit, null);
    }
}
