package dev.distillery.queue;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which devices this instance's workers train on.
 *
 * @param devices {@code auto} (every GPU the engine sees, else the CPU), {@code cpu}, or a list such
 *     as {@code gpu0,gpu1}
 * @param workersPerDevice worker threads per GPU; on the CPU, {@code distillery.workers} threads
 */
@ConfigurationProperties("distillery")
public record DeviceProperties(@DefaultValue("auto") String devices, @DefaultValue("1") int workersPerDevice) {}
