package dev.distillery.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.distillery.methods.MethodRegistry;
import dev.distillery.training.DjlTestThreads;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Analysis runs on the CPU whatever the engine's default device is: on a GPU machine with role {@code all} the
 * default is gpu0, which only the workers' device leases may use. Here the engine is made to believe its default is
 * gpu0 (this machine has no GPU, so an array created there fails), and every analysis call must still answer.
 */
class AnalysisDeviceTest {

    private Field defaultDevice;
    private Device before;

    @BeforeEach
    void pretendTheDefaultDeviceIsAGpu() throws Exception {
        DjlTestThreads.oneThreadUnlessConfigured();
        defaultDevice = Engine.class.getDeclaredField("defaultDevice");
        defaultDevice.setAccessible(true);
        before = Engine.getInstance().defaultDevice();
        defaultDevice.set(Engine.getInstance(), Device.gpu(0));
    }

    @AfterEach
    void restore() throws Exception {
        defaultDevice.set(Engine.getInstance(), before);
    }

    @Test
    void klDivergenceRunsOnTheCpu() {
        assertThat(Engine.getInstance().defaultDevice()).isEqualTo(Device.gpu(0));

        KlDivergences result = new LogitAnalysis(new AnalysisProperties(10_000, 1_000))
                .klDivergence(LogitAnalysisTest.TEACHER, LogitAnalysisTest.STUDENT, null);

        assertThat(result.standardizedKl()).isCloseTo(0.5329975207327103, within(1e-6));
    }

    @Test
    void lossAnalysisRunsOnTheCpu() {
        LossReport report = new LossAnalysis(new MethodRegistry(), new AnalysisProperties(10_000, 1_000))
                .loss(new LossQuery(
                        "ctkd",
                        null,
                        false,
                        null,
                        null,
                        null,
                        Map.of("T", 1.0),
                        1,
                        List.of(List.of(1.0, 2.0, 3.0)),
                        List.of(List.of(3.0, 2.0, 1.0)),
                        null,
                        null,
                        List.of(2L)));

        assertThat(report.total()).isFinite().isPositive();
    }
}
