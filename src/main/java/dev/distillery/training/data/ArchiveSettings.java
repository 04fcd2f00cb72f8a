package dev.distillery.training.data;

/**
 * The CIFAR archives as published and whether a missing one is downloaded.
 *
 * @param download whether a missing archive is fetched from its URL when a run needs it (off by default)
 */
public record ArchiveSettings(boolean download, CifarArchive cifar10, CifarArchive cifar100) {

    /** The publisher's MD5 of {@code cifar-10-binary.tar.gz}. */
    public static final String CIFAR10_MD5 = "c32a1d4ab5d03f1284b67883e8d87530";
    /** The publisher's MD5 of {@code cifar-100-binary.tar.gz}. */
    public static final String CIFAR100_MD5 = "03b5dce01913d631647c71ecec9e9cb8";

    public static final String CIFAR10_ARCHIVE = "cifar-10-binary.tar.gz";
    public static final String CIFAR100_ARCHIVE = "cifar-100-binary.tar.gz";

    /** The published archives, no URL, no download. */
    public static ArchiveSettings published() {
        return new ArchiveSettings(
                false,
                new CifarArchive(CIFAR10_ARCHIVE, CIFAR10_MD5, null),
                new CifarArchive(CIFAR100_ARCHIVE, CIFAR100_MD5, null));
    }
}
