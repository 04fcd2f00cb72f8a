package dev.distillery.tracking;

import dev.distillery.shared.DistilleryProperties;
import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The checkpoint store: files under {@code distillery.checkpoints.dir}, by default in the data directory. */
@Configuration(proxyBeanMethods = false)
class TrackingConfiguration {

    @Bean
    CheckpointStore checkpointStore(CheckpointProperties checkpoints, DistilleryProperties service) {
        Path dir = checkpoints.dir() != null
                ? checkpoints.dir()
                : service.dataDir().resolve("checkpoints");
        return new FileSystemCheckpointStore(dir.toAbsolutePath());
    }
}
