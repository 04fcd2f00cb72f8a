package dev.distillery.training.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
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
import dev.distillery.training.TrainingPlan;
import dev.distillery.training.data.ImageData;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TeacherLogitsTest {

    private static final ImageData DATA = new DatasetCatalog().load(new DatasetRef("synthetic", null, 640, 200));

    @BeforeAll
    static void threads() {
        DjlTestThreads.oneThreadUnlessConfigured();
    }

    @Test
    void memoizedLogitsRunTheTeacherOncePerSampleAndEqualTheLiveOnes() {
        Counting counting = new Counting();
        Normalization normalization = Normalization.forData(DATA);
        BatchAssembler batches = new BatchAssembler(DATA.train(), normalization, null);
        int[] order = IntStream.range(0, 100).map(i -> 99 - i).toArray();
        try (Network teacher = Network.create(counting, DATA.train().shape(), 10, Device.cpu(), 7)) {
            teacher.freeze();
            TeacherLogits memo =
                    TeacherLogits.memoized(teacher, 10, DATA.train().size());
            TeacherLogits live = TeacherLogits.live(teacher, 10);
            counting.calls.set(0);

            float[] first = logits(memo, teacher, batches, order, 0, 64);
            float[] again = logits(memo, teacher, batches, order, 0, 64);
            assertThat(counting.calls.get()).isEqualTo(1);
            assertThat(again).containsExactly(first);
            assertThat(memo.knownSamples()).isEqualTo(64);

            float[] partlyKnown = logits(memo, teacher, batches, order, 32, 100);
            assertThat(counting.calls.get()).isEqualTo(2);
            assertThat(memo.knownSamples()).isEqualTo(100);
            float[] liveValues = logits(live, teacher, batches, order, 32, 100);
            assertThat(partlyKnown).containsExactly(liveValues);
            assertThat(counting.calls.get()).isEqualTo(3);
            assertThat(teacher.manager().getManagedArrays())
                    .hasSize(teacher.block().getParameters().size());
        }
    }

    @Test
    void memoizingTheTeacherChangesNoMetricOfUnaugmentedKd() {
        TrainingPlan plan = Plans.kd("mlp", "lenet5", 3, 640, 200);

        List<EpochMetrics> memoized = run(plan, new TrainingRun.Options(true));
        List<EpochMetrics> live = run(plan, new TrainingRun.Options(false));

        assertThat(memoized).hasSize(3 + 3);
        for (int i = 0; i < memoized.size(); i++) {
            EpochMetrics a = memoized.get(i);
            EpochMetrics b = live.get(i);
            assertThat(List.of(
                            a.phase(),
                            a.epoch(),
                            a.trainLoss(),
                            a.trainTop1(),
                            a.testLoss(),
                            a.testTop1(),
                            a.testTop5(),
                            a.lossTerms(),
                            String.valueOf(a.diagnostics())))
                    .as("epoch %d", i)
                    .isEqualTo(List.of(
                            b.phase(),
                            b.epoch(),
                            b.trainLoss(),
                            b.trainTop1(),
                            b.testLoss(),
                            b.testTop1(),
                            b.testTop5(),
                            b.lossTerms(),
                            String.valueOf(b.diagnostics())));
        }
        assertThat(memoized.get(5).diagnostics().kl()).isPositive();
    }

    private static List<EpochMetrics> run(TrainingPlan plan, TrainingRun.Options options) {
        List<EpochMetrics> epochs = new ArrayList<>();
        ArchitectureCatalog catalog = new ArchitectureCatalog();
        new TrainingRun(
                        Device.cpu(),
                        plan,
                        DATA,
                        DATA,
                        catalog.find("mlp").orElseThrow(),
                        catalog.find("lenet5").orElseThrow(),
                        new KnowledgeDistillation(),
                        new CrossEntropyMethod(),
                        options)
                .execute(epochs::add, () -> false);
        return epochs;
    }

    private static float[] logits(
            TeacherLogits logits, Network teacher, BatchAssembler batches, int[] order, int from, int to) {
        try (NDManager scope = teacher.manager().newSubManager()) {
            NDArray images = batches.images(scope, order, from, to);
            return logits.logits(scope, images, order, from, to).toFloatArray();
        }
    }

    /** flatten → linear, counting forward passes. */
    private static final class Counting implements Architecture {

        final AtomicInteger calls = new AtomicInteger();

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public String description() {
            return "counts forward passes";
        }

        @Override
        public Block build(InputShape shape, int classes) {
            return new SequentialBlock()
                    .add(new LambdaBlock(inputs -> {
                        calls.incrementAndGet();
                        return inputs;
                    }))
                    .add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(classes).build());
        }
    }
}
