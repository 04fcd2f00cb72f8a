package dev.distillery.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.distillery.methods.MethodRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TrainingServiceTest {

    @BeforeAll
    static void threads() {
        DjlTestThreads.oneThreadUnlessConfigured();
    }

    private final TrainingService service =
            new TrainingService(new DatasetCatalog(), new ArchitectureCatalog(), new MethodRegistry());

    @Test
    void lenet5LearnsSyntheticShapesWellAboveChance() {
        List<EpochMetrics> epochs = new ArrayList<>();

        TrainingOutcome outcome = service.train(Plans.ce("lenet5", 2, null, 500), epochs::add, () -> false);

        assertThat(outcome).isEqualTo(TrainingOutcome.COMPLETED);
        assertThat(epochs).extracting(EpochMetrics::epoch).containsExactly(1, 2);
        EpochMetrics last = epochs.get(1);
        assertThat(last.testTop1()).isGreaterThan(0.6);
        assertThat(last.testTop5()).isGreaterThanOrEqualTo(last.testTop1());
        assertThat(last.trainLoss()).isLessThan(epochs.get(0).trainLoss());
        assertThat(last.learningRate()).isEqualTo(0.01);
        assertThat(last.epochSeconds()).isPositive();
        assertThat(last.samplesPerSecond()).isPositive();
    }

    @Test
    void samePlanAndSeedGiveIdenticalMetricsEvenWhenRunConcurrently() {
        TrainingPlan plan = Plans.withAugment(Plans.ce("lenet5", 2, 1000, 300), true, List.of(1));

        List<List<Double>> sequential = List.of(metricsOf(plan), metricsOf(plan));
        CompletableFuture<List<Double>> first = CompletableFuture.supplyAsync(() -> metricsOf(plan));
        CompletableFuture<List<Double>> second = CompletableFuture.supplyAsync(() -> metricsOf(plan));

        assertThat(sequential.get(1)).isEqualTo(sequential.get(0));
        assertThat(first.join()).isEqualTo(sequential.get(0));
        assertThat(second.join()).isEqualTo(sequential.get(0));
    }

    @Test
    void learningRateFollowsMilestones() {
        TrainingPlan plan = Plans.withAugment(Plans.ce("mlp", 3, 200, 100), false, List.of(1, 2));
        List<EpochMetrics> epochs = new ArrayList<>();

        service.train(plan, epochs::add, () -> false);

        assertThat(epochs)
                .extracting(EpochMetrics::learningRate)
                .containsExactly(0.01, 0.01 * Math.pow(0.1, 1), 0.01 * Math.pow(0.1, 2));
    }

    @Test
    void adamTrainsToo() {
        List<EpochMetrics> epochs = new ArrayList<>();

        service.train(Plans.withOptimizer(Plans.ce("mlp", 1, 1000, 200), "adam", 1e-3), epochs::add, () -> false);

        assertThat(epochs.get(0).testTop1()).isGreaterThan(0.2);
    }

    @Test
    void cancellationBetweenBatchesStopsPromptly() {
        AtomicInteger checks = new AtomicInteger();
        List<EpochMetrics> epochs = new ArrayList<>();

        TrainingOutcome outcome =
                service.train(Plans.ce("lenet5", 5, null, null), epochs::add, () -> checks.incrementAndGet() > 3);

        assertThat(outcome).isEqualTo(TrainingOutcome.CANCELLED);
        assertThat(epochs).isEmpty();
        assertThat(checks.get()).isEqualTo(4);
    }

    @Test
    void cancellationDuringTeacherTrainingCancelsTheRun() {
        AtomicInteger checks = new AtomicInteger();

        TrainingOutcome outcome =
                service.train(Plans.kd("mlp", "lenet5", 2, null, null), m -> {}, () -> checks.incrementAndGet() > 5);

        assertThat(outcome).isEqualTo(TrainingOutcome.CANCELLED);
    }

    @Test
    void divergingLossFailsWithEpochAndStep() {
        TrainingPlan plan = Plans.withOptimizer(Plans.ce("mlp", 1, 640, 100), "sgd", 1e12);

        assertThatThrownBy(() -> service.train(plan, m -> {}, () -> false))
                .isInstanceOf(TrainingException.class)
                .hasMessageContaining("epoch 1, step");
    }

    @Test
    void reportsPlanProblemsWithoutTraining() {
        TrainingPlan kdWithoutTeacher = Plans.kd("mlp", null, 1, 10, 10);
        TrainingPlan unknownArchitecture = Plans.ce("resnet999", 1, 10, 10);
        TrainingPlan missingFiles = Plans.withDataset(
                Plans.ce("mlp", 1, 10, 10), new DatasetRef("cifar10", "/nonexistent/cifar", null, null));

        assertThat(service.problem(kdWithoutTeacher)).hasValue("method 'kd' needs a teacherArchitecture");
        assertThat(service.problem(unknownArchitecture)).get().asString().contains("unknown architecture 'resnet999'");
        assertThat(service.problem(missingFiles)).hasValue(DatasetRoots.REFUSED);
        assertThat(service.problem(Plans.ce("mlp", 1, 10, 10))).isEmpty();
        assertThatThrownBy(() -> service.train(kdWithoutTeacher, m -> {}, () -> false))
                .isInstanceOf(TrainingException.class)
                .hasMessageContaining("teacherArchitecture");
    }

    @Test
    void kdTrainsTeacherFirstThenTheStudentReportingBothPhases() {
        List<EpochMetrics> epochs = new ArrayList<>();

        TrainingOutcome outcome = service.train(Plans.kd("mlp", "lenet5", 2, 3000, 300), epochs::add, () -> false);

        assertThat(outcome).isEqualTo(TrainingOutcome.COMPLETED);
        assertThat(epochs)
                .extracting(m -> m.phase() + " " + m.epoch())
                .containsExactly("teacher 1", "teacher 2", "student 1", "student 2");
        assertThat(epochs.get(3).testTop1()).isGreaterThan(0.2);
    }

    private List<Double> metricsOf(TrainingPlan plan) {
        List<Double> values = new ArrayList<>();
        service.train(
                plan,
                m -> values.addAll(List.of(
                        m.trainLoss(), m.trainTop1(), m.testLoss(), m.testTop1(), m.testTop5(), m.learningRate())),
                () -> false);
        return values;
    }
}
