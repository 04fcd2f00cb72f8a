package dev.distillery.training.probe;

import dev.distillery.methods.MethodRegistry;
import dev.distillery.training.*;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/** Temporary: prints accuracies before/after the optimizer change. */
class AccuracyProbeTest {
    @BeforeAll
    static void threads() { DjlTestThreads.oneThreadUnlessConfigured(); }

    @Test
    void probe() {
        TrainingService service = new TrainingService(new DatasetCatalog(), new ArchitectureCatalog(), new MethodRegistry());
        StringBuilder out = new StringBuilder();
        for (String arch : List.of("mlp", "lenet5")) {
            List<EpochMetrics> epochs = new ArrayList<>();
            service.train(Plans.ce(arch, 5, null, null), epochs::add, () -> false);
            out.append("PROBE synthetic ").append(arch).append(' ').append(epochs.stream().map(EpochMetrics::testTop1).toList()).append('\n');
        }
        DatasetRef ref = new DatasetRef("fashion-mnist", null, 5000, null);
        List<EpochMetrics> epochs = new ArrayList<>();
        service.train(Plans.withDataset(Plans.ce("lenet5", 2, null, null), ref), epochs::add, () -> false);
        out.append("PROBE fashion lenet5 ").append(epochs.stream().map(EpochMetrics::testTop1).toList()).append('\n');
        List<EpochMetrics> adam = new ArrayList<>();
        service.train(Plans.withOptimizer(Plans.ce("mlp", 1, 1000, 200), "adam", 1e-3), adam::add, () -> false);
        out.append("PROBE adam mlp ").append(adam.stream().map(EpochMetrics::testTop1).toList()).append('\n');
        System.out.println(out);
    }
}
