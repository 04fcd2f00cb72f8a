package dev.distillery.training.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.distillery.methods.CrossEntropyMethod;
import dev.distillery.methods.CurriculumTemperatureDistillation;
import dev.distillery.methods.DistillationMethod;
import dev.distillery.methods.KnowledgeDistillation;
import dev.distillery.methods.LossSettings;
import dev.distillery.methods.MultiLevelDistillation;
import dev.distillery.training.Architecture;
import dev.distillery.training.DatasetRef;
import dev.distillery.training.TrainingPlan;
import dev.distillery.training.data.ImageData;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Times the engine's real training step (batch assembly, teacher, forward, loss, backward, optimizer update, scores)
 * for the benchmark in {@code dev.distillery.training.bench}; lives in the engine package to reach its internals.
 * Steps run over the first samples of the training split, un-augmented; all timings use one student network whose
 * weights keep changing (the cost of a step does not depend on them).
 */
public final class BenchmarkHarness implements AutoCloseable {

    /** What one epoch-level measurement trains. */
    public enum EpochKind {
        CE,
        KD_LIVE_TEACHER,
        KD_MEMOIZED_TEACHER,
        TEACHER_INFERENCE
    }

    /**
     * Wall-clock and calling-thread CPU time of a measurement. With one intra-op thread LibTorch computes on the
     * calling thread, so CPU time is the work done, unaffected by other processes competing for the cores.
     */
    public record Timing(double wall, double cpu) {

        Timing per(double divisor) {
            return new Timing(wall / divisor, cpu / divisor);
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Starts a measurement on the calling thread. */
    private static long[] start() {
        return new long[] {System.nanoTime(), THREADS.getCurrentThreadCpuTime()};
    }

    /** Milliseconds since {@code start}. */
    private static Timing since(long[] start) {
        return new Timing((System.nanoTime() - start[0]) / 1e6, (THREADS.getCurrentThreadCpuTime() - start[1]) / 1e6);
    }

    private final ImageData data;
    private final int batchSize;
    private final double temperature;
    private final Network student;
    private final Network teacher;
    private final BatchAssembler train;
    private final BatchAssembler augmentedTrain;
    private final EpochTrainer ce;
    private final EpochTrainer kd;
    private final EpochTrainer kdStandardized;
    private final EpochTrainer ctkd;
    private final EpochTrainer mlkd;
    private final BatchAssembler twoViews;
    private final TrainingPlan plan;
    private int epoch = 1;

    public BenchmarkHarness(
            ImageData data, Architecture student, Architecture teacher, int batchSize, double temperature) {
        this.data = data;
        this.batchSize = batchSize;
        this.temperature = temperature;
        this.plan = new TrainingPlan(
                "kd",
                student.name(),
                teacher.name(),
                new DatasetRef(data.name(), null, null, null),
                temperature,
                false,
                0.1,
                9.0,
                1,
                batchSize,
                "sgd",
                0.01,
                0.9,
                5e-4,
                List.of(),
                0.1,
                false,
                1L);
        this.student = Network.create(student, data.train().shape(), data.classes(), Device.cpu(), 1);
        this.teacher = Network.create(teacher, data.train().shape(), data.classes(), Device.cpu(), 2);
        this.teacher.freeze();
        this.train = new BatchAssembler(data.train(), Normalization.forData(data), null);
        this.augmentedTrain = new BatchAssembler(
                data.train(),
                Normalization.forData(data),
                Augmentation.forShape(data.train().shape(), 1));
        TeacherLogits live = TeacherLogits.live(this.teacher, data.classes());
        this.ce = trainer(new CrossEntropyMethod(), null, false);
        this.kd = trainer(new KnowledgeDistillation(), live, false);
        this.kdStandardized = trainer(new KnowledgeDistillation(), live, true);
        this.ctkd = trainer(new CurriculumTemperatureDistillation(), live, true);
        this.mlkd = trainer(new MultiLevelDistillation(), live, true);
        this.twoViews = new BatchAssembler(
                data.train(),
                Normalization.forData(data),
                null,
                StrongViews.forShape(data.train().shape(), 1));
    }

    private EpochTrainer trainer(DistillationMethod method, TeacherLogits teacherLogits, boolean zscore) {
        LossSettings settings = new LossSettings(temperature, zscore, 0.1, 9.0);
        return new EpochTrainer("benchmark", student, teacherLogits, method, settings, plan, 5);
    }

    /** Milliseconds per CE training step, over {@code steps} steps. */
    public Timing ceStepMillis(int steps) {
        return stepMillis(ce, steps);
    }

    /** Milliseconds per KD training step (live teacher), with or without logit standardization. */
    public Timing kdStepMillis(int steps, boolean zscore) {
        return stepMillis(zscore ? kdStandardized : kd, steps);
    }

    /** Milliseconds per ctkd training step (live teacher, standardized), learned temperature included. */
    public Timing ctkdStepMillis(int steps) {
        return stepMillis(ctkd, steps);
    }

    /**
     * Milliseconds per mlkd training step (standardized): the weak view un-augmented, the strong view drawn
     * (crop, flip, RandAugment, cutout) as in training, teacher and student on both views.
     */
    public Timing mlkdStepMillis(int steps) {
        twoViews.startEpoch(epoch);
        return stepMillis(mlkd, steps, twoViews);
    }

    /** Milliseconds per teacher forward pass on a training batch (inference mode, grad off, batch assembly excluded). */
    public Timing teacherMillis(int steps) {
        int[] order = order(steps * batchSize);
        double wall = 0;
        double cpu = 0;
        for (int step = 0; step < steps; step++) {
            try (NDManager scope = student.manager().newSubManager()) {
                var images = train.images(scope, order, step * batchSize, (step + 1) * batchSize);
                long[] start = start();
                try (Autograd.GradMode off = Autograd.gradMode(false)) {
                    teacher.infer(images);
                }
                Timing timing = since(start);
                wall += timing.wall();
                cpu += timing.cpu();
            }
        }
        return new Timing(wall, cpu).per(steps);
    }

    /**
     * Seconds of one un-augmented training epoch over the first {@code samples} training samples. For
     * {@link EpochKind#KD_MEMOIZED_TEACHER} the memo is filled by an untimed first epoch, so the figure is the
     * steady state of every later epoch.
     */
    public Timing epochSeconds(EpochKind kind, int samples) {
        int[] order = order(samples);
        if (kind == EpochKind.TEACHER_INFERENCE) {
            int steps = samples / batchSize;
            return teacherMillis(steps).per(1000.0 / steps);
        }
        EpochTrainer trainer =
                switch (kind) {
                    case TEACHER_INFERENCE -> throw new IllegalStateException();
                    case CE -> ce;
                    case KD_LIVE_TEACHER -> kd;
                    case KD_MEMOIZED_TEACHER -> {
                        EpochTrainer memoized = trainer(
                                new KnowledgeDistillation(),
                                TeacherLogits.memoized(
                                        teacher, data.classes(), data.train().size()),
                                false);
                        memoized.train(epoch++, order, train, () -> false).orElseThrow();
                        yield memoized;
                    }
                };
        long[] start = start();
        trainer.train(epoch++, order, train, () -> false).orElseThrow();
        return since(start).per(1000);
    }

    /**
     * Seconds of one CE training epoch over the first {@code samples} training samples with the paper's augmentation
     * (random crop with padding, horizontal flip), batches assembled ahead on their own thread or in line.
     */
    public Timing augmentedEpochSeconds(int samples, boolean prefetch) {
        int[] order = order(samples);
        int current = epoch++;
        augmentedTrain.startEpoch(current);
        long[] start = start();
        try {
            ce.prefetch(prefetch)
                    .train(current, order, augmentedTrain, () -> false)
                    .orElseThrow();
        } finally {
            ce.prefetch(false);
        }
        return since(start).per(1000);
    }

    /** Milliseconds to assemble (decode, augment, normalize) one augmented batch, without training on it. */
    public Timing augmentedAssemblyMillis(int steps) {
        int[] order = order(steps * batchSize);
        augmentedTrain.startEpoch(epoch++);
        long[] start = start();
        for (int step = 0; step < steps; step++) {
            augmentedTrain.pixels(order, step * batchSize, (step + 1) * batchSize);
        }
        return since(start).per(steps);
    }

    private Timing stepMillis(EpochTrainer trainer, int steps) {
        return stepMillis(trainer, steps, train);
    }

    private Timing stepMillis(EpochTrainer trainer, int steps, BatchAssembler batches) {
        int[] order = order(steps * batchSize);
        long[] start = start();
        trainer.train(epoch++, order, batches, () -> false).orElseThrow();
        return since(start).per(steps);
    }

    private int[] order(int samples) {
        if (samples > data.train().size()) {
            throw new IllegalArgumentException("needs " + samples + " training samples, the data has "
                    + data.train().size());
        }
        return IntStream.range(0, samples).toArray();
    }

    @Override
    public void close() {
        teacher.close();
        student.close();
    }

    /** Runs every kind once per round, rotating which kind goes first, so that no kind always follows another. */
    public static java.util.List<Timing[]> rounds(
            java.util.List<java.util.function.Supplier<Timing>> kinds, int rounds) {
        java.util.List<Timing[]> results = new java.util.ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            Timing[] timings = new Timing[kinds.size()];
            for (int i = 0; i < kinds.size(); i++) {
                int kind = (round + i) % kinds.size();
                timings[kind] = kinds.get(kind).get();
            }
            results.add(timings);
        }
        return results;
    }
}
