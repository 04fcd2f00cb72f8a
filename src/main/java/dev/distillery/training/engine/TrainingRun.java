package dev.distillery.training.engine;

import ai.djl.Device;
import dev.distillery.methods.CrossEntropyMethod;
import dev.distillery.methods.DistillationMethod;
import dev.distillery.methods.LossSettings;
import dev.distillery.training.Architecture;
import dev.distillery.training.EpochListener;
import dev.distillery.training.EpochMetrics;
import dev.distillery.training.InputShape;
import dev.distillery.training.LogitDiagnostics;
import dev.distillery.training.TrainingException;
import dev.distillery.training.TrainingOutcome;
import dev.distillery.training.TrainingPlan;
import dev.distillery.training.data.ImageData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
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
     *                             computes (default on; see {@link BatchPrefetcher})
     */
    public record Options(boolean memoizeTeacherLogits, LongSupplier nanoClock, boolean prefetchBatches) {
        public static final Options DEFAULT = new Options(true);

        public Options {
            Objects.requireNonNull(nanoClock, "nanoClock");
        }

        public Options(boolean memoizeTeacherLogits, LongSupplier nanoClock) {
            this(memoizeTeacherLogits, nanoClock, true);
        }

        public Options(boolean memoizeTeacherLogits) {
            this(memoizeTeacherLogits, System::nanoTime);
        }

        /** These options with prefetching on or off. */
        public Options withPrefetch(boolean on) {
            return new Options(memoizeTeacherLogits, nanoClock, on);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(TrainingRun.class);
    private static final long AUGMENTATION_SEED_MIX = 0x9E3779B97F4A7C15L;
    private static final int TOP_K = 5;
    /** Cross-entropy's settings for a teacher trained with the student's plan (τ and the weights are unused). */
    private static final LossSettings CROSS_ENTROPY = new LossSettings(1.0, false, 1.0, 0.0);

    private final Device device;
    private final TrainingPlan plan;
    private final ImageData data;
    private final ImageData teacherData;
    private final Architecture studentArchitecture;
    private final Architecture teacherArchitecture;
    private final DistillationMethod method;
    private final DistillationMethod teacherMethod;
    private final Options options;
    private final Normalization normalization;
    private final int k;

    /** A run whose teacher (if trained) learns with cross-entropy on {@code data}, with default options. */
    public TrainingRun(Device device, TrainingPlan plan, ImageData data, Architecture studentArchitecture,
                       Architecture teacherArchitecture, DistillationMethod method) {
        this(device, plan, data, data, studentArchitecture, teacherArchitecture, method, new CrossEntropyMethod(),
                Options.DEFAULT);
    }

    /**
     * @param teacherData         the data the teacher is trained on (the teacher plan's limits of the same dataset)
     * @param teacherArchitecture required when the method needs a teacher, ignored otherwise
     * @param teacherMethod       the teacherless objective that trains the teacher (normally {@code ce})
     */
    public TrainingRun(Device device, TrainingPlan plan, ImageData data, ImageData teacherData,
                       Architecture studentArchitecture, Architecture teacherArchitecture, DistillationMethod method,
                       DistillationMethod teacherMethod, Options options) {
        if (method.needsTeacher() && teacherArchitecture == null) {
            throw new TrainingException("method '" + method.name() + "' needs a teacher architecture");
        }
        if (teacherMethod.needsTeacher()) {
            throw new TrainingException("a teacher cannot be trained with '" + teacherMethod.name()
                    + "', which needs a teacher itself");
        }
        if (!teacherData.train().shape().equals(data.train().shape()) || teacherData.classes() != data.classes()) {
            throw new TrainingException("the teacher's data (" + teacherData.train().shape() + ", "
                    + teacherData.classes() + " classes) does not match the student's (" + data.train().shape()
                    + ", " + data.classes() + " classes)");
        }
        this.device = device;
        this.plan = plan;
        this.data = data;
        this.teacherData = teacherData;
        this.studentArchitecture = studentArchitecture;
        this.teacherArchitecture = teacherArchitecture;
        this.method = method;
        this.teacherMethod = teacherMethod;
        this.options = Objects.requireNonNull(options, "options");
        this.normalization = Normalization.forData(data);
        this.k = Math.min(TOP_K, data.classes());
    }

    public TrainingOutcome execute(EpochListener listener, BooleanSupplier cancel) {
        RunControl control = RunControl.start(cancel, plan.maxMinutes(), options.nanoClock()).reportingTo(listener);
        if (plan.resumeState() != null) {
            return resume(listener, control);
        }
        if (!method.needsTeacher()) {
            return trainStudent(null, false, listener, control);
        }
        boolean loaded = plan.teacherParameters() != null;
        Optional<Network> teacher = loaded
                ? Optional.of(loadTeacher(plan.teacherParameters()))
                : trainTeacher(listener, control);
        if (teacher.isEmpty()) {
            return TrainingOutcome.CANCELLED;
        }
        try (Network frozen = teacher.get()) {
            return trainStudent(frozen, !loaded, listener, control);
        }
    }

    /** Trains the teacher without reporting its epochs; empty when cancelled. */
    Optional<Network> trainTeacher(BooleanSupplier cancel) {
        return trainTeacher(metrics -> { }, RunControl.cancelOnly(cancel));
    }

    /** Trains the teacher, reporting each epoch with phase {@code teacher}, and freezes it; empty when cancelled. */
    private Optional<Network> trainTeacher(EpochListener listener, RunControl control) {
        TrainingPlan teacherPlan = plan.teacherPlan() != null ? plan.teacherPlan() : plan;
        LossSettings settings = plan.teacherPlan() != null ? settings(teacherPlan) : CROSS_ENTROPY;
        Network teacher = network(teacherArchitecture, teacherPlan.seed());
        String label = "teacher " + teacherArchitecture.name() + " (" + teacherMethod.name() + ")";
        Consumer<EpochMetrics> report = metrics -> {
            log.info("{} epoch {}: test top-1 {}", label, metrics.epoch(), metrics.testTop1());
            listener.onEpoch(metrics);
        };
        boolean completed = false;
        try {
            Phase phase = new Phase(EpochMetrics.TEACHER, label, teacherPlan, teacherData, teacherMethod, settings);
            MultiStepSchedule schedule = EpochTrainer.schedule(teacherPlan);
            TrainingOptimizer optimizer = optimizer(teacherPlan, schedule, teacher);
            completed = fit(phase, teacher, schedule, optimizer, null, 1, report, control);
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

    /** A frozen teacher with the parameters a previous run wrote to {@code file}. */
    Network loadTeacher(Path file) {
        Network teacher = network(teacherArchitecture, plan.seed());
        try {
            teacher.loadParameters(file);
        } catch (RuntimeException e) {
            teacher.close();
            throw e;
        }
        teacher.freeze();
        log.info("teacher {} loaded from {}", teacherArchitecture.name(), file);
        return teacher;
    }

    /** Trains a fresh student, distilling from {@code teacher} (frozen) when it is not null. */
    TrainingOutcome trainStudent(Network teacher, EpochListener listener, BooleanSupplier cancel) {
        return trainStudent(teacher, false, listener, RunControl.cancelOnly(cancel));
    }

    /** @param stateHoldsTeacher whether the training states written after each epoch include the teacher */
    private TrainingOutcome trainStudent(Network teacher, boolean stateHoldsTeacher, EpochListener listener,
                                         RunControl control) {
        try (Network student = network(studentArchitecture, plan.seed())) {
            MultiStepSchedule schedule = EpochTrainer.schedule(plan);
            TrainingOptimizer optimizer = optimizer(plan, schedule, student);
            return fitStudent(student, schedule, optimizer, teacher, stateHoldsTeacher, 1, listener, control);
        }
    }

    /**
     * Continues from {@link TrainingPlan#resumeState()}: restores the student, its optimizer and (when the state
     * holds one) the teacher, then trains the remaining epochs.
     */
    private TrainingOutcome resume(EpochListener listener, RunControl control) {
        Path file = plan.resumeState();
        TrainingState.Header header = TrainingState.verify(file, plan, method.needsTeacher());
        try (Network student = network(studentArchitecture, plan.seed());
             Network stored = header.hasTeacher() ? network(teacherArchitecture, plan.seed()) : null) {
            MultiStepSchedule schedule = EpochTrainer.schedule(plan);
            TrainingOptimizer optimizer = optimizer(plan, schedule, student);
            int completed = TrainingState.read(file, header, student, optimizer, stored);
            log.info("student {} resumes after epoch {} of {} from {}", studentArchitecture.name(), completed,
                    plan.epochs(), file);
            if (stored != null) {
                stored.freeze();
                return fitStudent(student, schedule, optimizer, stored, true, completed + 1, listener, control);
            }
            if (!method.needsTeacher()) {
                return fitStudent(student, schedule, optimizer, null, false, completed + 1, listener, control);
            }
            try (Network loaded = loadTeacher(plan.teacherParameters())) {
                return fitStudent(student, schedule, optimizer, loaded, false, completed + 1, listener, control);
            }
        }
    }

    private TrainingOutcome fitStudent(Network student, MultiStepSchedule schedule, TrainingOptimizer optimizer,
                                       Network teacher, boolean stateHoldsTeacher, int firstEpoch,
                                       EpochListener listener, RunControl control) {
        String label = "student " + studentArchitecture.name() + " (" + method.name() + ")";
        Phase phase = new Phase(EpochMetrics.STUDENT, label, plan, data, method, settings(plan));
        Network embedded = stateHoldsTeacher ? teacher : null;
        Consumer<EpochMetrics> report = metrics -> listener.onStudentEpoch(metrics, student::writeParameters,
                out -> TrainingState.write(out, plan, metrics.epoch(), student, optimizer, embedded));
        boolean completed = fit(phase, student, schedule, optimizer, teacher, firstEpoch, report, control);
        return completed ? TrainingOutcome.COMPLETED : TrainingOutcome.CANCELLED;
    }

    private static TrainingOptimizer optimizer(TrainingPlan plan, MultiStepSchedule schedule, Network network) {
        return Optimizers.create(plan.optimizer(), schedule, plan.momentum(), plan.weightDecay(), network);
    }

    private static LossSettings settings(TrainingPlan plan) {
        return new LossSettings(plan.temperature(), plan.zscore(), plan.ceWeight(), plan.kdWeight(),
                plan.methodParams());
    }

    private Network network(Architecture architecture, long seed) {
        try {
            return Network.create(architecture, data.train().shape(), data.classes(), device, seed);
        } catch (RuntimeException e) {
            throw new TrainingException("could not build " + architecture.name() + " for " + data.train().shape()
                    + " inputs and " + data.classes() + " classes on " + device + ": " + e.getMessage(), e);
        }
    }

    /** What one phase trains: which plan's hyperparameters, on which data, with which objective. */
    private record Phase(String name, String label, TrainingPlan plan, ImageData data, DistillationMethod objective,
                         LossSettings settings) {
    }

    /** Trains epochs {@code firstEpoch..plan.epochs()} of a phase; false when cancelled. */
    private boolean fit(Phase phase, Network network, MultiStepSchedule schedule, TrainingOptimizer optimizer,
                        Network teacher, int firstEpoch, Consumer<EpochMetrics> report, RunControl control) {
        TrainingPlan phasePlan = phase.plan();
        ImageData phaseData = phase.data();
        Augmentation augmentation = augmentation(phasePlan);
        TeacherLogits trainTeacher = teacher == null ? null
                : augmentation == null && options.memoizeTeacherLogits()
                        ? TeacherLogits.memoized(teacher, phaseData.classes(), phaseData.train().size())
                        : TeacherLogits.live(teacher, phaseData.classes());
        TeacherLogits testTeacher = teacher == null ? null
                : options.memoizeTeacherLogits()
                        ? TeacherLogits.memoized(teacher, phaseData.classes(), phaseData.test().size())
                        : TeacherLogits.live(teacher, phaseData.classes());
        EpochTrainer trainer = new EpochTrainer(phase.label(), network, trainTeacher, phase.objective(),
                phase.settings(), phasePlan, k, schedule, optimizer).prefetch(options.prefetchBatches());
        BatchAssembler train = new BatchAssembler(phaseData.train(), normalization, augmentation);
        BatchAssembler test = new BatchAssembler(phaseData.test(), normalization, null);
        int samples = phaseData.train().size();
        int steps = (samples + phasePlan.batchSize() - 1) / phasePlan.batchSize();
        for (int epoch = firstEpoch; epoch <= phasePlan.epochs(); epoch++) {
            int[] order = order(samples, phasePlan.seed(), epoch);
            train.startEpoch(epoch);
            long start = System.nanoTime();
            Optional<Scores> trained = trainer.train(epoch, order, train, control);
            double trainSeconds = (System.nanoTime() - start) / 1e9;
            int trainedEpoch = epoch;
            BooleanSupplier evaluationCheck = () -> {
                if (control.cancelled()) {
                    return true;
                }
                control.checkTime(phase.label(), trainedEpoch, steps, steps, "(evaluating)");
                return false;
            };
            Optional<Evaluator.Evaluation> tested = trained.isEmpty() ? Optional.empty()
                    : evaluate(phase, epoch, network, testTeacher, test, evaluationCheck);
            if (tested.isEmpty()) {
                return false;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            report.accept(metrics(phase.name(), epoch, trained.get(), tested.get(), trainer.learningRate(epoch),
                    seconds, trainSeconds));
        }
        return true;
    }

    private Optional<Evaluator.Evaluation> evaluate(Phase phase, int epoch, Network network, TeacherLogits teacher,
                                                    BatchAssembler test, BooleanSupplier cancel) {
        try {
            return Evaluator.evaluate(phase.label(), epoch, network, teacher, test, k,
                    phase.settings().temperature(), cancel);
        } catch (TrainingException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TrainingException(phase.label() + " evaluation failed after epoch " + epoch + ": "
                    + e.getMessage(), e);
        }
    }

    private Augmentation augmentation(TrainingPlan phasePlan) {
        InputShape shape = data.train().shape();
        return phasePlan.augment() ? Augmentation.forShape(shape, phasePlan.seed() ^ AUGMENTATION_SEED_MIX) : null;
    }

    private static EpochMetrics metrics(String phase, int epoch, Scores train, Evaluator.Evaluation test,
                                        double learningRate, double seconds, double trainSeconds) {
        Scores scores = test.scores();
        LogitDiagnostics diagnostics = test.diagnostics();
        return new EpochMetrics(epoch, train.meanLoss(), train.top1(), scores.meanLoss(), scores.top1(),
                scores.topK(), learningRate, seconds, train.samples() / Math.max(trainSeconds, 1e-9), phase,
                train.meanParts(), diagnostics);
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
