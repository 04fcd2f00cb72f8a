package dev.distillery.datasets;

import dev.distillery.training.DatasetCatalog;
import dev.distillery.training.DatasetRegistration;
import dev.distillery.training.RegisteredDatasets;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Registered datasets as the training catalog sees them: read from PostgreSQL on each lookup, so every instance
 * (API and workers) knows a dataset as soon as it is registered.
 */
@Component
class DatasetRegistry implements RegisteredDatasets {

    private final StoredDatasets stored;

    DatasetRegistry(StoredDatasets stored, DatasetCatalog catalog) {
        this.stored = stored;
        catalog.useRegistry(this);
    }

    @Override
    public Optional<DatasetRegistration> find(String name) {
        return stored.find(name).map(DatasetRegistry::registration);
    }

    @Override
    public List<DatasetRegistration> all() {
        return stored.all().stream().map(DatasetRegistry::registration).toList();
    }

    static DatasetRegistration registration(StoredDatasets.Stored dataset) {
        return new DatasetRegistration(dataset.name(), dataset.format(), dataset.path(), dataset.imageSize());
    }
}
