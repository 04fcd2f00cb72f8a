package dev.distillery.models;

import dev.distillery.shared.Caller;
import dev.distillery.shared.ConflictException;
import dev.distillery.shared.DistilleryProperties;
import dev.distillery.shared.ForbiddenException;
import dev.distillery.shared.InvalidRequestException;
import dev.distillery.shared.NotFoundException;
import dev.distillery.training.ModelFileException;
import dev.distillery.training.ModelInterop;
import dev.distillery.training.ModelInterop.ModelShape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/**
 * Imports, lists, serves and deletes models. An import streams the upload to the model's own directory (SHA-256
 * computed while writing, the size limit enforced as it streams), checks it (a safetensors state dict tensor by tensor
 * against its architecture, then converted to Distillery's parameter file; a TorchScript module by one forward pass),
 * and records it; when anything fails, its directory is removed and nothing is recorded.
 */
@Service
@EnableConfigurationProperties(ModelProperties.class)
public class ModelRegistry {

    private final ImportedModelRepository models;
    private final ModelStorage storage;
    private final ModelImportRules rules;
    private final ModelInterop interop;
    private final ModelUsers users;
    private final Clock clock;

    ModelRegistry(
            ImportedModelRepository models,
            ModelProperties properties,
            DistilleryProperties distillery,
            ModelImportRules rules,
            ModelInterop interop,
            ModelUsers users,
            Clock clock) {
        this.models = models;
        Path dir = properties.dir() != null
                ? Path.of(properties.dir())
                : distillery.dataDir().resolve("models");
        this.storage = new ModelStorage(dir, properties.maxFileBytes());
        this.rules = rules;
        this.interop = interop;
        this.users = users;
        this.clock = clock;
    }

    /**
     * Imports {@code file} as {@code request} declares it.
     *
     * @throws InvalidRequestException when the declaration or the file is wrong, naming each problem
     */
    public ModelSummary importModel(ImportRequest request, InputStream file, Caller caller) {
        ModelImport declared = rules.check(request);
        UUID id = UUID.randomUUID();
        try {
            storage.create(id);
            ModelStorage.Written written = storage.copy(file, storage.file(id, declared.format()));
            String parametersSha256 = check(id, declared);
            ImportedModel model = new ImportedModel(
                    id, declared, written.size(), written.sha256(), parametersSha256, caller.name(), clock.instant());
            return models.saveAndFlush(model).summary();
        } catch (ModelFileException e) {
            storage.delete(id);
            throw new InvalidRequestException("file", e.getMessage());
        } catch (IOException e) {
            storage.delete(id);
            throw new InvalidRequestException("file", "could not be read: " + e.getMessage());
        } catch (RuntimeException e) {
            storage.delete(id);
            throw e;
        }
    }

    public List<ModelSummary> list() {
        return models.findAllByOrderByCreatedAtDesc().stream()
                .map(ImportedModel::summary)
                .toList();
    }

    /** @throws NotFoundException when there is no such model */
    public ModelSummary get(UUID id) {
        return load(id).summary();
    }

    /** The model, if there is one with this id. */
    public java.util.Optional<ModelSummary> find(UUID id) {
        return models.findById(id).map(ImportedModel::summary);
    }

    /** The uploaded file, for download. */
    public Path file(UUID id) {
        ImportedModel model = load(id);
        return storage.file(id, model.format());
    }

    /**
     * Deletes the model and its files.
     *
     * @throws ConflictException while an unfinished experiment uses it as its teacher
     * @throws ForbiddenException when the caller is neither its importer nor an admin
     */
    public void delete(UUID id, Caller caller) {
        ImportedModel model = load(id);
        if (!caller.mayChange(model.owner())) {
            throw new ForbiddenException("model " + id + " was imported by "
                    + (model.owner() == null ? "no key" : "the key '" + model.owner() + "'"));
        }
        if (users.inUse(id)) {
            throw new ConflictException("model " + id + " is the teacher of an experiment that has not ended");
        }
        models.delete(model);
        models.flush();
        storage.delete(id);
    }

    /**
     * The model ready for use, after checking its file's SHA-256 against the one recorded at import.
     *
     * @throws NotFoundException when there is no such model
     * @throws IOException when its file is gone or its bytes changed
     */
    public UsableModel usable(UUID id) throws IOException {
        ImportedModel model = load(id);
        ModelSummary summary = model.summary();
        boolean torchScript = model.format() == ModelFormat.TORCHSCRIPT;
        Path file = torchScript ? storage.file(id, model.format()) : storage.parameters(id);
        String expected = torchScript ? model.sha256() : model.parametersSha256();
        String actual = ModelStorage.sha256(file);
        if (!actual.equals(expected)) {
            throw new IOException(
                    "the file of model " + id + " is corrupt: SHA-256 " + actual + " instead of " + expected);
        }
        return new UsableModel(
                summary, new ModelShape(summary.architecture(), summary.inputShape(), summary.classes()), file);
    }

    /** Checks the stored upload; for safetensors writes the parameter file and returns its SHA-256. */
    private String check(UUID id, ModelImport declared) throws IOException {
        ModelShape shape = new ModelShape(declared.architecture(), declared.inputShape(), declared.classes());
        Path upload = storage.file(id, declared.format());
        if (declared.format() == ModelFormat.TORCHSCRIPT) {
            interop.checkTorchScript(shape, upload);
            return null;
        }
        try (DigestOutputStream out = ModelStorage.hashing(storage.parameters(id))) {
            interop.importSafetensors(shape, upload, out);
            out.flush();
            return HexFormat.of().formatHex(out.getMessageDigest().digest());
        }
    }

    private ImportedModel load(UUID id) {
        Objects.requireNonNull(id, "id");
        return models.findById(id).orElseThrow(() -> new NotFoundException("no model " + id));
    }
}
