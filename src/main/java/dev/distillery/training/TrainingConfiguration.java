package dev.distillery.training;

import java.util.Map;
import java.util.Objects;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The dataset catalog, with default directories taken from configuration, and LibTorch's thread pools. */
@Configuration(proxyBeanMethods = false)
class TrainingConfiguration {

    private final LibTorchThreads threads;

    /**
     * Sizes LibTorch's thread pools when the context starts, before any training bean can load the engine, unless
     * {@code main} already did (see {@link LibTorchThreads}).
     */
    TrainingConfiguration(Environment environment) {
        threads = LibTorchThreads.apply(environment);
        threads.log();
    }

    @Bean
    DatasetCatalog datasetCatalog(DatasetLocations locations) {
        return new DatasetCatalog(Objects.requireNonNullElse(locations.datasets(), Map.of()));
    }

    /** The thread counts in force, as sized when this configuration started. */
    @Bean
    LibTorchThreads libTorchThreads() {
        return threads;
    }

    @Bean
    LibTorchInfo libTorchInfo() {
        return new LibTorchInfo(threads);
    }
}
