package dev.distillery;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.distillery.experiments.Experiment;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

/** Module boundaries: no cycles between capabilities, no reaching into another module's internals. */
class ModularityTest {

    @Test
    void modulesRespectTheirBoundaries() {
        ApplicationModules.of(DistilleryApplication.class).verify();
    }

    /**
     * Other modules, and the experiments HTTP API, read experiments through ExperimentSummary and ExperimentQueries,
     * never the JPA entity.
     */
    @Test
    void onlyExperimentsUsesTheExperimentEntity() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.distillery.experiments..")
                .or()
                .resideInAPackage("..web..")
                .should()
                .dependOnClassesThat()
                .belongToAnyOf(Experiment.class)
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.distillery"));
    }

    /** Domain code receives its caller as an argument; only the access module knows the security context. */
    @Test
    void experimentsDoesNotDependOnAccess() {
        ApplicationModules modules = ApplicationModules.of(DistilleryApplication.class);
        ApplicationModule experiments = modules.getModuleByName("experiments").orElseThrow();

        assertThat(experiments.getDirectDependencies(modules).uniqueModules().map(ApplicationModule::getName))
                .contains("shared")
                .doesNotContain("access");
    }
}
