package dev.distillery.training;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.mock.env.MockEnvironment;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainingConfigurationTest {

    private String intraOp;
    private String interOp;

    @BeforeEach
    void clear() {
        intraOp = System.clearProperty(TrainingConfiguration.DJL_INTRA_OP_THREADS);
        interOp = System.clearProperty(TrainingConfiguration.DJL_INTER_OP_THREADS);
    }

    @AfterEach
    void restore() {
        restore(TrainingConfiguration.DJL_INTRA_OP_THREADS, intraOp);
        restore(TrainingConfiguration.DJL_INTER_OP_THREADS, interOp);
    }

    @Test
    void threadsPerWorkerBecomeLibTorchsIntraOpThreadsWithOneInterOpThread() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty(TrainingConfiguration.THREADS_PER_WORKER, "3");

        new TrainingConfiguration(environment);

        assertThat(System.getProperty(TrainingConfiguration.DJL_INTRA_OP_THREADS)).isEqualTo("3");
        assertThat(System.getProperty(TrainingConfiguration.DJL_INTER_OP_THREADS)).isEqualTo("1");
    }

    @Test
    void defaultIsOneThreadAndTheLauncherWins() {
        new TrainingConfiguration(new MockEnvironment());
        assertThat(System.getProperty(TrainingConfiguration.DJL_INTRA_OP_THREADS)).isEqualTo("1");

        System.setProperty(TrainingConfiguration.DJL_INTRA_OP_THREADS, "2");
        MockEnvironment environment = new MockEnvironment()
                .withProperty(TrainingConfiguration.THREADS_PER_WORKER, "4");
        new TrainingConfiguration(environment);
        assertThat(System.getProperty(TrainingConfiguration.DJL_INTRA_OP_THREADS)).isEqualTo("2");
    }

    @Test
    void theSpringContextAppliesItBeforeCreatingAnyTrainingBean() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.setEnvironment(new MockEnvironment().withProperty("distillery.training.threads-per-worker", "2"));
            context.registerBean(DatasetLocations.class, () -> new DatasetLocations(Map.of()));
            context.register(TrainingConfiguration.class);
            context.refresh();

            assertThat(System.getProperty(TrainingConfiguration.DJL_INTRA_OP_THREADS)).isEqualTo("2");
            assertThat(context.getBean(DatasetCatalog.class).datasets()).isNotEmpty();
        }
    }

    @Test
    void rejectsLessThanOneThread() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty(TrainingConfiguration.THREADS_PER_WORKER, "0");

        assertThatThrownBy(() -> new TrainingConfiguration(environment))
                .hasMessageContaining("distillery.training.threads-per-worker must be at least 1");
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
