package dev.distillery.training.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import dev.distillery.methods.CrossEntropyMethod;
import dev.distillery.methods.KnowledgeDistillation;
import dev.distillery.training.Architecture;
import dev.distillery.training.ArchitectureCatalog;
import dev.distillery.training.DatasetCatalog;
import dev.distillery.training.DatasetRef;
import dev.distillery.training.DjlTestThreads;
import dev.distillery.training.EpochMetrics;
import dev.distillery.training.InputShape;
import dev.distillery.training.Plans;
import dev.distillery.training.TrainingException;
import dev.distillery.training.TrainingPlan;
import dev.distillery.training.data.ImageData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeacherParametersTest {

    private static final ImageData DATA = new DatasetCatalog().load(new DatasetRef("synthetic", null, 640, 200));

    @BeforeAll
    static void threads() {
        DjlTestThreads.oneThreadUnlessConfigured();
    }

    @Test
    void aLoadedTeacherGivesExactlyTheLogitsOfTheNetworkThatWroteIt(@TempDir Path dir) throws IOException {
        TrainingPlan plan = Plans.kd("mlp", "bn-cnn", 1, 640, 200);
        Path file = dir.resolve("teacher.params");
        TrainingRun run = run(plan);
        float[] written;
        try (Network teacher = run.trainTeacher(() -> false).orElseThrow();
                OutputStream out = Files.newOutputStream(file)) {
            teacher.writeParameters(out);
            written = testLogits(teacher);
        }

        try (Network loaded = run(plan).loadTeacher(file)) {
            assertThat(testLogits(loaded)).containsExactly(written);
            assertThat(loaded.block().getParameters().values()).noneMatch(p -> p.requiresGradient());
            assertThat(loaded.manager().getManagedArrays())
                    .hasSize(loaded.block().getParameters().size());
        }
    }

    @Test
    void parametersOfAnotherNetworkAreRejected(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("mlp.params");
        try (Network mlp = Network.create(catalog("mlp"), DATA.train().shape(), 10, Device.cpu(), 1);
                OutputStream out = Files.newOutputStream(file)) {
            mlp.writeParameters(out);
        }
        Files.write(dir.resolve("garbage.params"), new byte[] {1, 2, 3});

        TrainingRun run = run(Plans.kd("mlp", "bn-cnn", 1, 640, 200));
        assertThatThrownBy(() -> run.loadTeacher(file))
                .isInstanceOf(TrainingException.class)
                .hasMessageContaining("could not load bn-cnn parameters from " + file);
        assertThatThrownBy(() -> run.loadTeacher(dir.resolve("garbage.params"))).isInstanceOf(TrainingException.class);
        assertThatThrownBy(() -> run.loadTeacher(dir.resolve("missing.params")))
                .isInstanceOf(TrainingException.class)
                .hasMessageContaining("missing.params");
    }

    @Test
    void theStudentWriterWritesTheParametersTheEpochWasEvaluatedWith() {
        TrainingPlan plan = Plans.ce("lenet5", 2, 640, 200);
        List<byte[]> checkpoints = new ArrayList<>();
        List<EpochMetrics> epochs = new ArrayList<>();
        TrainingRun run = new TrainingRun(Device.cpu(), plan, DATA, catalog("lenet5"), null, new CrossEntropyMethod());

        run.execute(
                new dev.distillery.training.EpochListener() {
                    @Override
                    public void onEpoch(EpochMetrics metrics) {
                        throw new AssertionError("student epochs go to onStudentEpoch");
                    }

                    @Override
                    public void onStudentEpoch(EpochMetrics metrics, ParameterWriter parameters) {
                        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                        try {
                            parameters.writeTo(bytes);
                        } catch (IOException e) {
                            throw new AssertionError(e);
                        }
                        checkpoints.add(bytes.toByteArray());
                        epochs.add(metrics);
                    }
                },
                () -> false);

        assertThat(checkpoints).hasSize(2);
        assertThat(checkpoints.get(0)).isNotEqualTo(checkpoints.get(1));
        for (int i = 0; i < 2; i++) {
            try (Network restored = restore("lenet5", checkpoints.get(i))) {
                Scores scores = Evaluator.evaluate(restored, testBatches(), 5, () -> false)
                        .orElseThrow();
                assertThat(scores.top1()).isEqualTo(epochs.get(i).testTop1());
                assertThat(scores.meanLoss()).isEqualTo(epochs.get(i).testLoss());
            }
        }
    }

    private static Network restore(String architecture, byte[] parameters) {
        try {
            Path file = Files.createTempFile("student", ".params");
            try {
                Files.write(file, parameters);
                Network network =
                        Network.create(catalog(architecture), DATA.train().shape(), 10, Device.cpu(), 99);
                network.loadParameters(file);
                return network;
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static float[] testLogits(Network network) {
        BatchAssembler test = testBatches();
        int[] order = IntStream.range(0, 100).toArray();
        try (NDManager scope = network.manager().newSubManager();
                Autograd.GradMode off = Autograd.gradMode(false)) {
            return network.infer(test.images(scope, order, 0, 100)).toFloatArray();
        }
    }

    private static BatchAssembler testBatches() {
        return new BatchAssembler(DATA.test(), Normalization.forData(DATA), null);
    }

    private static TrainingRun run(TrainingPlan plan) {
        return new TrainingRun(
                Device.cpu(), plan, DATA, catalog("mlp"), new BatchNormCnn(), new KnowledgeDistillation());
    }

    private static Architecture catalog(String name) {
        return new ArchitectureCatalog().find(name).orElseThrow();
    }

    /** A teacher with BatchNorm, so that loading must restore the running statistics too. */
    static final class BatchNormCnn implements Architecture {

        @Override
        public String name() {
            return "bn-cnn";
        }

        @Override
        public String description() {
            return "conv-bn-relu, linear";
        }

        @Override
        public Block build(InputShape shape, int classes) {
            return new SequentialBlock()
                    .add(Conv2d.builder()
                            .setFilters(4)
                            .setKernelShape(new Shape(3, 3))
                            .optStride(new Shape(2, 2))
                            .build())
                    .add(BatchNorm.builder().build())
                    .add(Activation.reluBlock())
                    .add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(classes).build());
        }
    }
}
