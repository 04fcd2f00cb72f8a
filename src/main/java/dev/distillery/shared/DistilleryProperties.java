package dev.distillery.shared;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Service-wide settings under {@code distillery.*}.
 *
 * @param dataDir where the embedded database and other service data live ({@code DISTILLERY_DATA_DIR})
 * @param role what this instance does: all (default), api or worker ({@code DISTILLERY_ROLE})
 */
@ConfigurationProperties("distillery")
public record DistilleryProperties(
        @DefaultValue("${user.home}/.distillery") Path dataDir, @DefaultValue("all") InstanceRole role) {}
