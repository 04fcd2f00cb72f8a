package dev.distillery.experiments.submission;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Back-pressure on submissions, under {@code distillery.queue.*}.
 *
 * @param maxQueued waiting or queued experiments the whole service accepts; beyond that 429
 * @param retryAfter the {@code Retry-After} a refused submission is told
 */
@ConfigurationProperties("distillery.queue")
public record SubmissionLimits(@DefaultValue("1000") int maxQueued, @DefaultValue("60s") Duration retryAfter) {}
