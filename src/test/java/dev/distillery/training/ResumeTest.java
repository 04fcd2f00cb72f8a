package dev.distillery.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.distillery.methods.MethodRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped after epoch k (cancelled, or crashed) and resumed from the training state written after epoch k
 * reports bit for bit the epochs an uninterrupted run reports, and ends with the same parameters.
 */
class ResumeTest {

    @BeforeAll
    static void threads() {
        DjlTestThreads.oneThreadUnlessConfigured();
    }

    @TempDir
    Path dir;

    private final TrainingService service =
            new TrainingService(new DatasetCatalog(), new ArchitectureCatalog(), new MethodRegistry());

    @Test
    void ceWithSgdAugmentationAndADecayResumesExactlyAfterCancellation() throws IOException {
        TrainingPlan plan = Plans.withAugment(Plans.ce("lenet5", 4, 640, 200), true, List.of(2));
        Recorder straight = new Recorder(epoch -> false);
        assertThat(service.train(plan, straight, () -> false)).isEqualTo(TrainingOutcome.COMPLETED);

        Recorder first = new Recorder(epoch -> false);
        assertThat(service.train(plan, first, () -> first.studentEpochs() == 2)).isEqualTo(TrainingOutcome.CANCELLED);
        assertThat(first.epochs).extracting(Recorded::label).containsExactly("student 1", "student 2");
        Recorder resumed = new Recorder(epoch -> false);
        TrainingOutcome outcome = service.train(resume(plan, first.state(2)), resumed, () -> false);

        assertThat(outcome).isEqualTo(TrainingOutcome.COMPLETED);
        assertThat(first.epochs).isEqualTo(straight.epochs.subList(0, 2));
        assertThat(resumed.epochs).extracting(Recorded::label).containsExactly("student 3", "student 4");
        assertThat(resumed.epochs).isEqualTo(straight.epochs.subList(2, 4));
        assertThat(resumed.epochs.get(1).values.get("learningRate")).isEqualTo(0.01 * 0.1);
        assertThat(resumed.parameters.get(4)).isEqualTo(straight.parameters.get(4));
        assertThat(resumed.states.get(4)).isEqualTo(straight.states.get(4));
    }

    @Test
    void kdWithATeacherTrainedInTheRunResumesAfterACrashWithoutTrainingTheTeacherAgain() throws IOException {
        TrainingPlan plan = Plans.kd("mlp", "lenet5", 3, 640, 200);
        Recorder straight = new Recorder(epoch -> false);
        service.train(plan, straight, () -> false);
        assertThat(straight.epochs)
                .extracting(Recorded::label)
                .containsExactly("teacher 1", "teacher 2", "teacher 3", "student 1", "student 2", "student 3");

        Recorder crashing = new Recorder(epoch -> epoch == 1);
        assertThatThrownBy(() -> service.train(plan, crashing, () -> false)).hasMessageContaining("simulated crash");
        Recorder resumed = new Recorder(epoch -> false);
        service.train(resume(plan, crashing.state(1)), resumed, () -> false);

        assertThat(resumed.epochs).extracting(Recorded::label).containsExactly("student 2", "student 3");
        assertThat(resumed.epochs).isEqualTo(straight.epochs.subList(4, 6));
        assertThat(resumed.epochs.get(0).values.get("kl")).isNotNull();
        assertThat(resumed.parameters.get(3)).isEqualTo(straight.parameters.get(3));
        // the state holds the trained teacher, so states written by the resumed run can resume again
        assertThat(resumed.states.get(3)).isEqualTo(straight.states.get(3));
        assertThat(straight.states.get(1).length).isGreaterThan(straight.parameters.get(1).length * 2);
    }

    @Test
    void ctkdResumesExactlyWithTheLearnedTemperature() throws IOException {
        TrainingPlan plan = Plans.withMethod(
                Plans.kd("mlp", "lenet5", 3, 640, 200),
                new dev.distillery.methods.CurriculumTemperatureDistillation(),
                true);
        Recorder straight = new Recorder(epoch -> false);
        service.train(plan, straight, () -> false);

        Recorder crashing = new Recorder(epoch -> epoch == 2);
        assertThatThrownBy(() -> service.train(plan, crashing, () -> false)).hasMessageContaining("simulated crash");
        Recorder resumed = new Recorder(epoch -> false);
        service.train(resume(plan, crashing.state(1)), resumed, () -> false);

        assertThat(resumed.epochs).extracting(Recorded::label).containsExactly("student 2", "student 3");
        assertThat(resumed.epochs).isEqualTo(straight.epochs.subList(4, 6));
        assertThat(resumed.states.get(3)).isEqualTo(straight.states.get(3));
        // τ starts at 1 + 20·σ(1) = 15.62 and is learned: it differs between epochs
        List<Object> temperatures = new ArrayList<>();
        straight.epochs
                .subList(3, 6)
                .forEach(e -> temperatures.add(((Map<?, ?>) e.values.get("methodDiagnostics")).get("temperature")));
        assertThat(temperatures).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(straight.epochs.get(3).values.get("lossTerms")).asString().contains("ce", "kd");
    }

    @Test
    void mlkdResumesExactlyWithItsRandomStrongViews() throws IOException {
        TrainingPlan plan = Plans.withMethod(
                Plans.withAugment(Plans.kd("mlp", "lenet5", 3, 320, 100), true, List.of()),
                new dev.distillery.methods.MultiLevelDistillation(),
                false);
        Recorder straight = new Recorder(epoch -> false);
        service.train(plan, straight, () -> false);

        Recorder resumed = new Recorder(epoch -> false);
        service.train(resume(plan, straight.state(1)), resumed, () -> false);

        assertThat(resumed.epochs).extracting(Recorded::label).containsExactly("student 2", "student 3");
        assertThat(resumed.epochs).isEqualTo(straight.epochs.subList(4, 6));
        assertThat(resumed.parameters.get(3)).isEqualTo(straight.parameters.get(3));
        List<String> terms = ((Map<?, ?>) straight.epochs.get(3).values.get("lossTerms"))
                .keySet().stream().map(Object::toString).sorted().toList();
        assertThat(terms).containsExactly("bc", "cc", "ce", "kd");
    }

    @Test
    void adamResumesExactly() throws IOException {
        TrainingPlan plan = Plans.withOptimizer(Plans.ce("mlp", 3, 640, 200), "adam", 1e-3);
        Recorder straight = new Recorder(epoch -> false);
        service.train(plan, straight, () -> false);

        Recorder resumed = new Recorder(epoch -> false);
        service.train(resume(plan, straight.state(1)), resumed, () -> false);

        assertThat(resumed.epochs).extracting(Recorded::label).containsExactly("student 2", "student 3");
        assertThat(resumed.epochs).isEqualTo(straight.epochs.subList(1, 3));
        assertThat(resumed.parameters.get(3)).isEqualTo(straight.parameters.get(3));
    }

    @Test
    void aRunResumedTwiceStillMatchesAndAFinishedStateCompletesAtOnce() throws IOException {
        TrainingPlan plan = Plans.ce("mlp", 3, 640, 200);
        Recorder straight = new Recorder(epoch -> false);
        service.train(plan, straight, () -> false);

        Recorder second = new Recorder(epoch -> epoch == 2);
        assertThatThrownBy(() -> service.train(resume(plan, straight.state(1)), second, () -> false))
                .hasMessageContaining("simulated crash");
        Recorder third = new Recorder(epoch -> false);
        service.train(resume(plan, second.state(2)), third, () -> false);
        Recorder done = new Recorder(epoch -> false);
        TrainingOutcome outcome = service.train(resume(plan, straight.state(3)), done, () -> false);

        assertThat(second.epochs).isEqualTo(straight.epochs.subList(1, 2));
        assertThat(third.epochs).isEqualTo(straight.epochs.subList(2, 3));
        assertThat(outcome).isEqualTo(TrainingOutcome.COMPLETED);
        assertThat(done.epochs).isEmpty();
    }

    @Test
    void aStateFromAnotherPlanIsRefusedNamingTheDifference() throws IOException {
        TrainingPlan plan = Plans.ce("mlp", 2, 320, 100);
        Recorder recorder = new Recorder(epoch -> false);
        service.train(plan, recorder, () -> false);
        Path state = write("mlp.state", recorder.state(1));

        TrainingPlan otherArchitecture = withResume(Plans.ce("lenet5", 2, 320, 100), state);
        TrainingPlan otherSeed = withResume(
                new TrainingPlan(
                        "ce",
                        "mlp",
                        null,
                        plan.dataset(),
                        1.0,
                        false,
                        1.0,
                        0.0,
                        2,
                        64,
                        "sgd",
                        0.01,
                        0.9,
                        5e-4,
                        List.of(),
                        0.1,
                        false,
                        7L),
                state);
        TrainingPlan otherOptimizer = withResume(Plans.withOptimizer(plan, "adam", 0.01), state);

        assertThat(service.problem(otherArchitecture))
                .get()
                .asString()
                .contains(
                        "resumeState",
                        "different plan",
                        "studentArchitecture: 'mlp' in the state, 'lenet5' in the plan");
        assertThat(service.problem(otherSeed)).get().asString().contains("seed: '42' in the state, '7' in the plan");
        assertThat(service.problem(otherOptimizer)).get().asString().contains("optimizer: 'sgd' in the state");
        assertThat(service.problem(withResume(plan, state))).isEmpty();
        assertThatThrownBy(() -> service.train(otherArchitecture, m -> {}, () -> false))
                .isInstanceOf(TrainingException.class)
                .hasMessageContaining("different plan");
        TrainingPlan oneEpoch = withResume(Plans.ce("mlp", 1, 320, 100), write("two.state", recorder.state(2)));
        assertThat(service.problem(oneEpoch))
                .get()
                .asString()
                .contains("holds 2 completed epochs but the plan has only 1");
    }

    @Test
    void corruptTruncatedOrForeignStatesAreRefused() throws IOException {
        TrainingPlan plan = Plans.ce("mlp", 2, 320, 100);
        Recorder recorder = new Recorder(epoch -> false);
        service.train(plan, recorder, () -> false);
        byte[] state = recorder.state(1);
        byte[] flipped = state.clone();
        flipped[state.length / 2] ^= 0x10;
        byte[] truncated = java.util.Arrays.copyOf(state, state.length - 100);
        byte[] headerOnly = java.util.Arrays.copyOf(state, 20);

        Map<String, String> problems = new LinkedHashMap<>();
        problems.put("flipped", problem(plan, write("flipped.state", flipped)));
        problems.put("truncated", problem(plan, write("truncated.state", truncated)));
        problems.put("headerOnly", problem(plan, write("header.state", headerOnly)));
        problems.put("parameters", problem(plan, write("params.state", recorder.parameters.get(1))));
        problems.put("missing", problem(plan, dir.resolve("missing.state")));

        assertThat(problems.get("flipped")).contains("resumeState", "corrupt", "checksum");
        assertThat(problems.get("truncated")).contains("resumeState", "checksum");
        assertThat(problems.get("headerOnly")).contains("resumeState", "truncated");
        assertThat(problems.get("parameters")).contains("resumeState", "not a training state");
        assertThat(problems.get("missing")).contains("resumeState", "no readable file");
        assertThatThrownBy(() -> service.train(withResume(plan, dir.resolve("flipped.state")), m -> {}, () -> false))
                .isInstanceOf(TrainingException.class)
                .hasMessageContaining("checksum");
    }

    @Test
    void exceedingMaxMinutesFailsAtTheFirstCheck() {
        TrainingPlan plan = withLimit(Plans.ce("mlp", 2, 320, 100), 0);
        List<EpochMetrics> epochs = new ArrayList<>();

        assertThatThrownBy(() -> service.train(plan, epochs::add, () -> false))
                .isInstanceOf(TrainingException.class)
                .hasMessageContaining("exceeded training.maxMinutes=0 after epoch 1, step 0 of 5");
        assertThat(epochs).isEmpty();
        assertThat(service.problem(withLimit(plan, -1))).get().asString().contains("maxMinutes");
        assertThat(service.problem(withLimit(plan, 60))).isEmpty();
    }

    @Test
    void divergenceNamesEpochStepAndTheLastFiniteLoss() {
        TrainingPlan plan = Plans.withOptimizer(Plans.ce("mlp", 1, 640, 100), "sgd", 1e6);

        assertThatThrownBy(() -> service.train(plan, m -> {}, () -> false))
                .isInstanceOf(TrainingException.class)
                .hasMessageMatching("student mlp \\(ce\\): loss became (NaN|-?Infinity) at epoch 1, step \\d+ of 10 "
                        + "\\(last finite loss [0-9.e+-]+, learning rate 1e\\+06\\); training diverged");
    }

    private String problem(TrainingPlan plan, Path state) {
        return service.problem(withResume(plan, state)).orElse("no problem");
    }

    private TrainingPlan resume(TrainingPlan plan, byte[] state) throws IOException {
        return withResume(plan, write("resume-" + System.nanoTime() + ".state", state));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    static TrainingPlan withResume(TrainingPlan plan, Path resumeState) {
        return new TrainingPlan(
                plan.method(),
                plan.studentArchitecture(),
                plan.teacherArchitecture(),
                plan.dataset(),
                plan.temperature(),
                plan.zscore(),
                plan.ceWeight(),
                plan.kdWeight(),
                plan.epochs(),
                plan.batchSize(),
                plan.optimizer(),
                plan.learningRate(),
                plan.momentum(),
                plan.weightDecay(),
                plan.lrDecayEpochs(),
                plan.lrDecayRate(),
                plan.augment(),
                plan.seed(),
                plan.methodParams(),
                plan.teacherParameters(),
                plan.teacherPlan(),
                resumeState,
                plan.maxMinutes());
    }

    static TrainingPlan withLimit(TrainingPlan plan, Integer maxMinutes) {
        return new TrainingPlan(
                plan.method(),
                plan.studentArchitecture(),
                plan.teacherArchitecture(),
                plan.dataset(),
                plan.temperature(),
                plan.zscore(),
                plan.ceWeight(),
                plan.kdWeight(),
                plan.epochs(),
                plan.batchSize(),
                plan.optimizer(),
                plan.learningRate(),
                plan.momentum(),
                plan.weightDecay(),
                plan.lrDecayEpochs(),
                plan.lrDecayRate(),
                plan.augment(),
                plan.seed(),
                plan.methodParams(),
                plan.teacherParameters(),
                plan.teacherPlan(),
                plan.resumeState(),
                maxMinutes);
    }

    /** One epoch's metrics without the time fields, comparable with equals. */
    record Recorded(String label, Map<String, Object> values) {
        static Recorded of(EpochMetrics m) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("trainLoss", m.trainLoss());
            values.put("trainTop1", m.trainTop1());
            values.put("testLoss", m.testLoss());
            values.put("testTop1", m.testTop1());
            values.put("testTop5", m.testTop5());
            values.put("learningRate", m.learningRate());
            values.put("lossTerms", m.lossTerms());
            values.put("methodDiagnostics", m.methodDiagnostics());
            values.put("diagnostics", m.diagnostics());
            values.put("kl", m.diagnostics() == null ? null : m.diagnostics().kl());
            return new Recorded(m.phase() + " " + m.epoch(), values);
        }
    }

    /** Records every epoch and, per student epoch, the parameters and training state written during the call. */
    static final class Recorder implements EpochListener {

        final List<Recorded> epochs = new ArrayList<>();
        final Map<Integer, byte[]> parameters = new LinkedHashMap<>();
        final Map<Integer, byte[]> states = new LinkedHashMap<>();
        private final Predicate<Integer> crashAfter;

        /** @param crashAfter student epochs after which the listener throws, like a process dying */
        Recorder(Predicate<Integer> crashAfter) {
            this.crashAfter = crashAfter;
        }

        @Override
        public void onEpoch(EpochMetrics metrics) {
            epochs.add(Recorded.of(metrics));
        }

        @Override
        public void onStudentEpoch(EpochMetrics metrics, ParameterWriter parameterWriter, ParameterWriter state) {
            onEpoch(metrics);
            parameters.put(metrics.epoch(), bytes(parameterWriter));
            states.put(metrics.epoch(), bytes(state));
            if (crashAfter.test(metrics.epoch())) {
                throw new IllegalStateException("simulated crash after epoch " + metrics.epoch());
            }
        }

        int studentEpochs() {
            return states.size();
        }

        byte[] state(int epoch) {
            return states.get(epoch);
        }

        private static byte[] bytes(ParameterWriter writer) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                writer.writeTo(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }
    }
}
