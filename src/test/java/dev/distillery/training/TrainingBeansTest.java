package dev.distillery.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.methods.MethodRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/** The training beans wire by constructor injection without any configuration. */
class TrainingBeansTest {

    @Test
    void trainingServiceAndCatalogsAreSpringBeans() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
                TrainingService.class, DatasetCatalog.class, ArchitectureCatalog.class, MethodRegistry.class)) {
            assertThat(context.getBean(TrainingService.class)).isNotNull();
            assertThat(context.getBean(DatasetCatalog.class).datasets()).isNotEmpty();
            assertThat(context.getBean(MethodRegistry.class).names()).contains("kd");
        }
    }
}
