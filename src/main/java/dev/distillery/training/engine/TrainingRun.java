package dev.distillery.training.engine;

import ai.djl.Device;
import dev.distillery.methods.CrossEntropyMethod;
import dev.distillery.methods.DistillationMethod;
import dev.distillery.methods.LossSettings;
import dev.distillery.training.Architecture;
import dev.distillery.training.EpochListener;
import dev.distillery.training.EpochMetrics;
import dev.distillery.training.InputShape;
import dev.distillery.training.TrainingException;
import dev.distillery.training.TrainingOutcome;
import dev.distillery.training.TrainingPlan;
import dev.distillery.training.data.ImageData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * One training run on one device: for methods with a teacher, first the teacher from scratch with {@code ce}
 * (same data and settings, not reported), then frozen; then the student with the plan's method, reporting each
 * epoch. Everything random is derived from the plan's seed.
 */
public final class TrainingRun {

    private static final Logger log = LoggerFactory.getLogger(TrainingRun.class);
    private static final long AUGMENTATION_SEED_MIX = 0x9E3779B97F4A7C15L;
    private static final int TOP_K = 5;

    private final Device device;
    private final TrainingPlan plan;
    private final ImageData data;
    private final Architecture studentArchitecture;
    private final Architecture teacherArchitecture;
    private final DistillationMethod method;
    private final Normalization normalization;
    private final int k;

    /** @param teacherArchitecture required when the method needs a teacher, ignored otherwise */
    public TrainingRun(Device device, TrainingPlan plan, ImageData data, Architecture studentArchitecture,
                       Architecture teacherArchitecture, DistillationMethod method) {
        if (method.needsTeacher() && teacherArchitecture == null) {
            throw new TrainingException("method '" + method.name() + "' needs a teacher architecture");
        }
        this.device = device;
        this.plan = plan;
        this.data = data;
        this.studentArchitecture = studentArchitecture;
        this.teacherArchitecture = teacherArchitecture;
        this.method = method;
        this.normalization = Normalization.of(data.train());
        this.k = Math.min(TOP_K, data.classes());
    }

    public TrainingOutcome execute(EpochListener listener, BooleanSupplier cancel) {
        if (!method.needsTeacher()) {
            return trainStudent(null, listener, cancel);
        }
        Optional<Network> teacher = trainTeacher(cancel);
        if (teacher.isEmpty()) {
            return TrainingOutcome.CANCELLED;
        }
        try (Network frozen = teacher.get()) {
            return trainStudent(frozen, listener, cancel);
        }
    }

    /** Trains the teacher with cross-entropy and freezes it; empty when cancelled. */
    Optional<Network> trainTeacher(BooleanSupplier cancel) {
        Network teacher = network(teacherArchitecture);
        CrossEntropyMethod ce = new CrossEntropyMethod();
        String phase = "teacher " + teacherArchitecture.name();
        EpochListener progress = m -> log.info("{} epoch {}: test top-1 {}", phase, m.epoch(), m.testTop1());
        boolean completed = false;
        try {
            completed = fit(phase, teacher, null, ce, ce.defaults(), progress, cancel);
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

    /** Trains a fresh student, distilling from {@code teacher} when it is not null. */
    TrainingOutcome trainStudent(Network teacher, EpochListener listener, BooleanSupplier cancel) {
        LossSettings settings = new LossSettings(plan.temperature(), plan.zscore(), plan.ceWeight(), plan.kdWeight());
        try (Network student = network(studentArchitecture)) {
            String phase = "student " + studentArchitecture.name() + " (" + method.name() + ")";
            boolean completed = fit(phase, student, teacher, method, settings, listener, cancel);
            return completed ? TrainingOutcome.COMPLETED : TrainingOutcome.CANCELLED;
        }
    }

    private Network network(Architecture architecture) {
        try {
            return Network.create(architecture, data.train().shape(), data.classes(), device, plan.seed());
        } catch (RuntimeException e) {
            throw new TrainingException("could not build " + architecture.name() + " for " + data.train().shape()
                    + " inputs and " + data.classes() + " classes on " + device + ": " + e.getMessage(), e);
        }
    }

    private boolean fit(String phase, Network network, Network teacher, DistillationMethod objective,
                        LossSettings settings, EpochListener listener, BooleanSupplier cancel) {
        EpochTrainer trainer = new EpochTrainer(phase, network, teacher, objective, settings, plan, k);
        BatchAssembler train = new BatchAssembler(data.train(), normalization, augmentation());
        BatchAssembler test = new BatchAssembler(data.test(), normalization, null);
        Random shuffle = new Random(plan.seed());
        int[] order = IntStream.range(0, data.train().size()).toArray();
        for (int epoch = 1; epoch <= plan.epochs(); epoch++) {
            shuffle(order, shuffle);
            long start = System.nanoTime();
            Optional<Scores> trained = trainer.train(epoch, order, train, cancel);
            double trainSeconds = (System.nanoTime() - start) / 1e9;
            Optional<Scores> tested =
                    trained.isEmpty() ? Optional.empty() : evaluate(phase, epoch, network, test, cancel);
            if (tested.isEmpty()) {
                return false;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            listener.onEpoch(metrics(epoch, trained.get(), tested.get(), trainer.learningRate(epoch), seconds,
                    trainSeconds));
        }
        return true;
    }

    private Optional<Scores> evaluate(String phase, int epoch, Network network, BatchAssembler test,
                                      BooleanSupplier cancel) {
        try {
            return Evaluator.evaluate(network, test, k, cancel);
        } catch (RuntimeException e) {
            throw new TrainingException(phase + " evaluation failed after epoch " + epoch + ": " + e.getMessage(), e);
        }
    }

    private Augmentation augmentation() {
        InputShape shape = data.train().shape();
        return plan.augment() ? Augmentation.forShape(shape, plan.seed() ^ AUGMENTATION_SEED_MIX) : null;
    }

    private static EpochMetrics metrics(int epoch, Scores train, Scores test, double learningRate, double seconds,
                                        double trainSeconds) {
        return new EpochMetrics(epoch, train.meanLoss(), train.top1(), test.meanLoss(), test.top1(), test.topK(),
                learningRate, seconds, train.samples() / Math.max(trainSeconds, 1e-9));
    }

    private static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }
}
