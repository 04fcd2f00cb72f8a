package dev.distillery;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/** Module boundaries: no cycles between capabilities, no reaching into another module's internals. */
class ModularityTest {

    @Test
    void modulesRespectTheirBoundaries() {
        ApplicationModules.of(DistilleryApplication.class).verify();
    }

    /** Domain code receives its caller as an argument; only the access module knows the security context. */
    @Test
    void experimentsDoesNotDependOnAccess() {
        ApplicationModules modules = ApplicationModules.of(DistilleryApplication.class);
        ApplicationModule experiments = modules.getModuleByName("experiments").orElseThrow();

        assertThat(experiments.getDirectDependencies(modules).uniqueModules().map(ApplicationModule::getName))
                .contains("shared").doesNotContain("access");
    }
}
