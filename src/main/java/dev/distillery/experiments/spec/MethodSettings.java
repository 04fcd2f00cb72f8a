package dev.distillery.experiments.spec;

import dev.distillery.experiments.catalog.CatalogLookup;
import dev.distillery.methods.CommonSetting;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;

/**
 * Which of a resolved spec's common settings mean nothing for its method: the spec carries every default (a
 * {@code ce} run still has {@code temperature: 4.0}), so a reader such as a chart legend asks here before showing
 * one.
 */
@Component
@NamedInterface("spec")
public class MethodSettings {

    private final CatalogLookup catalog;

    MethodSettings(CatalogLookup catalog) {
        this.catalog = catalog;
    }

    /**
     * The common settings ({@code temperature}, {@code zscore}, {@code lossWeights.ce}, {@code lossWeights.kd}) the
     * method does not read, as spec fields; empty for an unknown method.
     */
    public Set<String> ignoredBy(String method) {
        return catalog.method(method)
                .map(known -> Arrays.stream(CommonSetting.values())
                        .filter(setting -> !known.reads().contains(setting))
                        .map(CommonSetting::field)
                        .collect(Collectors.toUnmodifiableSet()))
                .orElse(Set.of());
    }
}
