package dev.distillery.models;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where imported models live and how large an upload may be.
 *
 * @param dir the directory of imported models (one sub-directory per model id)
 * @param maxFileBytes the largest model file accepted; a larger upload is refused with 413 while it streams
 */
@ConfigurationProperties("distillery.models")
public record ModelProperties(String dir, @DefaultValue("536870912") long maxFileBytes) {}
