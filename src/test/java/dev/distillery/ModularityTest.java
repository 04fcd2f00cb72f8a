package dev.distillery;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Module boundaries: no cycles between capabilities, no reaching into another module's internals. */
class ModularityTest {

    @Test
    void modulesRespectTheirBoundaries() {
        ApplicationModules.of(DistilleryApplication.class).verify();
    }
}
