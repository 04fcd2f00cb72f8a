package dev.distillery.training;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * {@code /actuator/info}'s {@code libtorch} entry: the thread setting and what LibTorch itself reports in force
 * ({@code torch.get_num_threads()}), read from the engine rather than from the properties that should have set it.
 * An instance that does not train ({@code distillery.role=api}) reports the setting without loading the engine.
 */
final class LibTorchInfo implements InfoContributor {

    private final LibTorchThreads threads;
    private final boolean trains;

    LibTorchInfo(LibTorchThreads threads, boolean trains) {
        this.threads = threads;
        this.trains = trains;
    }

    @Override
    public void contribute(Info.Builder builder) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("threadsPerWorker", threads.setting());
        details.put("cores", threads.cores());
        details.put("workers", threads.workers());
        if (trains) {
            Engine.getEngine("PyTorch");
            details.put("intraOpThreads", JniUtils.getNumThreads());
            details.put("interOpThreads", JniUtils.getNumInteropThreads());
        }
        builder.withDetail("libtorch", details);
    }
}
