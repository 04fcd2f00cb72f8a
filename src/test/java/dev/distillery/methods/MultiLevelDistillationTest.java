package dev.distillery.methods;

import static dev.distillery.methods.ReferenceCases.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * mlkd against the float64 numpy reference (15 cases: zscore on and off, τ 4 and 2, odd batches, ties at the median
 * of the sample and of the class confidences): both masks, every term, and the gradients of both student views
 * (central differences in the reference).
 */
class MultiLevelDistillationTest extends NDManagerTest {

    private final MultiLevelDistillation mlkd = new MultiLevelDistillation();

    static Stream<JsonNode> cases() {
        return ReferenceCases.load("mlkd").stream();
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("cases")
    void matchesTheReference(JsonNode testCase) {
        String name = testCase.get("name").asText();
        JsonNode expected = testCase.get("expected");
        LossSettings settings = new LossSettings(
                testCase.get("temperature").asDouble(),
                testCase.get("zscore").asBoolean(),
                testCase.get("ceWeight").asDouble(),
                testCase.get("kdWeight").asDouble());
        NDArray weak = ReferenceCases.logits(manager, testCase, "studentWeak");
        NDArray strong = ReferenceCases.logits(manager, testCase, "studentStrong");
        NDArray teacherWeak = ReferenceCases.logits(manager, testCase, "teacherWeak");
        weak.setRequiresGradient(true);
        strong.setRequiresGradient(true);

        ConfidenceMasks masks = ConfidenceMasks.of(teacherWeak);
        assertThat(flags(masks.sampleMask()))
                .as(name + " mask")
                .containsExactly(ReferenceCases.vector(expected.get("mask")));
        assertThat(flags(masks.classMask()))
                .as(name + " class mask")
                .containsExactly(ReferenceCases.vector(expected.get("classMask")));

        LossTerms terms;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            MethodRun run = mlkd.start(new RunContext(manager, settings, DataType.FLOAT64));
            terms = run.loss(new StepLogits(
                    1,
                    ReferenceCases.labels(manager, testCase),
                    weak,
                    teacherWeak,
                    strong,
                    ReferenceCases.logits(manager, testCase, "teacherStrong")));
            collector.backward(terms.total());
        }

        for (String term : new String[] {"ce", "kd", "cc", "bc"}) {
            assertClose(
                    name + " " + term,
                    terms.parts().get(term).getDouble(),
                    expected.get(term).asDouble());
        }
        assertClose(
                name + " total",
                terms.total().getDouble(),
                expected.get("total").asDouble());
        assertClose(name + " d/d weak", weak.getGradient().toDoubleArray(), expected.get("gradStudentWeak"));
        assertClose(name + " d/d strong", strong.getGradient().toDoubleArray(), expected.get("gradStudentStrong"));
    }

    @Test
    void medianInterpolatesLikeNumpyAndTiesAreInTheMask() {
        // numpy.percentile([1, 2, 3, 10], 50) = 2.5; [3, 1, 2] → 2
        assertThat(ConfidenceMasks.median(new double[] {10, 1, 3, 2})).isEqualTo(2.5);
        assertThat(ConfidenceMasks.median(new double[] {3, 1, 2})).isEqualTo(2.0);
    }

    @Test
    void refusesToRunWithoutTheStrongView() {
        MethodRun run = mlkd.start(new RunContext(manager, mlkd.defaults(true), DataType.FLOAT64));
        NDArray logits = manager.create(new double[][] {{1, 2}, {2, 1}});
        assertThatThrownBy(() -> run.loss(StepLogits.plain(1, manager.create(new long[] {0, 1}), logits, logits)))
                .hasMessageContaining("strong view");
    }

    @Test
    void trainsOnTwoViewsWithTheRepositoryDefaults() {
        assertThat(mlkd.views()).isEqualTo(Views.WEAK_AND_STRONG);
        assertThat(mlkd.defaults(true)).isEqualTo(new LossSettings(2.0, true, 0.1, 9.0));
        assertThat(mlkd.defaults(false)).isEqualTo(new LossSettings(4.0, false, 0.1, 0.9));
    }

    private static double[] flags(boolean[] mask) {
        double[] values = new double[mask.length];
        for (int i = 0; i < mask.length; i++) {
            values[i] = mask[i] ? 1 : 0;
        }
        return values;
    }
}
