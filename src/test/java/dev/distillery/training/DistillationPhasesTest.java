package dev.distillery.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.distillery.methods.MethodRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Teacher phase, teacher loading, per-epoch loss parts and diagnostics, and concurrent runs, through the service. */
class DistillationPhasesTest {

    @BeforeAll
    static void threads() {
        DjlTestThreads.oneThreadUnlessConfigured();
    }

    private final TrainingService service =
            new TrainingService(new DatasetCatalog(), new ArchitectureCatalog(), new MethodRegistry());

    @Test
    void teacherEpochsAreReportedWithPhaseTeacherThenStudentEpochsWithLossPartsAndDiagnostics() {
        TrainingPlan teacherPlan = Plans.withOptimizer(Plans.ce("lenet5", 1, 1000, 300), "sgd", 0.05);
        TrainingPlan plan = Plans.withTeacher(Plans.kd("mlp", "lenet5", 2, 1000, 300), null, teacherPlan);
        Recorder recorder = new Recorder();

        TrainingOutcome outcome = service.train(plan, recorder, () -> false);

        assertThat(outcome).isEqualTo(TrainingOutcome.COMPLETED);
        assertThat(recorder.calls).containsExactly("teacher 1", "student 1", "student 2");
        EpochMetrics teacher = recorder.epochs.get(0);
        assertThat(teacher.phase()).isEqualTo(EpochMetrics.TEACHER);
        assertThat(teacher.learningRate()).isEqualTo(0.05);
        assertThat(teacher.lossTerms()).containsOnlyKeys("ce");
        assertThat(teacher.lossTerms().get("ce")).isCloseTo(teacher.trainLoss(), within(1e-9));
        assertThat(teacher.diagnostics().teacherAgreement()).isNull();
        assertThat(teacher.diagnostics().studentLogitStd()).isPositive();

        for (EpochMetrics student : recorder.epochs.subList(1, 3)) {
            assertThat(student.phase()).isEqualTo(EpochMetrics.STUDENT);
            assertThat(student.lossTerms()).containsOnlyKeys("ce", "kd");
            assertThat(student.lossTerms().get("ce") + student.lossTerms().get("kd"))
                    .isCloseTo(student.trainLoss(), within(1e-5 * student.trainLoss()));
            LogitDiagnostics d = student.diagnostics();
            assertThat(d.teacherAgreement()).isBetween(0.0, 1.0);
            assertThat(d.kl()).isPositive();
            assertThat(d.standardizedKl()).isPositive();
            assertThat(d.studentLogitStd()).isPositive();
            assertThat(d.teacherLogitStd()).isPositive();
            assertThat(d.teacherLogitMean()).isNotNull();
        }
        // the teacher is frozen: its logit statistics on the test set are the same after every student epoch
        assertThat(recorder.epochs.get(2).diagnostics().teacherLogitMean())
                .isEqualTo(recorder.epochs.get(1).diagnostics().teacherLogitMean());
        assertThat(recorder.epochs.get(2).trainLoss())
                .isLessThan(recorder.epochs.get(1).trainLoss());
    }

    @Test
    void aTeacherLoadedFromParametersIsNotTrainedAndIsTheNetworkThatWroteThem(@TempDir Path dir) {
        Path file = dir.resolve("lenet5.params");
        List<EpochMetrics> teacherEpochs = new ArrayList<>();
        service.train(
                Plans.ce("lenet5", 2, 1000, 300),
                new EpochListener() {
                    @Override
                    public void onEpoch(EpochMetrics metrics) {
                        throw new AssertionError("ce reports student epochs only");
                    }

                    @Override
                    public void onStudentEpoch(EpochMetrics metrics, ParameterWriter parameters) {
                        teacherEpochs.add(metrics);
                        try (OutputStream out = Files.newOutputStream(file)) {
                            parameters.writeTo(out);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                },
                () -> false);
        EpochMetrics trainedTeacher = teacherEpochs.get(1);
        TrainingPlan plan = Plans.withTeacher(Plans.kd("mlp", "lenet5", 1, 500, 300), file, null);
        Recorder recorder = new Recorder();

        service.train(plan, recorder, () -> false);

        assertThat(recorder.calls).containsExactly("student 1");
        LogitDiagnostics d = recorder.epochs.get(0).diagnostics();
        // the loaded teacher's logits on the same test set have exactly the statistics the writer's had
        assertThat(d.teacherLogitMean()).isEqualTo(trainedTeacher.diagnostics().studentLogitMean());
        assertThat(d.teacherLogitStd()).isEqualTo(trainedTeacher.diagnostics().studentLogitStd());
    }

    @Test
    void twoTrainingsRunAtOnceWithTheSameResultsAsAlone() throws Exception {
        TrainingPlan kd = Plans.kd("mlp", "lenet5", 2, 1000, 200);
        TrainingPlan ce = Plans.ce("lenet5", 2, 1000, 200);
        List<Double> kdAlone = values(kd, null);
        List<Double> ceAlone = values(ce, null);

        CountDownLatch start = new CountDownLatch(2);
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            Future<List<Double>> kdTogether = workers.submit(() -> values(kd, start));
            Future<List<Double>> ceTogether = workers.submit(() -> values(ce, start));

            assertThat(kdTogether.get(60, TimeUnit.SECONDS)).isEqualTo(kdAlone);
            assertThat(ceTogether.get(60, TimeUnit.SECONDS)).isEqualTo(ceAlone);
        } finally {
            workers.shutdownNow();
        }
        // values: per epoch [trainLoss, ...]; the training losses fall
        assertThat(kdAlone.get(VALUES_PER_EPOCH)).isLessThan(kdAlone.get(0));
        assertThat(ceAlone.get(VALUES_PER_EPOCH)).isLessThan(ceAlone.get(0));
    }

    @Test
    void reportsTeacherPlanAndParameterProblems(@TempDir Path dir) {
        TrainingPlan kd = Plans.kd("mlp", "lenet5", 1, 10, 10);

        assertThat(service.problem(Plans.withTeacher(kd, dir.resolve("none.params"), null)))
                .get()
                .asString()
                .startsWith("teacherParameters: no readable file at ");
        assertThat(service.problem(Plans.withTeacher(kd, null, Plans.kd("lenet5", "mlp", 1, 10, 10))))
                .get()
                .asString()
                .contains("needs a teacher itself");
        assertThat(service.problem(Plans.withTeacher(kd, null, Plans.ce("mlp", 1, 10, 10))))
                .hasValue("teacherPlan trains 'mlp' but the teacher is 'lenet5'");
        assertThat(service.problem(
                        Plans.withTeacher(kd, null, Plans.withOptimizer(Plans.ce("lenet5", 1, 10, 10), "sgd", -1))))
                .hasValue("teacherPlan: learningRate must be positive");
        assertThat(service.problem(Plans.withTeacher(
                        kd,
                        null,
                        Plans.withDataset(
                                Plans.ce("lenet5", 1, 10, 10), new DatasetRef("mnist", "/nonexistent", null, null)))))
                .hasValue("teacherPlan must use the student's dataset 'synthetic'");
        assertThat(service.problem(Plans.withTeacher(kd, null, Plans.ce("lenet5", 1, 10, 10))))
                .isEmpty();
    }

    private static final int VALUES_PER_EPOCH = 6;

    private List<Double> values(TrainingPlan plan, CountDownLatch start) {
        if (start != null) {
            start.countDown();
            try {
                if (!start.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the other training never started");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        List<Double> values = new ArrayList<>();
        service.train(
                plan,
                new EpochListener() {
                    @Override
                    public void onEpoch(EpochMetrics m) {
                        // teacher epochs are not compared
                    }

                    @Override
                    public void onStudentEpoch(EpochMetrics m, ParameterWriter parameters) {
                        values.addAll(List.of(
                                m.trainLoss(),
                                m.trainTop1(),
                                m.testLoss(),
                                m.testTop1(),
                                m.testTop5(),
                                m.diagnostics().studentLogitStd()));
                    }
                },
                () -> false);
        return values;
    }

    /** Records which callback saw which epoch. */
    private static final class Recorder implements EpochListener {

        final List<String> calls = new ArrayList<>();
        final List<EpochMetrics> epochs = new ArrayList<>();

        @Override
        public void onEpoch(EpochMetrics metrics) {
            calls.add(metrics.phase() + " " + metrics.epoch());
            epochs.add(metrics);
        }

        @Override
        public void onStudentEpoch(EpochMetrics metrics, ParameterWriter parameters) {
            calls.add(metrics.phase() + " " + metrics.epoch());
            epochs.add(metrics);
        }
    }
}
