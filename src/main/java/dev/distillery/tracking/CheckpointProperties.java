package dev.distillery.tracking;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Checkpoint storage.
 *
 * @param dir where checkpoint files live; default {@code <data-dir>/checkpoints}
 * @param keepEvery also keep every k-th epoch's checkpoint (0 = only last and best)
 */
@ConfigurationProperties("distillery.checkpoints")
public record CheckpointProperties(Path dir, @DefaultValue("0") int keepEvery) {}
