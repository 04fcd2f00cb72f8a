package dev.distillery.training.engine;

import dev.distillery.methods.Views;
import dev.distillery.training.EpochMetrics;
import dev.distillery.training.LogitDiagnostics;
import dev.distillery.training.TrainingPlan;
import dev.distillery.training.data.ImageData;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The epochs of one phase: per epoch the training order drawn from (seed, epoch), one training pass, an evaluation
 * on the test split (with the teacher's diagnostics when there is a teacher) and one report of the epoch's metrics.
 * Without augmentation the teacher's logits of every sample are memoized the first time the teacher computes them.
 */
final class EpochLoop {

    private final RunSetup setup;
    private final PhaseTraining training;

    EpochLoop(RunSetup setup, PhaseTraining training) {
        this.setup = setup;
        this.training = training;
    }

    /** Trains epochs {@code firstEpoch..plan.epochs()} of the phase; false when cancelled. */
    boolean run(int firstEpoch, Consumer<EpochMetrics> report, RunControl control) {
        Phase phase = training.phase();
        TrainingPlan plan = phase.plan();
        ImageData data = phase.data();
        Augmentation augmentation = setup.augmentation(plan);
        boolean strongViews = phase.objective().views() == Views.WEAK_AND_STRONG;
        boolean memoize = setup.options().memoizeTeacherLogits();
        TeacherLogits trainTeacher = teacherLogits(
                memoize && augmentation == null && !strongViews, data.train().size());
        TeacherLogits testTeacher = teacherLogits(memoize, data.test().size());
        EpochTrainer trainer = new EpochTrainer(training, trainTeacher, setup.k())
                .prefetch(setup.options().prefetchBatches());
        StrongViews strong = strongViews ? RunSetup.strongViews(data.train().shape(), plan) : null;
        BatchAssembler train = new BatchAssembler(data.train(), setup.normalization(), augmentation, strong);
        BatchAssembler test = new BatchAssembler(data.test(), setup.normalization(), null);
        int steps = (data.train().size() + plan.batchSize() - 1) / plan.batchSize();
        for (int epoch = firstEpoch; epoch <= plan.epochs(); epoch++) {
            train.startEpoch(epoch);
            long start = System.nanoTime();
            Optional<Scores> trained =
                    trainer.train(epoch, TrainingRun.order(data.train().size(), plan.seed(), epoch), train, control);
            double trainSeconds = (System.nanoTime() - start) / 1e9;
            Optional<Evaluator.Evaluation> tested = trained.isEmpty()
                    ? Optional.empty()
                    : evaluate(epoch, testTeacher, test, evaluationCheck(control, epoch, steps));
            if (tested.isEmpty()) {
                return false;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            report.accept(metrics(
                    phase.name(),
                    epoch,
                    trained.get(),
                    tested.get(),
                    trainer.learningRate(epoch),
                    seconds,
                    trainSeconds,
                    trainer.methodDiagnostics()));
        }
        return true;
    }

    private TeacherLogits teacherLogits(boolean memoize, int samples) {
        Network teacher = training.teacher();
        if (teacher == null) {
            return null;
        }
        int classes = training.phase().data().classes();
        return memoize ? TeacherLogits.memoized(teacher, classes, samples) : TeacherLogits.live(teacher, classes);
    }

    /** Between evaluation batches: cancellation, and the run's time limit. */
    private BooleanSupplier evaluationCheck(RunControl control, int epoch, int steps) {
        return () -> {
            if (control.cancelled()) {
                return true;
            }
            control.checkTime(training.phase().label(), epoch, steps, steps, "(evaluating)");
            return false;
        };
    }

    private Optional<Evaluator.Evaluation> evaluate(
            int epoch, TeacherLogits teacher, BatchAssembler test, BooleanSupplier cancel) {
        Phase phase = training.phase();
        return Failures.named(
                () -> phase.label() + " evaluation failed after epoch " + epoch,
                () -> Evaluator.evaluate(
                        phase.label(),
                        epoch,
                        training.network(),
                        teacher,
                        test,
                        setup.k(),
                        phase.settings().temperature(),
                        cancel));
    }

    private static EpochMetrics metrics(
            String phase,
            int epoch,
            Scores train,
            Evaluator.Evaluation test,
            double learningRate,
            double seconds,
            double trainSeconds,
            Map<String, Double> methodDiagnostics) {
        Scores scores = test.scores();
        LogitDiagnostics diagnostics = test.diagnostics();
        return new EpochMetrics(
                epoch,
                train.meanLoss(),
                train.top1(),
                scores.meanLoss(),
                scores.top1(),
                scores.topK(),
                learningRate,
                seconds,
                train.samples() / Math.max(trainSeconds, 1e-9),
                phase,
                train.meanParts(),
                diagnostics,
                methodDiagnostics);
    }
}
