package dev.distillery.training;

import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The dataset catalog, with default directories taken from configuration, and LibTorch's thread pools. */
@Configuration(proxyBeanMethods = false)
class TrainingConfiguration {

    private final LibTorchThreads threads;
    /** Whether this instance trains (role all or worker); an API-only one never loads the engine for its info. */
    private final boolean trains;
    /** Decoded image folders are cached below it. */
    private final String dataDir;

    /**
     * Sizes LibTorch's thread pools when the context starts, before any training bean can load the engine, unless
     * {@code main} already did (see {@link LibTorchThreads}).
     */
    TrainingConfiguration(Environment environment) {
        threads = LibTorchThreads.apply(environment);
        trains = !"api"
                .equalsIgnoreCase(
                        environment.getProperty("distillery.role", "all").trim());
        threads.log();
        dataDir = environment.getProperty("distillery.data-dir", System.getProperty("user.home") + "/.distillery");
    }

    @Bean
    DatasetCatalog datasetCatalog(DatasetLocations locations) {
        return new DatasetCatalog(
                locations.defaultPaths(),
                locations.rootList(),
                locations.archives(),
                Path.of(dataDir, "cache", "datasets"));
    }

    /** The thread counts in force, as sized when this configuration started. */
    @Bean
    LibTorchThreads libTorchThreads() {
        return threads;
    }

    @Bean
    LibTorchInfo libTorchInfo() {
        return new LibTorchInfo(threads, trains);
    }
}
