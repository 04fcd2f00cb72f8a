package dev.distillery.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.distillery.methods.MethodRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Trains on the real Fashion-MNIST from Debian's dataset-fashion-mnist package; skipped where it is absent. */
class FashionMnistTrainingTest {

    private static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    @BeforeAll
    static void threads() {
        DjlTestThreads.oneThreadUnlessConfigured();
    }

    @Test
    void lenet5ReachesSeventyFivePercentInTwoEpochsOnFiveThousandImages() {
        DatasetCatalog datasets = new DatasetCatalog();
        DatasetRef ref = new DatasetRef("fashion-mnist", null, 5000, null);
        assumeTrue(
                Files.isDirectory(FASHION_MNIST) && datasets.problem(ref).isEmpty(),
                "Fashion-MNIST not installed at " + FASHION_MNIST);
        TrainingService service = new TrainingService(datasets, new ArchitectureCatalog(), new MethodRegistry());
        List<EpochMetrics> epochs = new ArrayList<>();

        TrainingOutcome outcome =
                service.train(Plans.withDataset(Plans.ce("lenet5", 2, null, null), ref), epochs::add, () -> false);

        assertThat(outcome).isEqualTo(TrainingOutcome.COMPLETED);
        assertThat(epochs).hasSize(2);
        assertThat(epochs.get(1).testTop1()).isGreaterThan(0.75);
    }
}
