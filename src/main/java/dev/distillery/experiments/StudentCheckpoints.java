package dev.distillery.experiments;

import dev.distillery.experiments.spec.ExperimentSpec;
import dev.distillery.shared.NotFoundException;
import dev.distillery.tracking.Checkpointing;
import dev.distillery.training.DatasetCatalog;
import dev.distillery.training.DatasetInfo;
import dev.distillery.training.ModelInterop.ModelShape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;

/**
 * An experiment's student as a model: its architecture, its dataset's input shape and class count, and a checkpoint's
 * file after its SHA-256 was checked, for exports and predictions.
 */
@NamedInterface("queries")
@Service
public class StudentCheckpoints {

    private final ExperimentQueries queries;
    private final Checkpointing checkpointing;
    private final DatasetCatalog datasets;

    StudentCheckpoints(ExperimentQueries queries, Checkpointing checkpointing, DatasetCatalog datasets) {
        this.queries = queries;
        this.checkpointing = checkpointing;
        this.datasets = datasets;
    }

    /** A checkpoint's verified file and the shape of the model it holds. */
    public record StudentModel(ModelShape shape, Path parameters) {}

    /**
     * The student of experiment {@code id} at checkpoint {@code name}.
     *
     * @throws NotFoundException when the experiment or checkpoint does not exist or its file is gone or corrupt
     */
    public StudentModel student(UUID id, String name) {
        ExperimentSpec spec = queries.get(id).spec();
        queries.checkpoint(id, name)
                .orElseThrow(() -> new NotFoundException("experiment " + id + " has no checkpoint '" + name + "'"));
        DatasetInfo dataset = datasets.find(spec.dataset().name())
                .orElseThrow(
                        () -> new NotFoundException("dataset " + spec.dataset().name() + " is not known"));
        ModelShape shape = new ModelShape(spec.student().architecture(), dataset.inputShape(), dataset.classes());
        try {
            return new StudentModel(shape, checkpointing.verifiedFile(id, name));
        } catch (IOException e) {
            throw new NotFoundException(
                    "checkpoint '" + name + "' of experiment " + id + " is not available: " + e.getMessage());
        }
    }
}
