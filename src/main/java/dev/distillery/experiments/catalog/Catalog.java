package dev.distillery.experiments.catalog;

import dev.distillery.experiments.catalog.CatalogView.MethodInfo;
import dev.distillery.experiments.spec.SpecDefaults;
import dev.distillery.methods.MethodRegistry;
import dev.distillery.training.ArchitectureCatalog;
import dev.distillery.training.DatasetCatalog;
import org.springframework.stereotype.Service;

/** Assembles the catalog: architectures, datasets (with whether their files are here), methods, defaults. */
@Service
public class Catalog {

    private final ArchitectureCatalog architectures;
    private final DatasetCatalog datasets;
    private final MethodRegistry methods;

    Catalog(ArchitectureCatalog architectures, DatasetCatalog datasets, MethodRegistry methods) {
        this.architectures = architectures;
        this.datasets = datasets;
        this.methods = methods;
    }

    public CatalogView view() {
        return new CatalogView(
                architectures.architectures(),
                datasets.datasets(),
                methods.methods().stream()
                        .map(m -> new MethodInfo(
                                m.name(),
                                m.description(),
                                m.needsTeacher(),
                                m.defaults(false),
                                m.defaults(true),
                                m.parameters()))
                        .toList(),
                SpecDefaults.TRAINING);
    }
}
