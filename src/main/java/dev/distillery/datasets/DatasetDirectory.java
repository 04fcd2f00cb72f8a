package dev.distillery.datasets;

import dev.distillery.shared.NotFoundException;
import dev.distillery.training.DatasetCatalog;
import dev.distillery.training.DatasetInfo;
import dev.distillery.training.DatasetMeasures;
import dev.distillery.training.DatasetRef;
import dev.distillery.training.TrainingException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/**
 * Describes every dataset: present or missing (and why), classes, sizes, input shape, normalization statistics
 * and content hash. Statistics need the data once; they are remembered by content hash.
 */
@Service
public class DatasetDirectory {

    private record Measured(List<String> classNames, int train, int test, DatasetView.Normalization normalization) {}

    private final DatasetCatalog catalog;
    private final StoredDatasets stored;
    private final Map<String, Measured> measured = new ConcurrentHashMap<>();

    DatasetDirectory(DatasetCatalog catalog, StoredDatasets stored) {
        this.catalog = catalog;
        this.stored = stored;
    }

    public List<DatasetView> list() {
        return catalog.datasets().stream().map(this::view).toList();
    }

    /** @throws NotFoundException when no dataset has this name */
    public DatasetView get(String name) {
        return catalog.find(name)
                .map(this::view)
                .orElseThrow(() -> new NotFoundException("no dataset named '" + name + "'"));
    }

    private DatasetView view(DatasetInfo info) {
        DatasetRef ref = new DatasetRef(info.name(), null, null, null);
        Optional<String> problem = catalog.problem(ref);
        Optional<StoredDatasets.Stored> registration = stored.find(info.name()).filter(s -> !catalog.builtIn(s.name()));
        String kind =
                registration.map(s -> s.uploaded() ? "uploaded" : "registered").orElse("built-in");
        String format = registration.map(StoredDatasets.Stored::format).orElseGet(() -> builtInFormat(info.name()));
        if (problem.isPresent()) {
            return missing(info, kind, format, problem.get());
        }
        try {
            String hash = catalog.contentHash(ref);
            Measured m = measured.computeIfAbsent(info.name() + "|" + hash, key -> measure(ref));
            return new DatasetView(
                    info.name(),
                    kind,
                    format,
                    info.description(),
                    info.defaultPath(),
                    true,
                    null,
                    m.classNames().size(),
                    m.classNames(),
                    m.train(),
                    m.test(),
                    info.inputShape(),
                    m.normalization(),
                    hash);
        } catch (TrainingException e) {
            return missing(info, kind, format, e.getMessage());
        }
    }

    /** A dataset that cannot be trained on now, with why, and what is known of it without reading it. */
    private DatasetView missing(DatasetInfo info, String kind, String format, String why) {
        return new DatasetView(
                info.name(),
                kind,
                format,
                info.description(),
                info.defaultPath(),
                false,
                why,
                info.classes(),
                catalog.classNames(info.name()),
                info.trainSize(),
                info.testSize(),
                info.inputShape(),
                null,
                null);
    }

    private Measured measure(DatasetRef ref) {
        DatasetMeasures measures = catalog.measure(ref);
        return new Measured(
                measures.classNames(),
                measures.trainSize(),
                measures.testSize(),
                new DatasetView.Normalization(measures.mean(), measures.std()));
    }

    private static String builtInFormat(String name) {
        return switch (name) {
            case "synthetic" -> "synthetic";
            case "mnist", "fashion-mnist" -> "idx";
            default -> name;
        };
    }
}
