package dev.distillery.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.methods.MethodRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Long runs stay flat: across 20 epochs of a tiny kd run (a teacher trained in the run, then the student), DJL's
 * count of live NDArrays after each epoch is the same as after the second, in both phases.
 */
class LiveArraysFlatTest {

    @BeforeAll
    static void threads() {
        DjlTestThreads.oneThreadUnlessConfigured();
    }

    @Test
    void theLiveNdArrayCountIsConstantAcross20Epochs() {
        List<Long> teacher = new ArrayList<>();
        List<Long> student = new ArrayList<>();
        TrainingService service =
                new TrainingService(new DatasetCatalog(), new ArchitectureCatalog(), new MethodRegistry());

        TrainingOutcome outcome = service.train(
                Plans.kd("mlp", "mlp", 20, 200, 50),
                epoch -> (EpochMetrics.STUDENT.equals(epoch.phase()) ? student : teacher).add(LiveArrays.count()),
                () -> false);

        assertThat(outcome).isEqualTo(TrainingOutcome.COMPLETED);
        assertThat(teacher).hasSize(20);
        assertThat(student).hasSize(20);
        assertThat(teacher.subList(1, 20))
                .as("teacher epochs 2-20: %s", teacher)
                .containsOnly(teacher.get(1));
        assertThat(student.subList(1, 20))
                .as("student epochs 2-20: %s", student)
                .containsOnly(student.get(1));
        assertThat(student.get(1)).isPositive();
    }
}
