package dev.distillery.training.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import dev.distillery.methods.CrossEntropyMethod;
import dev.distillery.training.ArchitectureCatalog;
import dev.distillery.training.DatasetCatalog;
import dev.distillery.training.DatasetRef;
import dev.distillery.training.DjlTestThreads;
import dev.distillery.training.EpochMetrics;
import dev.distillery.training.Plans;
import dev.distillery.training.TrainingException;
import dev.distillery.training.TrainingPlan;
import dev.distillery.training.data.ImageData;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RunLimitTest {

    private static final ImageData DATA = new DatasetCatalog().load(new DatasetRef("synthetic", null, 320, 100));

    @BeforeAll
    static void threads() {
        DjlTestThreads.oneThreadUnlessConfigured();
    }

    @Test
    void aRunFailsBetweenBatchesOnceItsMinutesAreUp() {
        TrainingPlan base = Plans.ce("mlp", 3, 320, 100);
        TrainingPlan plan = new TrainingPlan(
                base.method(),
                base.studentArchitecture(),
                null,
                base.dataset(),
                base.temperature(),
                base.zscore(),
                base.ceWeight(),
                base.kdWeight(),
                base.epochs(),
                base.batchSize(),
                base.optimizer(),
                base.learningRate(),
                base.momentum(),
                base.weightDecay(),
                base.lrDecayEpochs(),
                base.lrDecayRate(),
                base.augment(),
                base.seed(),
                base.methodParams(),
                null,
                null,
                null,
                30);
        AtomicLong now = new AtomicLong(TimeUnit.HOURS.toNanos(5));
        List<EpochMetrics> epochs = new ArrayList<>();
        TrainingRun run = new TrainingRun(
                Device.cpu(),
                plan,
                DATA,
                DATA,
                new ArchitectureCatalog().find("mlp").orElseThrow(),
                null,
                new CrossEntropyMethod(),
                new CrossEntropyMethod(),
                new TrainingRun.Options(true, now::get));

        // 29 minutes pass with epoch 1, then 31 seconds per batch: the limit passes before epoch 2's second step
        assertThatThrownBy(() -> run.execute(
                        new dev.distillery.training.EpochListener() {
                            @Override
                            public void onEpoch(EpochMetrics metrics) {
                                epochs.add(metrics);
                                if (metrics.epoch() == 1) {
                                    now.addAndGet(TimeUnit.MINUTES.toNanos(29));
                                }
                            }
                        },
                        () -> {
                            if (!epochs.isEmpty() && now.get() < TimeUnit.HOURS.toNanos(6)) {
                                now.addAndGet(TimeUnit.SECONDS.toNanos(31));
                            }
                            return false;
                        }))
                .isInstanceOf(TrainingException.class)
                .hasMessageStartingWith("student mlp (ce) exceeded training.maxMinutes=30 after epoch 2, step 1 of 5");
        assertThat(epochs).extracting(EpochMetrics::epoch).containsExactly(1);
    }
}
