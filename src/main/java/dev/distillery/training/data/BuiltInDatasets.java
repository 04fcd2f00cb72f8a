package dev.distillery.training.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The datasets Distillery knows, with their default directories (overridable per dataset name). */
public final class BuiltInDatasets {

    public static final String FASHION_MNIST = "fashion-mnist";
    public static final String MNIST = "mnist";
    public static final String CIFAR10 = "cifar10";
    public static final String CIFAR100 = "cifar100";

    private BuiltInDatasets() {}

    /** The default dataset root: {@code ~/.distillery/datasets}. */
    public static Path defaultRoot() {
        return Path.of(System.getProperty("user.home"), ".distillery", "datasets");
    }

    /** Default directories: Debian's dataset packages for the IDX sets, ~/.distillery/datasets for CIFAR. */
    public static Map<String, String> defaultPaths() {
        Path cifarRoot = defaultRoot();
        return Map.of(
                FASHION_MNIST,
                "/usr/share/datasets/fashion-mnist",
                MNIST,
                "/usr/share/datasets/mnist",
                CIFAR10,
                cifarRoot.resolve("cifar-10-batches-bin").toString(),
                CIFAR100,
                cifarRoot.resolve("cifar-100-binary").toString());
    }

    /** All sources; {@code overrides} maps dataset names to directories replacing the defaults. */
    public static List<DatasetSource> create(Map<String, String> overrides) {
        return create(overrides, ArchiveSettings.published());
    }

    /** All sources; CIFAR is also read from its published archives, which {@code archives} describes. */
    public static List<DatasetSource> create(Map<String, String> overrides, ArchiveSettings archives) {
        Map<String, String> defaults = defaultPaths();
        java.util.function.Function<String, String> path = name -> overrides.getOrDefault(name, defaults.get(name));
        return List.of(
                new SyntheticDatasetSource(),
                new IdxDatasetSource(
                        FASHION_MNIST,
                        "Fashion-MNIST (10 clothing classes, gray 28x28), IDX files",
                        path.apply(FASHION_MNIST)),
                new IdxDatasetSource(
                        MNIST, "MNIST handwritten digits (10 classes, gray 28x28), IDX files", path.apply(MNIST)),
                CifarDatasetSource.cifar10(path.apply(CIFAR10), archives),
                CifarDatasetSource.cifar100(path.apply(CIFAR100), archives));
    }
}
