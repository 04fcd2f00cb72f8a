package dev.distillery.queue;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param workers worker threads training experiments here; 0 makes this instance API-only */
@ConfigurationProperties("distillery")
public record WorkerProperties(@DefaultValue("1") int workers) {}
