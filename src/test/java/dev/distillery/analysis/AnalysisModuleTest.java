package dev.distillery.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.DistilleryApplication;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

/** analysis is a leaf: it may use methods (standardization, KL), tensors (owned arrays) and shared (errors) only. */
class AnalysisModuleTest {

    @Test
    void dependsOnMethodsTensorsAndSharedOnly() {
        ApplicationModules modules = ApplicationModules.of(DistilleryApplication.class);
        ApplicationModule analysis = modules.getModuleByName("analysis").orElseThrow();

        assertThat(analysis.getDirectDependencies(modules).uniqueModules().map(ApplicationModule::getName))
                .contains("methods", "tensors", "shared")
                .isSubsetOf("methods", "tensors", "shared");
    }
}
