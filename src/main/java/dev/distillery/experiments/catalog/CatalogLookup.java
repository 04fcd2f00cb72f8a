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
        String field = dataset(spec.name()).isPresent() ? "dataset.path" : "dataset.name";
        return datasets.problem(new DatasetRef(spec.name(), spec.path(), spec.trainLimit(), spec.testLimit()))
                .map(reason -> new FieldViolation(field, reason));
    }

    /** The SHA-256 of the data a usable dataset spec names (see {@link DatasetCatalog#contentHash}). */
    public String datasetContentHash(DatasetSpec spec) {
        return datasets.contentHash(new DatasetRef(spec.name(), spec.path(), spec.trainLimit(), spec.testLimit()));
    }

    private Optional<DatasetInfo> dataset(String name) {
        return datasets.datasets().stream()
                .filter(info -> info.name().equals(name))
                .findFirst();
    }
}
