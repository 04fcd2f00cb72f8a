package dev.distillery.datasets;

import dev.distillery.experiments.ExperimentQueries;
import dev.distillery.shared.Caller;
import dev.distillery.shared.ConflictException;
import dev.distillery.shared.InvalidRequestException;
import dev.distillery.shared.NotFoundException;
import dev.distillery.training.DatasetCatalog;
import dev.distillery.training.DatasetRegistration;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Registers and unregisters datasets (admins only: the controller's security rule and the caller say so). */
@Service
public class DatasetAdministration {

    /** Names a dataset may have: like an API key's, so it is safe in a URL and a file name. */
    static final String NAME = "[a-z0-9][a-z0-9_.-]{0,63}";

    private final DatasetCatalog catalog;
    private final StoredDatasets stored;
    private final ExperimentQueries experiments;
    private final DatasetDirectory directory;
    private final Clock clock;

    DatasetAdministration(
            DatasetCatalog catalog,
            StoredDatasets stored,
            ExperimentQueries experiments,
            DatasetDirectory directory,
            Clock clock) {
        this.catalog = catalog;
        this.stored = stored;
        this.experiments = experiments;
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * Registers a server-side path after checking that it reads as the format says (an image folder is decoded
     * here, once).
     */
    public DatasetView register(String name, String format, String path, Integer imageSize, Caller caller) {
        return register(name, format, path, imageSize, false, caller);
    }

    DatasetView register(String name, String format, String path, Integer imageSize, boolean uploaded, Caller caller) {
        checkName(name);
        if (path == null || !Path.of(path).isAbsolute()) {
            throw new InvalidRequestException("path", "must be an absolute path on the server");
        }
        DatasetRegistration registration =
                new DatasetRegistration(name, format, Path.of(path).normalize().toString(), imageSize);
        Optional<String> problem = catalog.registrationProblem(registration);
        if (problem.isPresent()) {
            String field = problem.get().startsWith("format")
                    ? "format"
                    : problem.get().startsWith("imageSize") ? "imageSize" : "path";
            throw new InvalidRequestException(field, problem.get());
        }
        boolean inserted = stored.insert(new StoredDatasets.Stored(
                name, format, registration.path(), imageSize, uploaded, caller.name(), clock.instant()));
        if (!inserted) {
            throw new ConflictException("a dataset named '" + name + "' is registered already");
        }
        return directory.get(name);
    }

    /** Whether {@code name} is free: well-formed, not built in, not registered. */
    void checkName(String name) {
        if (name == null || !name.matches(NAME)) {
            throw new InvalidRequestException("name", "must match " + NAME + " (lower-case letters, digits, _ . -)");
        }
        if (catalog.builtIn(name) || stored.find(name).isPresent()) {
            throw new ConflictException("a dataset named '" + name + "' exists already");
        }
    }

    /** Unregisters a dataset; an uploaded one's unpacked files are deleted too. 409 while experiments use it. */
    public void unregister(String name, Caller caller) {
        if (catalog.builtIn(name)) {
            throw new ConflictException("'" + name + "' is built in and cannot be removed");
        }
        StoredDatasets.Stored dataset = stored.find(name)
                .orElseThrow(() -> new NotFoundException("no registered dataset named '" + name + "'"));
        long active = experiments.activeOnDataset(name);
        if (active > 0) {
            throw new ConflictException(
                    active + " experiment(s) waiting, queued or running use dataset '" + name + "'; try again later");
        }
        stored.delete(name);
        if (dataset.uploaded()) {
            UploadedFiles.delete(Path.of(dataset.path()));
        }
    }
}
