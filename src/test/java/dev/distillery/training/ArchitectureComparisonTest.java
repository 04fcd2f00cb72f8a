package dev.distillery.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.methods.MethodRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The synthetic dataset has spatial structure: a CNN must clearly beat an MLP trained with the same budget. */
class ArchitectureComparisonTest {

    @BeforeAll
    static void threads() {
        DjlTestThreads.oneThreadUnlessConfigured();
    }

    @Test
    void lenet5ClearlyBeatsMlpOnSyntheticShapes() {
        TrainingService service =
                new TrainingService(new DatasetCatalog(), new ArchitectureCatalog(), new MethodRegistry());

        double mlp = finalTestTop1(service, "mlp");
        double lenet5 = finalTestTop1(service, "lenet5");

        assertThat(lenet5).isGreaterThan(0.85);
        assertThat(lenet5 - mlp).isGreaterThan(0.1);
    }

    private static double finalTestTop1(TrainingService service, String architecture) {
        List<EpochMetrics> epochs = new ArrayList<>();
        service.train(Plans.ce(architecture, 5, null, null), epochs::add, () -> false);
        return epochs.get(epochs.size() - 1).testTop1();
    }
}
