package dev.distillery.training.engine;

import ai.djl.Device;
import dev.distillery.methods.CrossEntropyMethod;
import dev.distillery.methods.DistillationMethod;
import dev.distillery.methods.MethodRegistry;
import dev.distillery.training.Architecture;
import dev.distillery.training.EpochListener;
import dev.distillery.training.TrainingException;
import dev.distillery.training.TrainingOutcome;
import dev.distillery.training.TrainingPlan;
import dev.distillery.training.data.ImageData;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;

/**
 * One training run on one device. For methods with a teacher, the teacher comes first: loaded from
 * {@link TrainingPlan#teacherParameters()}, or trained from scratch (with {@link TrainingPlan#teacherPlan()}, or the
 * student's settings and cross-entropy when there is none) reporting each epoch with phase {@code teacher}. It is
 * then frozen: parameters without gradients, inference-mode forward passes (BatchNorm running statistics neither
 * used for normalization nor updated), grad mode off. Then the student is trained with the plan's method,
 * reporting each epoch (loss parts, logit diagnostics) with a writer of its parameters and one of the whole
 * {@link TrainingState}. Everything random is derived from the plans' seeds, per epoch (shuffle order and
 * augmentation of epoch e depend only on the seed and e), so a run resumed from a state
 * ({@link TrainingPlan#resumeState()}) continues with exactly the epochs an uninterrupted run would have trained:
 * no teacher phase (the teacher comes from the state or {@link TrainingPlan#teacherParameters()}), the student's
 * parameters and optimizer state restored, epoch numbers continuing.
 *
 * <p>Between batches the run checks for cancellation and for its time limit ({@link TrainingPlan#maxMinutes()},
 * counted from the start of {@link #execute}); exceeding the limit fails the run.
 *
 * <p>Without augmentation the teacher's logits of every training and test sample are memoized the first time the
 * teacher computes them (see {@link TeacherLogits}); with augmentation the teacher runs on every augmented batch.
 */
public final class TrainingRun {

    /**
     * Engine switches that do not change results.
     *
     * @param memoizeTeacherLogits keep the frozen teacher's logits of un-augmented samples instead of recomputing
     *                             them every epoch (default on)
     * @param nanoClock            the clock {@link TrainingPlan#maxMinutes()} is measured with (System::nanoTime)
     * @param prefetchBatches      assemble the next training batches on a thread of their own while a step
     *                             computes (see {@link BatchPrefetcher}). Off by default: measured on 2 cores, an
     *                             augmented batch takes 0.7 ms to assemble against 590 ms for a resnet8x4 step
     *                             (nothing to hide: 0.99x), and for lenet5 the hand-off to the thread costs more
     *                             than it hides (1.31x)
     */
    public record Options(boolean memoizeTeacherLogits, LongSupplier nanoClock, boolean prefetchBatches) {
        public static final Options DEFAULT = new Options(true);

        public Options {
            Objects.requireNonNull(nanoClock, "nanoClock");
        }

        public Options(boolean memoizeTeacherLogits, LongSupplier nanoClock) {
            this(memoizeTeacherLogits, nanoClock, false);
        }

        public Options(boolean memoizeTeacherLogits) {
            this(memoizeTeacherLogits, System::nanoTime);
        }

        /** These options with prefetching on or off. */
        public Options withPrefetch(boolean on) {
            return new Options(memoizeTeacherLogits, nanoClock, on);
        }
    }

    private static final int TOP_K = 5;

    private final RunSetup setup;

    /** A run whose teacher (if trained) learns with cross-entropy on {@code data}, with default options. */
    public TrainingRun(
            Device device,
            TrainingPlan plan,
            ImageData data,
            Architecture studentArchitecture,
            Architecture teacherArchitecture,
            DistillationMethod method) {
        this(
                device,
                plan,
                data,
                data,
                studentArchitecture,
                teacherArchitecture,
                method,
                new MethodRegistry().find(CrossEntropyMethod.NAME).orElseThrow(),
                Options.DEFAULT);
    }

    /**
     * @param teacherData         the data the teacher is trained on (the teacher plan's limits of the same dataset)
     * @param teacherArchitecture required when the method needs a teacher, unless the plan's teacher is a TorchScript
     *     module; ignored otherwise
     * @param teacherMethod       the teacherless objective that trains the teacher (normally {@code ce})
     */
    public TrainingRun(
            Device device,
            TrainingPlan plan,
            ImageData data,
            ImageData teacherData,
            Architecture studentArchitecture,
            Architecture teacherArchitecture,
            DistillationMethod method,
            DistillationMethod teacherMethod,
            Options options) {
        if (method.needsTeacher() && teacherArchitecture == null && !plan.teacherIsTorchScript()) {
            throw new TrainingException("method '" + method.name() + "' needs a teacher architecture");
        }
        if (teacherMethod.needsTeacher()) {
            throw new TrainingException(
                    "a teacher cannot be trained with '" + teacherMethod.name() + "', which needs a teacher itself");
        }
        if (!teacherData.train().shape().equals(data.train().shape()) || teacherData.classes() != data.classes()) {
            throw new TrainingException(
                    "the teacher's data (" + teacherData.train().shape() + ", "
                            + teacherData.classes() + " classes) does not match the student's ("
                            + data.train().shape()
                            + ", " + data.classes() + " classes)");
        }
        this.setup = new RunSetup(
                device,
                plan,
                data,
                teacherData,
                studentArchitecture,
                teacherArchitecture,
                method,
                teacherMethod,
                Objects.requireNonNull(options, "options"),
                Normalization.forData(data),
                Math.min(TOP_K, data.classes()));
    }

    public TrainingOutcome execute(EpochListener listener, BooleanSupplier cancel) {
        TrainingPlan plan = setup.plan();
        RunControl control = RunControl.start(
                        cancel, plan.maxMinutes(), setup.options().nanoClock())
                .reportingTo(listener);
        StudentPhase student = new StudentPhase(setup);
        if (plan.resumeState() != null) {
            return student.resume(listener, control);
        }
        if (!setup.method().needsTeacher()) {
            return student.train(null, false, listener, control);
        }
        boolean loaded = plan.teacherParameters() != null;
        TeacherPhase teachers = new TeacherPhase(setup);
        Optional<Network> teacher =
                loaded ? Optional.of(teachers.load(plan.teacherParameters())) : teachers.train(listener, control);
        if (teacher.isEmpty()) {
            return TrainingOutcome.CANCELLED;
        }
        try (Network frozen = teacher.get()) {
            Optional<Scores> own = TeacherScore.measure(setup, frozen, control);
            if (own.isEmpty()) {
                return TrainingOutcome.CANCELLED;
            }
            listener.onTeacherScore(own.get().top1(), own.get().topK());
            return student.train(frozen, !loaded, listener, control);
        }
    }

    /** Trains the teacher without reporting its epochs; empty when cancelled. */
    Optional<Network> trainTeacher(BooleanSupplier cancel) {
        return new TeacherPhase(setup).train(metrics -> {}, RunControl.cancelOnly(cancel));
    }

    /** A frozen teacher with the parameters a previous run wrote to {@code file}. */
    Network loadTeacher(Path file) {
        return new TeacherPhase(setup).load(file);
    }

    /** Trains a fresh student, distilling from {@code teacher} (frozen) when it is not null. */
    TrainingOutcome trainStudent(Network teacher, EpochListener listener, BooleanSupplier cancel) {
        return new StudentPhase(setup).train(teacher, false, listener, RunControl.cancelOnly(cancel));
    }

    /** The training order of {@code epoch}: a permutation drawn from (seed, epoch) alone. */
    static int[] order(int samples, long seed, int epoch) {
        int[] order = IntStream.range(0, samples).toArray();
        Random random = new Random(Seeds.forEpoch(seed, epoch));
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
