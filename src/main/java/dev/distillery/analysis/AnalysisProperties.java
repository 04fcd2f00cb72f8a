package dev.distillery.analysis;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the logit tools under {@code distillery.analysis.*} (the request body limit,
 * {@code distillery.api.max-body-bytes}, applies as well).
 *
 * @param maxRows    most logit rows (samples) per matrix
 * @param maxClasses most classes per row
 */
@ConfigurationProperties("distillery.analysis")
public record AnalysisProperties(@DefaultValue("10000") int maxRows, @DefaultValue("1000") int maxClasses) {

    public AnalysisProperties {
        if (maxRows < 1 || maxClasses < 2) {
            throw new IllegalArgumentException("distillery.analysis needs max-rows >= 1 and max-classes >= 2");
        }
    }
}
