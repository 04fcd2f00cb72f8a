package dev.distillery.training;

import dev.distillery.training.data.ArchiveSettings;
import dev.distillery.training.data.BuiltInDatasets;
import dev.distillery.training.data.CifarArchive;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where datasets live ({@code distillery.datasets.*}).
 *
 * @param fashionMnist the default directory of {@code fashion-mnist}; null keeps the built-in default
 * @param mnist        the default directory of {@code mnist}
 * @param cifar10      the default directory of {@code cifar10}
 * @param cifar100     the default directory of {@code cifar100}
 * @param roots        the directories under which a spec's {@code dataset.path} may point (the built-in datasets'
 *                     default directories are allowed as well)
 * @param download     whether a missing CIFAR archive is fetched from its URL (off by default)
 * @param cifar10Url   where {@code cifar-10-binary.tar.gz} is downloaded from
 * @param cifar10Md5   its expected MD5 (default: the published one)
 * @param cifar100Url  where {@code cifar-100-binary.tar.gz} is downloaded from
 * @param cifar100Md5  its expected MD5 (default: the published one)
 */
@ConfigurationProperties("distillery.datasets")
public record DatasetLocations(
        String fashionMnist,
        String mnist,
        String cifar10,
        String cifar100,
        List<String> roots,
        boolean download,
        String cifar10Url,
        String cifar10Md5,
        String cifar100Url,
        String cifar100Md5) {

    /** The CIFAR archives with their URLs and expected MD5s (the published ones where none is set). */
    public ArchiveSettings archives() {
        return new ArchiveSettings(
                download,
                new CifarArchive(
                        ArchiveSettings.CIFAR10_ARCHIVE, orElse(cifar10Md5, ArchiveSettings.CIFAR10_MD5), cifar10Url),
                new CifarArchive(
                        ArchiveSettings.CIFAR100_ARCHIVE,
                        orElse(cifar100Md5, ArchiveSettings.CIFAR100_MD5),
                        cifar100Url));
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    /** The configured default directories by dataset name (only those set). */
    public Map<String, String> defaultPaths() {
        Map<String, String> paths = new LinkedHashMap<>();
        put(paths, BuiltInDatasets.FASHION_MNIST, fashionMnist);
        put(paths, BuiltInDatasets.MNIST, mnist);
        put(paths, BuiltInDatasets.CIFAR10, cifar10);
        put(paths, BuiltInDatasets.CIFAR100, cifar100);
        return paths;
    }

    /** The configured roots (none when unset). */
    public List<String> rootList() {
        return Objects.requireNonNullElse(roots, List.of());
    }

    private static void put(Map<String, String> paths, String name, String path) {
        if (path != null && !path.isBlank()) {
            paths.put(name, path);
        }
    }
}
