package dev.distillery.training;

import java.util.Map;
import java.util.Objects;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The dataset catalog, with default directories taken from configuration. */
@Configuration(proxyBeanMethods = false)
class TrainingConfiguration {

    @Bean
    DatasetCatalog datasetCatalog(DatasetLocations locations) {
        return new DatasetCatalog(Objects.requireNonNullElse(locations.datasets(), Map.of()));
    }
}
