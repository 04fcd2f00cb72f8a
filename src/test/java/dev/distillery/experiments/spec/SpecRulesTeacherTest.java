package dev.distillery.experiments.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.experiments.Experiment;
import dev.distillery.experiments.ExperimentStatus;
import dev.distillery.experiments.Experiments;
import dev.distillery.experiments.catalog.CatalogLookup;
import dev.distillery.experiments.spec.ExperimentSpec.DeltaExpectation;
import dev.distillery.experiments.spec.ExperimentSpec.Expectations;
import dev.distillery.experiments.spec.ExperimentSpec.TeacherSpec;
import dev.distillery.methods.MethodRegistry;
import dev.distillery.shared.FieldViolation;
import dev.distillery.training.ArchitectureCatalog;
import dev.distillery.training.DatasetCatalog;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * A teacher given as an earlier experiment must exist, must not have ended without a model, must have trained the
 * named architecture on the same dataset and takes no training settings; a gate's reference experiment must exist.
 */
class SpecRulesTeacherTest {

    private static final SpecCodec CODEC = new SpecCodec(JsonMapper.builder().build());
    private static final CatalogLookup CATALOG =
            new CatalogLookup(new MethodRegistry(), new ArchitectureCatalog(), new DatasetCatalog());

    private final Map<UUID, Experiment> experiments = new HashMap<>();
    private final SpecRules rules = new SpecRules(
            CATALOG, new TeacherExperiments(Experiments.repository(experiments), CODEC), null, "auto", () -> true);

    /** A stored experiment that trained {@code architecture} on {@code dataset} (synthetic: no files needed). */
    private Experiment stored(ExperimentStatus status, String architecture, String dataset) {
        ExperimentSpec spec = Specs.resolved("ce", architecture, dataset).build();
        Experiment experiment = Experiments.in(status, spec, CODEC.write(spec));
        experiments.put(experiment.id(), experiment);
        return experiment;
    }

    private List<FieldViolation> studentOf(TeacherSpec teacher, String dataset) {
        return rules.check(Specs.resolved("kd", "mlp", dataset).teacher(teacher).build());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = ExperimentStatus.class,
            names = {"WAITING", "QUEUED", "RUNNING", "SUCCEEDED"})
    void aTeacherExperimentThatHasOrWillHaveAModelFits(ExperimentStatus status) {
        Experiment teacher = stored(status, "lenet5", "synthetic");

        assertThat(studentOf(new TeacherSpec("lenet5", teacher.id(), "best", null), "synthetic"))
                .isEmpty();
        assertThat(studentOf(new TeacherSpec("lenet5", teacher.id(), "last", null), "synthetic"))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = ExperimentStatus.class,
            names = {"FAILED", "CANCELLED"})
    void aTeacherExperimentThatEndedWithoutAModelIsRefused(ExperimentStatus status) {
        Experiment teacher = stored(status, "lenet5", "synthetic");

        assertThat(studentOf(new TeacherSpec("lenet5", teacher.id(), "best", null), "synthetic"))
                .containsExactly(new FieldViolation(
                        "teacher.experimentId",
                        "experiment " + teacher.id() + " ended " + status + " and has no model to teach with"));
    }

    @Test
    void anUnknownTeacherExperimentIsRefused() {
        UUID unknown = UUID.randomUUID();

        assertThat(studentOf(new TeacherSpec("lenet5", unknown, "best", null), "synthetic"))
                .containsExactly(new FieldViolation("teacher.experimentId", "no experiment " + unknown));
    }

    @Test
    void aTeacherTrainedOnAnotherDatasetIsRefused() {
        Experiment teacher = stored(ExperimentStatus.SUCCEEDED, "lenet5", "mnist");

        assertThat(studentOf(new TeacherSpec("lenet5", teacher.id(), "best", null), "synthetic"))
                .containsExactly(new FieldViolation(
                        "teacher.experimentId",
                        "the teacher was trained on 'mnist', this experiment uses 'synthetic'"));
    }

    @Test
    void aTeacherExperimentOfAnotherArchitectureIsRefused() {
        Experiment teacher = stored(ExperimentStatus.SUCCEEDED, "resnet32x4", "synthetic");

        assertThat(studentOf(new TeacherSpec("resnet8x4", teacher.id(), "best", null), "synthetic"))
                .containsExactly(new FieldViolation(
                        "teacher.architecture",
                        "experiment " + teacher.id() + " trained a 'resnet32x4', not a 'resnet8x4'"));
    }

    @Test
    void aTeacherExperimentTakesNoTrainingSettings() {
        Experiment teacher = stored(ExperimentStatus.SUCCEEDED, "lenet5", "synthetic");

        assertThat(studentOf(new TeacherSpec("lenet5", teacher.id(), "best", Specs.decayAt(10)), "synthetic"))
                .extracting(FieldViolation::field)
                .containsExactly("teacher.training");
    }

    @Test
    void aGateMayOnlyReferToAnExistingExperiment() {
        Experiment reference = stored(ExperimentStatus.SUCCEEDED, "mlp", "synthetic");
        UUID unknown = UUID.randomUUID();

        assertThat(rules.check(Specs.resolved("ce", "mlp", "synthetic")
                        .expect(new Expectations(null, new DeltaExpectation(reference.id(), "bestTestTop1", 0.0)))
                        .build()))
                .isEmpty();
        assertThat(rules.check(Specs.resolved("ce", "mlp", "synthetic")
                        .expect(new Expectations(0.5, new DeltaExpectation(unknown, "bestTestTop1", 0.0)))
                        .build()))
                .containsExactly(
                        new FieldViolation("expect.minDeltaVsExperiment.experimentId", "no experiment " + unknown));
        assertThat(rules.check(Specs.resolved("ce", "mlp", "synthetic")
                        .expect(new Expectations(0.5, null))
                        .build()))
                .isEmpty();
    }
}
