package dev.distillery.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/**
 * Loss maths against values computed independently in plain double-precision Python (math module only, no numpy):
 * <pre>
 * def mean(r): return sum(r)/len(r)
 * def std(r): m=mean(r); return math.sqrt(sum((x-m)**2 for x in r)/(len(r)-1))
 * def Z(r,tau,z): return [x/tau for x in r] if not z else [(x-mean(r))/(std(r)+1e-7)/tau for x in r]
 * def logsoftmax(r): mx=max(r); lse=mx+math.log(sum(math.exp(x-mx) for x in r)); return [x-lse for x in r]
 * def ce(L,Y): return sum(-logsoftmax(r)[y] for r,y in zip(L,Y))/len(L)
 * def kl(t,s): return sum(sum(math.exp(a)*(a-b) for a,b in zip(logsoftmax(rt),logsoftmax(rs)))
 *                        for rt,rs in zip(t,s))/len(t)
 * def kd(s,t,y,tau,z,wce,wkd): return wce*ce(s,y), wkd*tau*tau*kl([Z(r,tau,z) for r in t],[Z(r,tau,z) for r in s])
 * gradients: central differences of kd's total with h = 1e-6
 * </pre>
 */
class MethodMathTest extends NDManagerTest {

    private static final double TOLERANCE = 1e-6;

    private static final double[][] STUDENT = {{1.0, 2.0, 0.5, -1.0}, {2.0, 2.0, 2.0, 2.0}, {1e4, 0.0, -1e4, 5.0}};
    private static final double[][] TEACHER = {{0.2, 3.0, -0.7, 1.1}, {1.0, -2.0, 0.5, 4.0}, {-3.0, 1e4, 2.0, 0.0}};
    private static final long[] LABELS = {1, 3, 0};

    @Test
    void standardizationUsesUnbiasedStdPerRowAndDividesByTemperature() {
        NDArray logits = matrix(new double[][] {{1, 2, 3, 4}, {3, 3, 3, 3}, {0.5, -1, 2, 7}});

        double[] z = LogitStandardization.apply(logits, 2.0, true).toDoubleArray();

        assertClose(z, new double[] {
            -0.580947456931116,
            -0.193649152310372,
            0.193649152310372,
            0.580947456931116,
            0.0,
            0.0,
            0.0,
            0.0,
            -0.23394011225757463,
            -0.44988483126456663,
            -0.017995393250582664,
            0.7018203367727239
        });
    }

    @Test
    void withoutZscoreStandardizationOnlyDividesByTemperature() {
        double[] z = LogitStandardization.apply(matrix(new double[][] {{1, 2, 3, 4}}), 2.0, false)
                .toDoubleArray();

        assertClose(z, new double[] {0.5, 1.0, 1.5, 2.0});
    }

    @Test
    void crossEntropyIsStableForHugeLogits() {
        NDArray logits = matrix(new double[][] {{1, 2, 3}, {1e4, 0, -1e4}});

        double ce =
                Losses.crossEntropy(logits, manager.create(new long[] {2, 1})).getDouble();

        assertThat(ce).isCloseTo(5000.203802982222, within(TOLERANCE));
    }

    @Test
    void kdWithStandardizationMatchesReferenceIncludingEqualAndHugeRows() {
        assertKd(2.0, true, 0.06271587530685822, 4.63942086890584);
        assertKd(4.0, true, 0.06271587530685822, 4.717073526565366);
    }

    @Test
    void kdWithoutStandardizationMatchesReference() {
        assertKd(2.0, false, 0.06271587530685822, 60007.46059807933);
        assertKd(4.0, false, 0.06271587530685822, 120009.00925875054);
    }

    @Test
    void kdGradientFlowsThroughStudentMeanAndStd() {
        assertKdGradient(true, 4.8901141696067665, new double[] {
            0.5263643778619098,
            -0.6702960542170899,
            0.6214656349534664,
            -0.4775339634832676,
            -0.1455852953746728,
            3.0029039299606097,
            1.349106840020653,
            -4.206425475050679
        });
    }

    @Test
    void kdGradientWithoutStandardization() {
        assertKdGradient(false, 12.008333813536142, new double[] {
            1.1430262780720568,
            -1.1362476293186319,
            1.063238456389115,
            -1.0700171078070753,
            0.8924970327228721,
            1.4642969698996922,
            1.8517738826773211,
            -4.20856788263535
        });
    }

    @Test
    void equalLogitRowsGiveFiniteGradientsInFloat32() {
        NDArray student = manager.create(new float[] {2, 2, 2, 2, 1e4f, 0, -1e4f, 5}, new Shape(2, 4));
        NDArray teacher = manager.create(new float[] {1, 1, 1, 1, -3, 1e4f, 2, 0}, new Shape(2, 4));
        student.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray loss = new KnowledgeDistillation()
                    .loss(student, teacher, manager.create(new long[] {0, 1}), 1, new LossSettings(2.0, true, 0.1, 9.0))
                    .total();
            collector.backward(loss);
            assertThat(loss.getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(Float.isFinite(loss.getFloat())).isTrue();
        }
        for (float g : student.getGradient().toFloatArray()) {
            assertThat(Float.isFinite(g)).isTrue();
        }
    }

    private void assertKd(double tau, boolean zscore, double expectedCe, double expectedKd) {
        LossTerms terms = new KnowledgeDistillation()
                .loss(
                        matrix(STUDENT),
                        matrix(TEACHER),
                        manager.create(LABELS),
                        1,
                        new LossSettings(tau, zscore, 0.1, 9.0));

        assertThat(terms.parts().get("ce").getDouble()).isCloseTo(expectedCe, within(TOLERANCE));
        assertThat(terms.parts().get("kd").getDouble()).isCloseTo(expectedKd, within(TOLERANCE));
        assertThat(terms.total().getDouble()).isCloseTo(expectedCe + expectedKd, within(TOLERANCE));
    }

    private void assertKdGradient(boolean zscore, double expectedLoss, double[] expectedGradient) {
        NDArray student = matrix(new double[][] {{1.0, 2.0, 0.5, -1.0}, {0.3, -0.2, 0.8, 0.1}});
        NDArray teacher = matrix(new double[][] {{0.2, 3.0, -0.7, 1.1}, {1.0, -2.0, 0.5, 4.0}});
        student.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray loss = new KnowledgeDistillation()
                    .loss(
                            student,
                            teacher,
                            manager.create(new long[] {1, 3}),
                            1,
                            new LossSettings(2.0, zscore, 0.1, 9.0))
                    .total();
            assertThat(loss.getDouble()).isCloseTo(expectedLoss, within(TOLERANCE));
            collector.backward(loss);
        }
        assertClose(student.getGradient().toDoubleArray(), expectedGradient);
    }

    private NDArray matrix(double[][] rows) {
        return manager.create(rows).toType(DataType.FLOAT64, false);
    }

    private static void assertClose(double[] actual, double[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], within(TOLERANCE));
        }
    }
}
