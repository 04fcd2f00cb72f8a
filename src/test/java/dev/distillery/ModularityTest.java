package dev.distillery;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.distillery.experiments.Experiment;
import dev.distillery.experiments.ExperimentRepository;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModule.AllowedDependency;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.NamedInterface;

/**
 * Module boundaries: no cycles between capabilities, each module uses only what another exports (its named
 * interfaces, or its root package when it declares none) and only the modules its package-info allows.
 */
class ModularityTest {

    private static final ApplicationModules MODULES = ApplicationModules.of(DistilleryApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        MODULES.verify();
    }

    /**
     * Other modules, and the experiments HTTP API, read experiments through ExperimentSummary and ExperimentQueries,
     * never the JPA entity or its repository.
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
                .belongToAnyOf(Experiment.class, ExperimentRepository.class)
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.distillery"));
    }

    /** Domain code receives its caller as an argument; only the access module knows the security context. */
    @Test
    void experimentsDoesNotDependOnAccess() {
        assertThat(experiments().getDirectDependencies(MODULES).uniqueModules().map(ApplicationModule::getName))
                .contains("shared")
                .doesNotContain("access");
    }

    /**
     * experiments states what it exports: the spec records, submission, reads, the worker's lifecycle and the
     * contract of whoever keeps groups; the entity and its repository are in none of them.
     */
    @Test
    void experimentsExportsNamedInterfacesWithoutTheEntity() {
        List<NamedInterface> exported = experiments().getNamedInterfaces().stream()
                .filter(NamedInterface::isNamed)
                .toList();

        assertThat(exported)
                .extracting(NamedInterface::getName)
                .containsExactlyInAnyOrder("groups", "lifecycle", "queries", "spec", "submission");
        assertThat(exported)
                .noneMatch(
                        exports -> exports.contains(Experiment.class) || exports.contains(ExperimentRepository.class));
    }

    /**
     * Every module that uses experiments names the interfaces it uses in its package-info, so verify() fails on any
     * other type of experiments (the entity included), not just on its internals.
     */
    @Test
    void usersOfExperimentsNameTheInterfacesTheyUse() {
        ApplicationModule experiments = experiments();
        List<ApplicationModule> users = MODULES.stream()
                .filter(module -> !module.equals(experiments))
                .filter(module -> module.getDirectDependencies(MODULES).contains(experiments))
                .toList();

        assertThat(users)
                .extracting(ApplicationModule::getName)
                .containsExactlyInAnyOrder("comparison", "datasets", "predictions", "queue");
        assertThat(users).allSatisfy(user -> assertThat(user.getAllowedDependencies(MODULES).stream()
                        .filter(allowed -> allowed.getTargetModule().equals(experiments))
                        .map(AllowedDependency::getTargetNamedInterface)
                        .toList())
                .as(user.getName() + "'s allowed interfaces of experiments")
                .isNotEmpty()
                .allMatch(exported -> exported != null && exported.isNamed()));
    }

    private static ApplicationModule experiments() {
        return MODULES.getModuleByName("experiments").orElseThrow();
    }
}
