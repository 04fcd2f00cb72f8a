package dev.distillery.training;

import ai.djl.Device;
import dev.distillery.methods.CrossEntropyMethod;
import dev.distillery.methods.DistillationMethod;
import dev.distillery.methods.MethodRegistry;
import dev.distillery.training.data.ImageData;
import dev.distillery.training.engine.TrainingRun;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.springframework.stereotype.Service;

/**
 * Trains experiments with DJL on the PyTorch engine. Thread-safe: several worker threads may call
 * {@link #train} at the same time (each run owns its models and NDManagers).
 */
@Service
public class TrainingService {

    private final DatasetCatalog datasets;
    private final ArchitectureCatalog architectures;
    private final MethodRegistry methods;
    private final PlanValidator validator;

    public TrainingService(DatasetCatalog datasets, ArchitectureCatalog architectures, MethodRegistry methods) {
        this.datasets = datasets;
        this.architectures = architectures;
        this.methods = methods;
        this.validator = new PlanValidator(datasets, architectures, methods);
    }

    /**
     * Why {@code plan} cannot be trained (dataset, names, hyperparameters, time limit, resume state), or empty.
     * Cheap: loads nothing (a resume state is read through once to check its header and checksum).
     */
    public Optional<String> problem(TrainingPlan plan) {
        return validator.problem(plan);
    }

    private Architecture teacherArchitecture(TrainingPlan plan) {
        return plan.teacherIsTorchScript()
                ? null
                : architectures.find(plan.teacherArchitecture()).orElseThrow();
    }

    /** Trains on the CPU. */
    public TrainingOutcome train(TrainingPlan plan, EpochListener listener, BooleanSupplier cancelRequested) {
        return train(plan, listener, cancelRequested, Device.cpu());
    }

    /**
     * Trains {@code plan} on {@code device}, checking {@code cancelRequested} between batches. When the method needs
     * a teacher and {@link TrainingPlan#teacherParameters()} is null, the teacher is trained first and each of its
     * epochs goes to {@link EpochListener#onEpoch} with phase {@code teacher}; every student epoch goes to
     * {@link EpochListener#onStudentEpoch(EpochMetrics, EpochListener.ParameterWriter, EpochListener.ParameterWriter)}
     * with a writer of the student's parameters and one of the training state to resume from. With
     * {@link TrainingPlan#resumeState()} the run continues after the state's last epoch (no teacher phase), exactly
     * as if it had not stopped.
     *
     * @return COMPLETED after the last epoch, CANCELLED as soon as cancellation was seen
     * @throws TrainingException when the plan is unusable (a resume state that is corrupt or from another plan
     *     included), training fails (message names phase, epoch, step), the loss diverges or
     *     {@link TrainingPlan#maxMinutes()} is exceeded
     */
    public TrainingOutcome train(
            TrainingPlan plan, EpochListener listener, BooleanSupplier cancelRequested, Device device) {
        validator.problem(plan).ifPresent(problem -> {
            throw new TrainingException(problem);
        });
        if (cancelRequested.getAsBoolean()) {
            return TrainingOutcome.CANCELLED;
        }
        ImageData data = datasets.load(plan.dataset());
        DistillationMethod method = methods.find(plan.method()).orElseThrow();
        Architecture student = architectures.find(plan.studentArchitecture()).orElseThrow();
        Architecture teacher = method.needsTeacher() ? teacherArchitecture(plan) : null;
        TrainingPlan teacherPlan = plan.teacherPlan();
        boolean trainsTeacher = method.needsTeacher() && plan.teacherParameters() == null;
        ImageData teacherData =
                trainsTeacher && teacherPlan != null && !teacherPlan.dataset().equals(plan.dataset())
                        ? datasets.load(teacherPlan.dataset())
                        : data;
        DistillationMethod teacherMethod = trainsTeacher && teacherPlan != null
                ? methods.find(teacherPlan.method()).orElseThrow()
                : methods.find(CrossEntropyMethod.NAME).orElseThrow();
        return new TrainingRun(
                        device,
                        plan,
                        data,
                        teacherData,
                        student,
                        teacher,
                        method,
                        teacherMethod,
                        TrainingRun.Options.DEFAULT)
                .execute(listener, cancelRequested);
    }
}
