package dev.distillery.experiments;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param maxAttempts how many times a run is started (first start plus resumes after lost workers) before it FAILS */
@ConfigurationProperties("distillery")
public record AttemptProperties(@DefaultValue("3") int maxAttempts) {}
