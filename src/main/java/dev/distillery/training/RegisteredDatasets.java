package dev.distillery.training;

import java.util.List;
import java.util.Optional;

/** Where the catalog finds datasets registered at run time (kept by the datasets module). */
public interface RegisteredDatasets {

    RegisteredDatasets NONE = new RegisteredDatasets() {
        @Override
        public Optional<DatasetRegistration> find(String name) {
            return Optional.empty();
        }

        @Override
        public List<DatasetRegistration> all() {
            return List.of();
        }
    };

    Optional<DatasetRegistration> find(String name);

    List<DatasetRegistration> all();
}
