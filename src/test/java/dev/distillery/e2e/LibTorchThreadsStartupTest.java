package dev.distillery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: the thread setting reaches LibTorch through the real start-up path ({@code DistilleryApplication.main}
 * in a JVM of its own, no thread property given to the JVM), as LibTorch itself reports it in {@code /actuator/info}.
 */
class LibTorchThreadsStartupTest {

    @TempDir
    Path dir;

    @Test
    void autoGivesTheOneWorkerEveryCore() throws Exception {
        DocumentContext info = infoOfServiceStartedWith("auto", "a");
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(info.read("$.libtorch.intraOpThreads", Integer.class)).isEqualTo(Math.max(1, cores));
        assertThat(info.read("$.libtorch.interOpThreads", Integer.class)).isEqualTo(1);
        assertThat(info.read("$.libtorch.threadsPerWorker", String.class)).isEqualTo("auto");
        assertThat(info.read("$.libtorch.cores", Integer.class)).isEqualTo(cores);
    }

    @Test
    void anExplicitNumberWins() throws Exception {
        DocumentContext info = infoOfServiceStartedWith("3", "b");
        assertThat(info.read("$.libtorch.intraOpThreads", Integer.class)).isEqualTo(3);
        assertThat(info.read("$.libtorch.threadsPerWorker", String.class)).isEqualTo("3");
    }

    private DocumentContext infoOfServiceStartedWith(String threads, String name) throws Exception {
        try (ServiceProcess service = new ServiceProcess(
                dir.resolve(name),
                List.of("--distillery.workers=1", "--distillery.training.threads-per-worker=" + threads),
                false)) {
            service.start(dir.resolve(name + ".log"));
            return new ServiceClient(service.port()).json("/actuator/info");
        }
    }
}
