package dev.distillery.training.engine;

import dev.distillery.methods.LossSettings;
import dev.distillery.training.EpochListener;
import dev.distillery.training.EpochMetrics;
import dev.distillery.training.TrainingPlan;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a run's teacher comes from: trained from scratch (with the plan's teacher plan, or the student's settings and
 * cross-entropy when there is none), reporting each epoch with phase {@code teacher}, or loaded from parameters a
 * previous run wrote. Either way it is then frozen: parameters without gradients, inference-mode forward passes.
 */
final class TeacherPhase {

    private static final Logger log = LoggerFactory.getLogger(TeacherPhase.class);
    /** Cross-entropy's settings for a teacher trained with the student's plan (τ and the weights are unused). */
    private static final LossSettings CROSS_ENTROPY = new LossSettings(1.0, false, 1.0, 0.0);

    private final RunSetup setup;

    TeacherPhase(RunSetup setup) {
        this.setup = setup;
    }

    /** Trains the teacher, reporting each epoch, and freezes it; empty when cancelled. */
    Optional<Network> train(EpochListener listener, RunControl control) {
        TrainingPlan plan = setup.plan();
        TrainingPlan teacherPlan = plan.teacherPlan() != null ? plan.teacherPlan() : plan;
        LossSettings settings = plan.teacherPlan() != null ? RunSetup.settings(teacherPlan) : CROSS_ENTROPY;
        Network teacher = setup.network(setup.teacherArchitecture(), teacherPlan.seed());
        String label = "teacher " + setup.teacherArchitecture().name() + " ("
                + setup.teacherMethod().name() + ")";
        Consumer<EpochMetrics> report = metrics -> {
            log.info("{} epoch {}: test top-1 {}", label, metrics.epoch(), metrics.testTop1());
            listener.onEpoch(metrics);
        };
        boolean completed = false;
        try {
            Phase phase = new Phase(
                    EpochMetrics.TEACHER, label, teacherPlan, setup.teacherData(), setup.teacherMethod(), settings);
            completed = new EpochLoop(setup, RunSetup.training(phase, teacher, null)).run(1, report, control);
        } finally {
            if (!completed) {
                teacher.close();
            }
        }
        if (!completed) {
            return Optional.empty();
        }
        teacher.freeze();
        return Optional.of(teacher);
    }

    /** A frozen teacher with the parameters a previous run wrote to {@code file}, or a TorchScript module. */
    Network load(Path file) {
        if (setup.plan().teacherIsTorchScript()) {
            Network module = Network.torchScript(file, setup.device());
            module.freeze();
            log.info("TorchScript teacher loaded from {}", file);
            return module;
        }
        Network teacher =
                setup.network(setup.teacherArchitecture(), setup.plan().seed());
        try {
            teacher.loadParameters(file);
        } catch (RuntimeException e) {
            teacher.close();
            throw e;
        }
        teacher.freeze();
        log.info("teacher {} loaded from {}", setup.teacherArchitecture().name(), file);
        return teacher;
    }
}
