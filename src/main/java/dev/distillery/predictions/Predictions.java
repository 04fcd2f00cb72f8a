package dev.distillery.predictions;

import dev.distillery.experiments.StudentCheckpoints;
import dev.distillery.models.ModelRegistry;
import dev.distillery.models.UsableModel;
import dev.distillery.shared.InvalidRequestException;
import dev.distillery.shared.NotFoundException;
import dev.distillery.shared.TooManyRequestsException;
import dev.distillery.training.ModelInterop;
import dev.distillery.training.ModelInterop.ModelShape;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.springframework.stereotype.Service;

/**
 * Runs a model on given inputs on the CPU: an experiment's student at a checkpoint (its SHA-256 checked first) or an
 * imported model. One prediction at a time per instance, each on a network of its own that is closed before the
 * answer, so a prediction never touches a training's networks or device.
 */
@Service
public class Predictions {

    private static final int TOP = 5;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final StudentCheckpoints students;
    private final ModelRegistry models;
    private final ModelInterop interop;
    private final Semaphore oneAtATime = new Semaphore(1, true);

    Predictions(StudentCheckpoints students, ModelRegistry models, ModelInterop interop) {
        this.students = students;
        this.models = models;
        this.interop = interop;
    }

    /** Which model to run: an experiment's checkpoint ({@code best} when null), or an imported model. */
    public record ModelRef(UUID experimentId, String checkpoint, UUID modelId) {}

    public PredictionResult predict(ModelRef model, List<List<Double>> inputs) {
        if (model == null || (model.experimentId() == null) == (model.modelId() == null)) {
            throw new InvalidRequestException("model", "give either {experimentId, checkpoint} or {modelId}");
        }
        if (model.modelId() != null) {
            if (model.checkpoint() != null) {
                throw new InvalidRequestException("model.checkpoint", "only applies to an experiment's student");
            }
            UsableModel imported = usable(model.modelId());
            return run(imported.shape(), imported.file(), inputs);
        }
        String checkpoint = model.checkpoint() == null ? "best" : model.checkpoint();
        if (!checkpoint.equals("best") && !checkpoint.equals("last")) {
            throw new InvalidRequestException("model.checkpoint", "must be 'best' or 'last'");
        }
        StudentCheckpoints.StudentModel student = students.student(model.experimentId(), checkpoint);
        return run(student.shape(), student.parameters(), inputs);
    }

    private UsableModel usable(UUID id) {
        try {
            return models.usable(id);
        } catch (IOException e) {
            throw new NotFoundException("model " + id + " is not available: " + e.getMessage());
        }
    }

    private PredictionResult run(ModelShape shape, Path file, List<List<Double>> inputs) {
        float[][] rows = PredictionInputs.check(inputs, shape.input());
        float[][] logits;
        acquire();
        try {
            logits = interop.logits(shape, file, rows);
        } finally {
            oneAtATime.release();
        }
        return new PredictionResult(
                shape.architecture(),
                shape.input(),
                logits[0].length,
                Arrays.asList(logits),
                Arrays.stream(logits).map(Predictions::top).toList());
    }

    private void acquire() {
        try {
            if (!oneAtATime.tryAcquire(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new TooManyRequestsException("another prediction is running; try again shortly", WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TooManyRequestsException("interrupted while waiting for another prediction", WAIT);
        }
    }

    private static int[] top(float[] row) {
        return IntStream.range(0, row.length)
                .boxed()
                .sorted((a, b) -> Float.compare(row[b], row[a]))
                .limit(TOP)
                .mapToInt(Integer::intValue)
                .toArray();
    }
}
