package dev.distillery.training.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import dev.distillery.methods.CrossEntropyMethod;
import dev.distillery.methods.KnowledgeDistillation;
import dev.distillery.methods.LossSettings;
import dev.distillery.training.Architecture;
import dev.distillery.training.ArchitectureCatalog;
import dev.distillery.training.DatasetCatalog;
import dev.distillery.training.DatasetRef;
import dev.distillery.training.DjlTestThreads;
import dev.distillery.training.EpochMetrics;
import dev.distillery.training.InputShape;
import dev.distillery.training.Plans;
import dev.distillery.training.TrainingOutcome;
import dev.distillery.training.TrainingPlan;
import dev.distillery.training.data.ImageData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TeacherFreezeAndMemoryTest {

    private static final ImageData DATA = new DatasetCatalog().load(new DatasetRef("synthetic", null, 640, 200));

    @BeforeAll
    static void threads() {
        DjlTestThreads.oneThreadUnlessConfigured();
    }

    @Test
    void teacherWeightsAndBatchNormStatisticsNeverChangeDuringStudentTraining() {
        TrainingPlan plan = Plans.kd("mlp", "bn-cnn", 2, 640, 200);
        TrainingRun run =
                new TrainingRun(Device.cpu(), plan, DATA, mlp(), new BatchNormCnn(), new KnowledgeDistillation());
        List<EpochMetrics> epochs = new ArrayList<>();

        try (Network teacher = run.trainTeacher(() -> false).orElseThrow()) {
            Map<String, float[]> before = snapshot(teacher);
            TrainingOutcome outcome = run.trainStudent(teacher, epochs::add, () -> false);

            assertThat(outcome).isEqualTo(TrainingOutcome.COMPLETED);
            assertThat(epochs).hasSize(2);
            assertThat(teacher.block().getParameters().values()).noneMatch(Parameter::requiresGradient);
            Map<String, float[]> after = snapshot(teacher);
            assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
            before.forEach(
                    (name, values) -> assertThat(after.get(name)).as(name).containsExactly(values));
            assertThat(before.keySet()).anyMatch(name -> name.contains("runningMean"));
        }
    }

    @Test
    void noArraysAccumulateAcrossEpochs() {
        TrainingPlan plan = Plans.ce("lenet5", 3, 640, 200);
        Normalization normalization = Normalization.of(DATA.train());
        BatchAssembler train = new BatchAssembler(
                DATA.train(), normalization, Augmentation.forShape(DATA.train().shape(), 1));
        BatchAssembler test = new BatchAssembler(DATA.test(), normalization, null);
        int[] order = IntStream.range(0, DATA.train().size()).toArray();
        CrossEntropyMethod ce = new CrossEntropyMethod();
        try (Network network = Network.create(lenet5(), DATA.train().shape(), 10, Device.cpu(), 1)) {
            EpochTrainer trainer =
                    new EpochTrainer("test", network, null, ce, new LossSettings(1.0, false, 1.0, 0.0), plan, 5);
            List<Integer> counts = new ArrayList<>();
            for (int epoch = 1; epoch <= 3; epoch++) {
                trainer.train(epoch, order, train, () -> false).orElseThrow();
                Evaluator.evaluate(network, test, 5, () -> false).orElseThrow();
                counts.add(network.manager().getManagedArrays().size());
            }
            // only the 10 parameter arrays and the optimizer's momentum buffers (one per trainable parameter) stay
            // attached; every batch's arrays were closed with the batch
            assertThat(trainer.optimizer().stateArrays())
                    .isEqualTo(network.block().getParameters().size());
            assertThat(counts)
                    .containsOnly(network.block().getParameters().size()
                            + trainer.optimizer().stateArrays());
        }
    }

    @Test
    void noArraysAccumulateWithTeacherLogitMemosAndDiagnostics() {
        TrainingPlan plan = Plans.kd("lenet5", "bn-cnn", 3, 640, 200);
        Normalization normalization = Normalization.forData(DATA);
        BatchAssembler test = new BatchAssembler(DATA.test(), normalization, null);
        int[] order = IntStream.range(0, DATA.train().size()).toArray();
        KnowledgeDistillation kd = new KnowledgeDistillation();
        LossSettings settings = new LossSettings(2.0, true, 0.1, 9.0);
        try (Network teacher = Network.create(new BatchNormCnn(), DATA.train().shape(), 10, Device.cpu(), 2);
                Network student = Network.create(lenet5(), DATA.train().shape(), 10, Device.cpu(), 1)) {
            teacher.freeze();
            int optimizerState = 0; // each trainer's optimizer keeps its momentum buffers until the network closes
            for (boolean augment : new boolean[] {false, true}) {
                BatchAssembler train = new BatchAssembler(
                        DATA.train(),
                        normalization,
                        augment ? Augmentation.forShape(DATA.train().shape(), 1) : null);
                TeacherLogits trainTeacher = augment
                        ? TeacherLogits.live(teacher, 10)
                        : TeacherLogits.memoized(teacher, 10, DATA.train().size());
                TeacherLogits testTeacher =
                        TeacherLogits.memoized(teacher, 10, DATA.test().size());
                EpochTrainer trainer = new EpochTrainer("test", student, trainTeacher, kd, settings, plan, 5);
                optimizerState += trainer.optimizer().stateArrays();
                List<List<Integer>> counts = new ArrayList<>();
                for (int epoch = 1; epoch <= 3; epoch++) {
                    Scores scores =
                            trainer.train(epoch, order, train, () -> false).orElseThrow();
                    Evaluator.Evaluation evaluation = Evaluator.evaluate(
                                    student, testTeacher, test, 5, 2.0, () -> false)
                            .orElseThrow();
                    assertThat(scores.meanParts()).containsOnlyKeys("ce", "kd");
                    assertThat(evaluation.diagnostics().teacherAgreement()).isNotNull();
                    counts.add(List.of(
                            student.manager().getManagedArrays().size(),
                            teacher.manager().getManagedArrays().size()));
                }
                assertThat(counts)
                        .as("augment %s", augment)
                        .containsOnly(List.of(
                                student.block().getParameters().size() + optimizerState,
                                teacher.block().getParameters().size()));
                assertThat(trainTeacher.knownSamples())
                        .isEqualTo(augment ? 0 : DATA.train().size());
                assertThat(testTeacher.knownSamples()).isEqualTo(DATA.test().size());
            }
        }
    }

    private static Map<String, float[]> snapshot(Network network) {
        Map<String, float[]> values = new LinkedHashMap<>();
        network.block()
                .getParameters()
                .forEach(pair ->
                        values.put(pair.getKey(), pair.getValue().getArray().toFloatArray()));
        return values;
    }

    private static Architecture mlp() {
        return new ArchitectureCatalog().find("mlp").orElseThrow();
    }

    private static Architecture lenet5() {
        return new ArchitectureCatalog().find("lenet5").orElseThrow();
    }

    /** A teacher with BatchNorm, to check its running statistics stay frozen. */
    private static final class BatchNormCnn implements Architecture {

        @Override
        public String name() {
            return "bn-cnn";
        }

        @Override
        public String description() {
            return "conv-bn-relu-pool, linear";
        }

        @Override
        public Block build(InputShape shape, int classes) {
            return new SequentialBlock()
                    .add(Conv2d.builder()
                            .setFilters(8)
                            .setKernelShape(new Shape(3, 3))
                            .optPadding(new Shape(1, 1))
                            .build())
                    .add(BatchNorm.builder().build())
                    .add(Activation.reluBlock())
                    .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                    .add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(classes).build());
        }
    }
}
