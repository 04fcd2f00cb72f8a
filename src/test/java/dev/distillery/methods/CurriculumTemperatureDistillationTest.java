package dev.distillery.methods;

import static dev.distillery.methods.ReferenceCases.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import dev.distillery.tensors.OwnedArrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * ctkd against the float64 numpy reference (63 cases: zscore on and off, T in {1, −0.5, 2}, epochs 1, 3, 5, 10, 12
 * of the λ schedule, equal-logit rows, logits of ±1000): λ, τ, every term, the student's gradient and the gradient
 * T receives through the gradient reversal (central differences in the reference).
 */
class CurriculumTemperatureDistillationTest extends NDManagerTest {

    private final CurriculumTemperatureDistillation ctkd = new CurriculumTemperatureDistillation();

    static Stream<JsonNode> cases() {
        return ReferenceCases.load("ctkd").stream();
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("cases")
    void matchesTheReference(JsonNode testCase) {
        LossSettings settings = settings(testCase);
        JsonNode expected = testCase.get("expected");
        int epoch = testCase.get("epoch").asInt();
        MethodRun run = ctkd.start(new RunContext(manager, settings, DataType.FLOAT64));
        LearnableParameter t = run.parameters().get(0);
        t.replace(OwnedArrays.of(manager, new double[][] {{testCase.get("T").asDouble()}})
                .reshape(1));
        NDArray student = ReferenceCases.logits(manager, testCase, "student");
        student.setRequiresGradient(true);
        NDArray teacher = ReferenceCases.logits(manager, testCase, "teacher");

        LossTerms terms;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            terms = run.loss(StepLogits.plain(epoch, ReferenceCases.labels(manager, testCase), student, teacher));
            collector.backward(terms.total());
        }

        String name = testCase.get("name").asText();
        assertClose(
                name + " λ",
                CurriculumTemperatureDistillation.reversal(epoch, settings),
                expected.get("lambda").asDouble());
        assertClose(
                name + " τ",
                run.diagnostics().get("temperature"),
                expected.get("tau").asDouble());
        assertClose(
                name + " ce",
                terms.parts().get("ce").getDouble(),
                expected.get("ce").asDouble());
        assertClose(
                name + " kd",
                terms.parts().get("kd").getDouble(),
                expected.get("kd").asDouble());
        assertClose(
                name + " total",
                terms.total().getDouble(),
                expected.get("total").asDouble());
        assertClose(name + " d/ds", student.getGradient().toDoubleArray(), expected.get("gradStudent"));
        assertClose(
                name + " d/dT",
                t.value().getGradient().getDouble(0),
                expected.get("gradT").asDouble());
    }

    static LossSettings settings(JsonNode testCase) {
        Map<String, Double> params = new HashMap<>();
        testCase.get("params")
                .properties()
                .forEach(e -> params.put(e.getKey(), e.getValue().asDouble()));
        return new LossSettings(
                4.0,
                testCase.get("zscore").asBoolean(),
                testCase.get("ceWeight").asDouble(),
                testCase.get("kdWeight").asDouble(),
                params);
    }

    @org.junit.jupiter.api.Test
    void declaresTheReferenceDefaultsAndLearnsOneTemperatureStartingAtOne() {
        LossSettings defaults = ctkd.defaults(true);
        assertThat(defaults.ceWeight()).isEqualTo(0.1);
        assertThat(defaults.kdWeight()).isEqualTo(9.0);
        assertThat(defaults.params())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("tStart", 1.0, "tEnd", 20.0, "decayMax", 0.0, "decayMin", -1.0, "decayLoops", 10.0));
        MethodRun run = ctkd.start(new RunContext(manager, defaults));
        List<LearnableParameter> parameters = run.parameters();
        assertThat(parameters).hasSize(1);
        assertThat(parameters.get(0).value().toFloatArray()).containsExactly(1f);
        // τ = 1 + 20·σ(1), by hand
        assertThat(run.diagnostics().get("temperature"))
                .isCloseTo(1 + 20 / (1 + Math.exp(-1)), org.assertj.core.api.Assertions.within(1e-5));
    }
}
