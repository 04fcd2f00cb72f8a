package dev.distillery.training.engine;

import dev.distillery.training.EpochListener;
import dev.distillery.training.EpochMetrics;
import dev.distillery.training.TrainingOutcome;
import dev.distillery.training.TrainingPlan;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The student's epochs with the plan's method, each reported with a writer of the student's parameters and one of
 * the whole {@link TrainingState}; from scratch, or resumed from a state so that the run continues with exactly the
 * epochs an uninterrupted run would have trained.
 */
final class StudentPhase {

    private static final Logger log = LoggerFactory.getLogger(StudentPhase.class);

    private final RunSetup setup;

    StudentPhase(RunSetup setup) {
        this.setup = setup;
    }

    /**
     * Trains a fresh student, distilling from {@code teacher} (frozen) when it is not null.
     *
     * @param stateHoldsTeacher whether the training states written after each epoch include the teacher
     */
    TrainingOutcome train(Network teacher, boolean stateHoldsTeacher, EpochListener listener, RunControl control) {
        try (Network student =
                setup.network(setup.studentArchitecture(), setup.plan().seed())) {
            return fit(RunSetup.training(phase(), student, teacher), stateHoldsTeacher, 1, listener, control);
        }
    }

    /**
     * Continues from {@link TrainingPlan#resumeState()}: restores the student, its optimizer, what the method learns
     * and (when the state holds one) the teacher, then trains the remaining epochs.
     */
    TrainingOutcome resume(EpochListener listener, RunControl control) {
        TrainingPlan plan = setup.plan();
        Path file = plan.resumeState();
        TrainingState.Header header =
                TrainingState.verify(file, plan, setup.method().needsTeacher());
        try (Network student = setup.network(setup.studentArchitecture(), plan.seed());
                Network stored = header.hasTeacher() ? setup.network(setup.teacherArchitecture(), plan.seed()) : null) {
            PhaseTraining training = RunSetup.training(phase(), student, null);
            int completed = TrainingState.read(file, header, training, stored);
            log.info(
                    "student {} resumes after epoch {} of {} from {}",
                    setup.studentArchitecture().name(),
                    completed,
                    plan.epochs(),
                    file);
            if (stored != null) {
                stored.freeze();
                return fit(training.withTeacher(stored), true, completed + 1, listener, control);
            }
            if (!setup.method().needsTeacher()) {
                return fit(training, false, completed + 1, listener, control);
            }
            try (Network loaded = new TeacherPhase(setup).load(plan.teacherParameters())) {
                return fit(training.withTeacher(loaded), false, completed + 1, listener, control);
            }
        }
    }

    private Phase phase() {
        String label = "student " + setup.studentArchitecture().name() + " ("
                + setup.method().name() + ")";
        return new Phase(
                EpochMetrics.STUDENT,
                label,
                setup.plan(),
                setup.data(),
                setup.method(),
                RunSetup.settings(setup.plan()));
    }

    private TrainingOutcome fit(
            PhaseTraining training,
            boolean stateHoldsTeacher,
            int firstEpoch,
            EpochListener listener,
            RunControl control) {
        Network student = training.network();
        Network embedded = stateHoldsTeacher ? training.teacher() : null;
        Consumer<EpochMetrics> report = metrics -> listener.onStudentEpoch(
                metrics,
                student::writeParameters,
                out -> TrainingState.write(out, setup.plan(), metrics.epoch(), training, embedded));
        boolean completed = new EpochLoop(setup, training).run(firstEpoch, report, control);
        return completed ? TrainingOutcome.COMPLETED : TrainingOutcome.CANCELLED;
    }
}
