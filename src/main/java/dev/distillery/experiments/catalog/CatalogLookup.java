package dev.distillery.experiments.catalog;

import dev.distillery.experiments.spec.ExperimentSpec.DatasetSpec;
import dev.distillery.methods.DistillationMethod;
import dev.distillery.methods.LossSettings;
import dev.distillery.methods.MethodParameter;
import dev.distillery.methods.MethodRegistry;
import dev.distillery.shared.FieldViolation;
import dev.distillery.training.ArchitectureCatalog;
import dev.distillery.training.DatasetCatalog;
import dev.distillery.training.DatasetInfo;
import dev.distillery.training.DatasetRef;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** What a spec may name: methods, architectures and datasets, as the catalogs know them. */
@Component
public class CatalogLookup {

    /** The dataset name of an image folder named by path. */
    static final String IMAGE_FOLDER = "imagefolder";

    private final MethodRegistry methods;
    private final ArchitectureCatalog architectures;
    private final DatasetCatalog datasets;

    public CatalogLookup(MethodRegistry methods, ArchitectureCatalog architectures, DatasetCatalog datasets) {
        this.methods = methods;
        this.architectures = architectures;
        this.datasets = datasets;
    }

    public Optional<DistillationMethod> method(String name) {
        return methods.find(name);
    }

    /** @param method a known method */
    public LossSettings methodDefaults(String method, boolean zscore) {
        return methods.find(method).orElseThrow().defaults(zscore);
    }

    public List<MethodParameter> methodParameters(String method) {
        return methods.find(method).map(DistillationMethod::parameters).orElse(List.of());
    }

    public List<String> methodNames() {
        return methods.names();
    }

    public List<String> architectureNames() {
        return architectures.names();
    }

    public String defaultDatasetPath(String name) {
        return dataset(name).map(DatasetInfo::defaultPath).orElse(null);
    }

    /** Why the dataset cannot be used (unknown name, missing files), as a field violation. */
    public Optional<FieldViolation> datasetProblem(DatasetSpec spec) {
        boolean folder = IMAGE_FOLDER.equals(spec.name());
        if (!folder && spec.imageSize() != null) {
            return Optional.of(new FieldViolation(
                    "dataset.imageSize", "applies to image folders named by path (name 'imagefolder') only"));
        }
        String field = dataset(spec.name()).isPresent() || folder ? "dataset.path" : "dataset.name";
        return datasets.problem(ref(spec)).map(reason -> new FieldViolation(fieldOf(reason, field), reason));
    }

    private static String fieldOf(String reason, String field) {
        if (reason.startsWith("imageSize")) {
            return "dataset.imageSize";
        }
        return reason.startsWith("trainLimit") || reason.startsWith("testLimit")
                ? "dataset." + reason.substring(0, reason.indexOf(' '))
                : field;
    }

    private static DatasetRef ref(DatasetSpec spec) {
        return new DatasetRef(spec.name(), spec.path(), spec.trainLimit(), spec.testLimit(), spec.imageSize());
    }

    /** The SHA-256 of the data a usable dataset spec names (see {@link DatasetCatalog#contentHash}). */
    public String datasetContentHash(DatasetSpec spec) {
        return datasets.contentHash(ref(spec));
    }

    private Optional<DatasetInfo> dataset(String name) {
        return datasets.datasets().stream()
                .filter(info -> info.name().equals(name))
                .findFirst();
    }
}
