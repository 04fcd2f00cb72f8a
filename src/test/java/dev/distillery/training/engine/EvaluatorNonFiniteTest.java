package dev.distillery.training.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import dev.distillery.methods.CrossEntropyMethod;
import dev.distillery.training.DatasetCatalog;
import dev.distillery.training.DatasetRef;
import dev.distillery.training.DjlTestThreads;
import dev.distillery.training.EpochMetrics;
import dev.distillery.training.NonFiniteAtInference;
import dev.distillery.training.Plans;
import dev.distillery.training.TrainingException;
import dev.distillery.training.data.ImageData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A network whose test logits are not all finite fails the run at that epoch's evaluation, naming the phase, the
 * epoch and how many logits were bad, instead of recording an epoch with a NaN loss and a top-1 of 1.0.
 */
class EvaluatorNonFiniteTest {

    private static final ImageData DATA = new DatasetCatalog().load(new DatasetRef("synthetic", null, 640, 1000));

    @BeforeAll
    static void threads() {
        DjlTestThreads.oneThreadUnlessConfigured();
    }

    @Test
    void anEvaluationWithNonFiniteLogitsFailsNamingTheCountOfThem() {
        Normalization normalization = Normalization.forData(DATA);
        BatchAssembler test = new BatchAssembler(DATA.test(), normalization, null);
        try (Network network =
                Network.create(new NonFiniteAtInference(1), DATA.train().shape(), 10, Device.cpu(), 7)) {
            // 1,000 test images: 4 batches of at most 256, each with 11 bad logits, of 10,000 logits in all
            String label = "student " + NonFiniteAtInference.NAME + " (kd)";
            assertThatThrownBy(() -> Evaluator.evaluate(label, 3, network, null, test, 5, 2.0, () -> false))
                    .isInstanceOf(TrainingException.class)
                    .hasMessage("student non-finite-at-inference (kd) evaluation after epoch 3: 44 of 10,000 test "
                            + "logits are not finite (NaN or infinite); the run is invalid");
        }
    }

    @Test
    void aRunFailsAtTheFirstEpochWhoseTestLogitsAreNotFiniteAndRecordsOnlyTheEpochsBefore() {
        ImageData data = new DatasetCatalog().load(new DatasetRef("synthetic", null, 640, 200));
        TrainingRun run = new TrainingRun(
                Device.cpu(),
                Plans.ce(NonFiniteAtInference.NAME, 3, 640, 200),
                data,
                new NonFiniteAtInference(2),
                null,
                new CrossEntropyMethod());
        List<EpochMetrics> epochs = new ArrayList<>();

        // 200 test images: one inference pass per evaluation, the second (after epoch 2) goes bad
        assertThatThrownBy(() -> run.execute(epochs::add, () -> false))
                .isInstanceOf(TrainingException.class)
                .hasMessage("student non-finite-at-inference (ce) evaluation after epoch 2: 11 of 2,000 test logits "
                        + "are not finite (NaN or infinite); the run is invalid");
        assertThat(epochs).singleElement().satisfies(epoch -> {
            assertThat(epoch.epoch()).isEqualTo(1);
            assertThat(epoch.testLoss()).isFinite().isPositive();
            assertThat(epoch.testTop1()).isBetween(0.0, 1.0);
            assertThat(epoch.testTop5()).isBetween(epoch.testTop1(), 1.0);
        });
    }
}
