package dev.distillery.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.info.Info;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.mock.env.MockEnvironment;

class TrainingConfigurationTest {

    private String intraOp;
    private String interOp;

    @BeforeEach
    void clear() {
        intraOp = System.clearProperty(LibTorchThreads.DJL_INTRA_OP_THREADS);
        interOp = System.clearProperty(LibTorchThreads.DJL_INTER_OP_THREADS);
    }

    @AfterEach
    void restore() {
        restore(LibTorchThreads.DJL_INTRA_OP_THREADS, intraOp);
        restore(LibTorchThreads.DJL_INTER_OP_THREADS, interOp);
    }

    @Test
    void autoDividesTheCoresAmongTheWorkers() {
        assertThat(LibTorchThreads.perWorker("auto", 16, 3)).isEqualTo(5);
        assertThat(LibTorchThreads.perWorker("auto", 16, 1)).isEqualTo(16);
        assertThat(LibTorchThreads.perWorker("AUTO", 2, 4)).isEqualTo(1);
        assertThat(LibTorchThreads.perWorker("auto", 2, 0)).isEqualTo(2);
        assertThat(LibTorchThreads.perWorker("3", 16, 3)).isEqualTo(3);
    }

    @Test
    void anExplicitNumberBecomesLibTorchsIntraOpThreadsWithOneInterOpThread() {
        MockEnvironment environment = new MockEnvironment().withProperty(LibTorchThreads.THREADS_PER_WORKER, "3");

        LibTorchThreads threads = new TrainingConfiguration(environment).libTorchThreads();

        assertThat(System.getProperty(LibTorchThreads.DJL_INTRA_OP_THREADS)).isEqualTo("3");
        assertThat(System.getProperty(LibTorchThreads.DJL_INTER_OP_THREADS)).isEqualTo("1");
        assertThat(threads.intraOp()).isEqualTo(3);
        assertThat(threads.setting()).isEqualTo("3");
    }

    @Test
    void theDefaultIsAutoAndTheLauncherWins() {
        int cores = Runtime.getRuntime().availableProcessors();
        new TrainingConfiguration(new MockEnvironment().withProperty("distillery.workers", "2"));
        assertThat(System.getProperty(LibTorchThreads.DJL_INTRA_OP_THREADS))
                .isEqualTo(Integer.toString(Math.max(1, cores / 2)));

        System.setProperty(LibTorchThreads.DJL_INTRA_OP_THREADS, "7");
        LibTorchThreads threads = new TrainingConfiguration(
                        new MockEnvironment().withProperty(LibTorchThreads.THREADS_PER_WORKER, "4"))
                .libTorchThreads();
        assertThat(System.getProperty(LibTorchThreads.DJL_INTRA_OP_THREADS)).isEqualTo("7");
        assertThat(threads.intraOp()).isEqualTo(7);
    }

    @Test
    void theSpringContextAppliesItBeforeCreatingAnyTrainingBean() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.setEnvironment(new MockEnvironment().withProperty("distillery.training.threads-per-worker", "2"));
            context.registerBean(
                    DatasetLocations.class,
                    () -> new DatasetLocations(null, null, null, null, null, false, null, null, null, null));
            context.register(TrainingConfiguration.class);
            context.refresh();

            assertThat(System.getProperty(LibTorchThreads.DJL_INTRA_OP_THREADS)).isEqualTo("2");
            assertThat(context.getBean(LibTorchThreads.class).intraOp()).isEqualTo(2);
            assertThat(context.getBean(DatasetCatalog.class).datasets()).isNotEmpty();
        }
    }

    @Test
    void anApiOnlyInstanceReportsItsThreadSettingWithoutLoadingTheEngine() {
        TrainingConfiguration api = new TrainingConfiguration(new MockEnvironment()
                .withProperty("distillery.role", "api")
                .withProperty(LibTorchThreads.THREADS_PER_WORKER, "3"));
        Info.Builder builder = new Info.Builder();
        api.libTorchInfo().contribute(builder);

        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) builder.build().get("libtorch");
        assertThat(details.get("threadsPerWorker")).isEqualTo("3");
        assertThat(details).doesNotContainKeys("intraOpThreads", "interOpThreads");
    }

    @Test
    void rejectsLessThanOneThreadAndWords() {
        for (String setting : new String[] {"0", "-2", "many", "2.5"}) {
            MockEnvironment environment =
                    new MockEnvironment().withProperty(LibTorchThreads.THREADS_PER_WORKER, setting);

            assertThatThrownBy(() -> new TrainingConfiguration(environment))
                    .hasMessageContaining("distillery.training.threads-per-worker must be 'auto' or a whole number "
                            + "of at least 1, was '" + setting + "'");
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
