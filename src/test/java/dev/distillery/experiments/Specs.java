package dev.distillery.experiments;

import dev.distillery.experiments.ExperimentSpec.DatasetSpec;
import dev.distillery.experiments.ExperimentSpec.Expectations;
import dev.distillery.experiments.ExperimentSpec.LossWeights;
import dev.distillery.experiments.ExperimentSpec.ModelSpec;
import dev.distillery.experiments.ExperimentSpec.TeacherSpec;
import java.util.Map;

/**
 * Specs for plain unit tests, written field by field: {@code Specs.of("kd", "resnet8x4", "cifar100")} has only the
 * required fields; the setters fill in what a test needs, so each test shows exactly what it gives.
 */
final class Specs {

    private String name;
    private final String method;
    private TeacherSpec teacher;
    private final String student;
    private DatasetSpec dataset;
    private Double temperature;
    private Boolean zscore;
    private LossWeights lossWeights;
    private TrainingSpec training;
    private Map<String, Double> methodParams;
    private Long seed;
    private Integer priority;
    private String device;
    private Map<String, String> tags;
    private Integer repeats;
    private Expectations expect;

    private Specs(String method, String student, String dataset) {
        this.method = method;
        this.student = student;
        this.dataset = new DatasetSpec(dataset, null, null, null);
    }

    /** A spec as a user might write it: method, student and dataset, nothing else. */
    static Specs of(String method, String student, String dataset) {
        return new Specs(method, student, dataset);
    }

    /**
     * A spec as {@link SpecRules} sees it: every field explicit, with a teacher architecture of its own when the
     * method needs one ({@code resnet32x4}) and no method parameters.
     */
    static Specs resolved(String method, String student, String dataset) {
        Specs spec = of(method, student, dataset)
                .name("test")
                .temperature(4.0)
                .zscore(false)
                .lossWeights(new LossWeights(1.0, 0.0))
                .training(SpecDefaults.TRAINING)
                .methodParams(Map.of())
                .seed(1L)
                .priority(0)
                .device("any")
                .tags(Map.of());
        return "ce".equals(method) ? spec : spec.teacher(new TeacherSpec("resnet32x4", null, null, null));
    }

    Specs name(String value) {
        name = value;
        return this;
    }

    Specs teacher(TeacherSpec value) {
        teacher = value;
        return this;
    }

    Specs dataset(DatasetSpec value) {
        dataset = value;
        return this;
    }

    Specs temperature(Double value) {
        temperature = value;
        return this;
    }

    Specs zscore(Boolean value) {
        zscore = value;
        return this;
    }

    Specs lossWeights(LossWeights value) {
        lossWeights = value;
        return this;
    }

    Specs training(TrainingSpec value) {
        training = value;
        return this;
    }

    Specs methodParams(Map<String, Double> value) {
        methodParams = value;
        return this;
    }

    Specs seed(Long value) {
        seed = value;
        return this;
    }

    Specs priority(Integer value) {
        priority = value;
        return this;
    }

    Specs device(String value) {
        device = value;
        return this;
    }

    Specs tags(Map<String, String> value) {
        tags = value;
        return this;
    }

    Specs repeats(Integer value) {
        repeats = value;
        return this;
    }

    Specs expect(Expectations value) {
        expect = value;
        return this;
    }

    ExperimentSpec build() {
        return new ExperimentSpec(
                name,
                method,
                teacher,
                new ModelSpec(student),
                dataset,
                temperature,
                zscore,
                lossWeights,
                training,
                methodParams,
                seed,
                priority,
                device,
                tags,
                repeats,
                expect);
    }

    /** Training settings with only the given learning-rate schedule, everything else absent. */
    static TrainingSpec decayAt(Integer... epochs) {
        return new TrainingSpec(null, null, null, null, null, null, java.util.List.of(epochs), null, null, null);
    }
}
