package dev.distillery.training.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.distillery.methods.CrossEntropyMethod;
import dev.distillery.methods.LossSettings;
import dev.distillery.training.ArchitectureCatalog;
import dev.distillery.training.DatasetCatalog;
import dev.distillery.training.DatasetRef;
import dev.distillery.training.DjlTestThreads;
import dev.distillery.training.EpochMetrics;
import dev.distillery.training.Plans;
import dev.distillery.training.TrainingPlan;
import dev.distillery.training.data.ImageData;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 16: batches assembled ahead on their own thread are the batches assembled in line, and leave nothing behind. */
class BatchPrefetcherTest {

    private static final ImageData DATA = new DatasetCatalog().load(new DatasetRef("synthetic", null, 300, 64));

    @BeforeAll
    static void threads() {
        DjlTestThreads.oneThreadUnlessConfigured();
    }

    @Test
    void prefetchedAugmentedBatchesEqualTheBatchesAssembledInLine() {
        int[] order = TrainingRun.order(DATA.train().size(), 5, 3);
        List<float[]> inline = new ArrayList<>();
        List<float[]> prefetched = new ArrayList<>();
        for (boolean ahead : new boolean[] {false, true}) {
            BatchAssembler batches = augmented();
            batches.startEpoch(3);
            try (BatchPrefetcher prefetcher = new BatchPrefetcher(batches, order, 64, ahead)) {
                for (int step = 0; step < 5; step++) {
                    BatchPrefetcher.Batch batch = prefetcher.next();
                    (ahead ? prefetched : inline).add(batch.pixels());
                    int from = step * 64;
                    assertThat(batch.labels()).containsExactly(batches.labels(order, from, Math.min(300, from + 64)));
                }
            }
        }
        assertThat(prefetched).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(prefetched.get(i)).as("batch %d", i).containsExactly(inline.get(i));
        }
        assertThat(inline.get(0)).isNotEqualTo(unaugmentedFirstBatch(order));
    }

    @Test
    void anAugmentedRunHasTheSameMetricsWithAndWithoutPrefetching() {
        TrainingPlan plan = Plans.withAugment(Plans.ce("lenet5", 2, 256, 64), true, List.of());
        assertThat(fingerprint(plan, true)).isEqualTo(fingerprint(plan, false)).hasSize(2);
    }

    @Test
    void cancellingMidEpochStopsThePrefetchThreadAndLeavesNoArray() throws Exception {
        TrainingPlan plan = Plans.withAugment(Plans.ce("lenet5", 1, 300, 64), true, List.of());
        try (Network network = Network.create(
                new ArchitectureCatalog().find("lenet5").orElseThrow(),
                DATA.train().shape(),
                DATA.classes(),
                Device.cpu(),
                1)) {
            EpochTrainer trainer = new EpochTrainer(
                            "prefetch test",
                            network,
                            null,
                            new CrossEntropyMethod(),
                            new LossSettings(1.0, false, 1.0, 0.0),
                            plan,
                            5)
                    .prefetch(true);
            int arrays = network.manager().getManagedArrays().size();
            AtomicInteger checks = new AtomicInteger();
            BatchAssembler batches = augmented();
            batches.startEpoch(1);

            assertThat(trainer.train(1, TrainingRun.order(300, 1, 1), batches, () -> checks.incrementAndGet() > 2))
                    .isEmpty();

            assertThat(prefetchThreads()).isZero();
            assertThat(network.manager().getManagedArrays()).hasSize(arrays);
        }
    }

    private static long prefetchThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(BatchPrefetcher.THREAD_NAME) && thread.isAlive())
                .count();
    }

    private static BatchAssembler augmented() {
        return new BatchAssembler(
                DATA.train(),
                Normalization.forData(DATA),
                Augmentation.forShape(DATA.train().shape(), 11));
    }

    private static float[] unaugmentedFirstBatch(int[] order) {
        return new BatchAssembler(DATA.train(), Normalization.forData(DATA), null).pixels(order, 0, 64);
    }

    private static List<String> fingerprint(TrainingPlan plan, boolean prefetch) {
        List<String> epochs = new ArrayList<>();
        ArchitectureCatalog catalog = new ArchitectureCatalog();
        new TrainingRun(
                        Device.cpu(),
                        plan,
                        DATA,
                        DATA,
                        catalog.find("lenet5").orElseThrow(),
                        null,
                        new CrossEntropyMethod(),
                        new CrossEntropyMethod(),
                        TrainingRun.Options.DEFAULT.withPrefetch(prefetch))
                .execute(
                        (EpochMetrics m) -> epochs.add(List.of(
                                        m.epoch(),
                                        m.trainLoss(),
                                        m.trainTop1(),
                                        m.testLoss(),
                                        m.testTop1(),
                                        m.testTop5())
                                .toString()),
                        () -> false);
        IntStream.range(0, epochs.size()).forEach(i -> assertThat(epochs.get(i)).doesNotContain("NaN"));
        return epochs;
    }
}
