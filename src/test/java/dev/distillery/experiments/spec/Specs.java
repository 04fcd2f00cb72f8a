package dev.distillery.experiments.spec;

import dev.distillery.experiments.spec.ExperimentSpec.DatasetSpec;
import dev.distillery.experiments.spec.ExperimentSpec.Expectations;
import dev.distillery.experiments.spec.ExperimentSpec.LossWeights;
import dev.distillery.experiments.spec.ExperimentSpec.ModelSpec;
import dev.distillery.experiments.spec.ExperimentSpec.TeacherSpec;
import java.util.Map;

/**
 * Specs for plain unit tests, written field by field: {@code Specs.of("kd", "resnet8x4", "cifar100")} has only the
 * required fields; the setters fill in what a test needs, so each test shows exactly what it gives.
 */
public final class Specs {

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
    public static Specs of(String method, String student, String dataset) {
        return new Specs(method, student, dataset);
    }

    /**
     * A spec as {@link SpecRules} sees it: every field explicit, with a teacher architecture of its own when the
     * method needs one ({@code resnet32x4}) and no method parameters.
     */
    public static Specs resolved(String method, String student, String dataset) {
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

    public Specs name(String value) {
        name = value;
        return this;
    }

    public Specs teacher(TeacherSpec value) {
        teacher = value;
        return this;
    }

    public Specs dataset(DatasetSpec value) {
        dataset = value;
        return this;
    }

    public Specs temperature(Double value) {
        temperature = value;
        return this;
    }

    public Specs zscore(Boolean value) {
        zscore = value;
        return this;
    }

    public Specs lossWeights(LossWeights value) {
        lossWeights = value;
        return this;
    }

    public Specs training(TrainingSpec value) {
        training = value;
        return this;
    }

    public Specs methodParams(Map<String, Double> value) {
        methodParams = value;
        return this;
    }

    public Specs seed(Long value) {
        seed = value;
        return this;
    }

    public Specs priority(Integer value) {
        priority = value;
        return this;
    }

    public Specs device(String value) {
        device = value;
        return this;
    }

    public Specs tags(Map<String, String> value) {
        tags = value;
        return this;
    }

    public Specs repeats(Integer value) {
        repeats = value;
        return this;
    }

    public Specs expect(Expectations value) {
        expect = value;
        return this;
    }

    public ExperimentSpec build() {
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
    public static TrainingSpec decayAt(Integer... epochs) {
        return new TrainingSpec(null, null, null, null, null, null, java.util.List.of(epochs), null, null, null);
    }
}
