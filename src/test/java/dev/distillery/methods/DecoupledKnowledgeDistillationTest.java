package dev.distillery.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * dkd against values computed independently in plain double-precision Python (math module only), following
 * mdistiller's DKD.py and the LS paper's {@code dkd_loss(..., logit_stand)} (z-score, then DKD's own /τ):
 * <pre>
 * def mean(r): return sum(r)/len(r)
 * def std(r): m=mean(r); return math.sqrt(sum((x-m)**2 for x in r)/(len(r)-1))
 * def Z(r,tau,z): return [x/tau for x in r] if not z else [(x-mean(r))/(std(r)+1e-7)/tau for x in r]
 * def lse(r): mx=max(r); return mx+math.log(sum(math.exp(x-mx) for x in r))
 * def logsoftmax(r): l=lse(r); return [x-l for x in r]
 * def ce(L,Y): return sum(-logsoftmax(r)[y] for r,y in zip(L,Y))/len(L)
 * def klrow(t,s): return sum(math.exp(a)*(a-b) for a,b in zip(logsoftmax(t),logsoftmax(s)))
 * def binary(r,y):  # [log p_gt, log(sum of non-target p)]
 *     l=lse(r); return [r[y]-l, lse([x for i,x in enumerate(r) if i!=y])-l]
 * def dkd(S,T,Y,tau,z,wce,alpha,beta,warm,epoch):
 *     ramp = 1.0 if warm==0 else min(epoch/warm,1.0)
 *     zs=[Z(r,tau,z) for r in S]; zt=[Z(r,tau,z) for r in T]
 *     tckd=sum(klrow(binary(t,y),binary(s,y)) for s,t,y in zip(zs,zt,Y))/len(S)
 *     mask=lambda r,y:[x-1000.0*(i==y) for i,x in enumerate(r)]
 *     nckd=sum(klrow(mask(t,y),mask(s,y)) for s,t,y in zip(zs,zt,Y))/len(S)
 *     c=wce*ce(S,Y); a=ramp*alpha*tau*tau*tckd; b=ramp*beta*tau*tau*nckd
 *     return c+a+b, c, a, b
 * gradients: central differences of dkd's total with h = 1e-6
 * </pre>
 * On rows without underflow, mdistiller's own order (softmax, cat_mask, torch.log) agrees with this log-space form
 * to 5e-15 (checked in the same script).
 */
class DecoupledKnowledgeDistillationTest extends NDManagerTest {

    private static final double TOLERANCE = 1e-6;

    /** Row 1 of the student is constant; row 2 of both has logits of 1e4. */
    private static final double[][] STUDENT = {{1.0, 2.0, 0.5, -1.0}, {2.0, 2.0, 2.0, 2.0}, {1e4, 0.0, -1e4, 5.0}};

    private static final double[][] TEACHER = {{0.2, 3.0, -0.7, 1.1}, {1.0, -2.0, 0.5, 4.0}, {-3.0, 1e4, 2.0, 0.0}};
    private static final long[] LABELS = {1, 3, 0};

    private static final double CE = 0.6271587530685823;

    private final DecoupledKnowledgeDistillation dkd = new DecoupledKnowledgeDistillation();

    @Test
    void withoutStandardizationDuringWarmup() {
        assertDkd(4.0, false, 5, 3331.4949955451525, 16001.202607666617, 19333.32476196484);
        assertDkd(2.0, false, 5, 1665.9603497555456, 10667.756057604118, 12334.343566112731);
    }

    @Test
    void withoutStandardizationAfterWarmup() {
        assertDkd(4.0, false, 20, 13325.97998218061, 64004.81043066647, 77331.41757160015);
        assertDkd(4.0, false, 30, 13325.97998218061, 64004.81043066647, 77331.41757160015);
        assertDkd(2.0, false, 30, 6663.8413990221825, 42671.02423041647, 49335.492788191725);
    }

    @Test
    void withStandardizationDuringWarmup() {
        assertDkd(4.0, true, 5, 0.06938554936968523, 0.7021018109393172, 1.3986461133775847);
        assertDkd(2.0, true, 5, 0.07270015633940889, 0.6905886348373182, 1.3904475442453093);
    }

    @Test
    void withStandardizationAfterWarmup() {
        assertDkd(4.0, true, 20, 0.2775421974787409, 2.808407243757269, 3.713108194304592);
        assertDkd(4.0, true, 30, 0.2775421974787409, 2.808407243757269, 3.713108194304592);
        assertDkd(2.0, true, 30, 0.29080062535763557, 2.762354539349273, 3.680313917775491);
    }

    @Test
    void readsItsParametersAndCeWeightFromTheSettings() {
        Map<String, Double> params = Map.of("alpha", 2.0, "beta", 0.5, "warmupEpochs", 0.0);
        assertTerms(
                new LossSettings(2.0, true, 0.3, 123.0, params),
                1,
                0.18814762592057468,
                0.5816012507152711,
                0.17264715870932956,
                0.9423960353451754);
        assertTerms(
                new LossSettings(2.0, false, 0.3, 123.0, params),
                1,
                0.18814762592057468,
                13327.682798044365,
                2666.9390144010295,
                15994.809960071314);
    }

    @Test
    void partsAreNamedAndSumToTheTotal() {
        LossTerms terms = dkd.loss(matrix(STUDENT), matrix(TEACHER), manager.create(LABELS), 3, dkd.defaults(true));

        assertThat(terms.parts()).containsOnlyKeys("ce", "tckd", "nckd");
        double sum =
                terms.parts().values().stream().mapToDouble(NDArray::getDouble).sum();
        assertThat(terms.total().getDouble()).isCloseTo(sum, within(TOLERANCE));
    }

    @Test
    void gradientReachesTheStudentThroughMeanAndStdButNotTheTeacher() {
        assertGradient(true, 1.9082036987925246, new double[] {
            0.24515498353583354,
            -0.3968016241140404,
            0.2936563420208316,
            -0.14200970410715996,
            -0.34978625051973466,
            0.28670255658447275,
            0.428322326384567,
            -0.36523863466975115
        });
    }

    @Test
    void gradientWithoutStandardization() {
        assertGradient(false, 2.8602939367093265, new double[] {
            0.41955283447414615,
            -0.22391964438206458,
            0.44942550170290474,
            -0.6450586917949863,
            -0.2107331287248826,
            0.47681177228753313,
            0.250244149624379,
            -0.5163227945192972
        });
    }

    @Test
    void equalAndHugeLogitsGiveFiniteLossAndGradientsInFloat32() {
        for (boolean zscore : new boolean[] {true, false}) {
            NDArray student = manager.create(new float[] {2, 2, 2, 2, 1e4f, 0, -1e4f, 5, 1, 1, 1, 1}, new Shape(3, 4));
            NDArray teacher =
                    manager.create(new float[] {1, 1, 1, 1, -3, 1e4f, 2, 0, 1e4f, -1e4f, 0, 3}, new Shape(3, 4));
            student.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                LossTerms terms =
                        dkd.loss(student, teacher, manager.create(new long[] {0, 1, 2}), 7, dkd.defaults(zscore));
                collector.backward(terms.total());
                assertThat(terms.total().getDataType()).isEqualTo(DataType.FLOAT32);
                for (NDArray part : terms.parts().values()) {
                    assertThat(Float.isFinite(part.getFloat()))
                            .as("%s zscore=%s", terms.parts(), zscore)
                            .isTrue();
                }
            }
            for (float g : student.getGradient().toFloatArray()) {
                assertThat(Float.isFinite(g))
                        .as("gradient with zscore=%s", zscore)
                        .isTrue();
            }
        }
    }

    @Test
    void labelsMayBeFloatsAsDjlDatasetsDeliverThem() {
        LossTerms terms = dkd.loss(
                matrix(STUDENT), matrix(TEACHER), manager.create(new float[] {1, 3, 0}), 30, dkd.defaults(true));

        assertThat(terms.total().getDouble()).isCloseTo(3.713108194304592, within(TOLERANCE));
    }

    @Test
    void needsTeacherLogitsAndAtLeastTwoClasses() {
        assertThatThrownBy(() -> dkd.loss(matrix(STUDENT), null, manager.create(LABELS), 1, dkd.defaults(true)))
                .isInstanceOf(IllegalArgumentException.class);
        NDArray single = matrix(new double[][] {{1.0}, {2.0}});
        assertThatThrownBy(() -> dkd.loss(single, single, manager.create(new long[] {0, 0}), 1, dkd.defaults(false)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsParameterValuesOutsideTheirBounds() {
        LossSettings settings = new LossSettings(4.0, false, 1.0, 1.0, Map.of("beta", -1.0));
        assertThatThrownBy(() -> dkd.loss(matrix(STUDENT), matrix(TEACHER), manager.create(LABELS), 1, settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("beta");
    }

    private void assertDkd(double tau, boolean zscore, int epoch, double tckd, double nckd, double total) {
        LossSettings defaults = dkd.defaults(zscore);
        assertTerms(
                new LossSettings(tau, zscore, defaults.ceWeight(), defaults.kdWeight(), defaults.params()),
                epoch,
                CE,
                tckd,
                nckd,
                total);
    }

    private void assertTerms(LossSettings settings, int epoch, double ce, double tckd, double nckd, double total) {
        LossTerms terms = dkd.loss(matrix(STUDENT), matrix(TEACHER), manager.create(LABELS), epoch, settings);

        assertThat(terms.parts().get("ce").getDouble()).as("ce").isCloseTo(ce, within(TOLERANCE));
        assertThat(terms.parts().get("tckd").getDouble()).as("tckd").isCloseTo(tckd, within(TOLERANCE));
        assertThat(terms.parts().get("nckd").getDouble()).as("nckd").isCloseTo(nckd, within(TOLERANCE));
        assertThat(terms.total().getDouble()).as("total").isCloseTo(total, within(TOLERANCE));
    }

    private void assertGradient(boolean zscore, double expectedLoss, double[] expectedGradient) {
        NDArray student = matrix(new double[][] {{1.0, 2.0, 0.5, -1.0}, {0.3, -0.2, 0.8, 0.1}});
        NDArray teacher = matrix(new double[][] {{0.2, 3.0, -0.7, 1.1}, {1.0, -2.0, 0.5, 4.0}});
        student.setRequiresGradient(true);
        teacher.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray loss = dkd.loss(student, teacher, manager.create(new long[] {1, 3}), 5, dkd.defaults(zscore))
                    .total();
            assertThat(loss.getDouble()).isCloseTo(expectedLoss, within(TOLERANCE));
            collector.backward(loss);
        }
        double[] gradient = student.getGradient().toDoubleArray();
        assertThat(gradient).hasSameSizeAs(expectedGradient);
        for (int i = 0; i < expectedGradient.length; i++) {
            assertThat(gradient[i]).as("d loss / d student[%d]", i).isCloseTo(expectedGradient[i], within(TOLERANCE));
        }
        // the teacher was detached: no gradient was ever accumulated into it (DJL answers an all-zero array)
        assertThat(teacher.getGradient().toType(DataType.FLOAT64, false).toDoubleArray())
                .as("teacher gradient")
                .containsOnly(0.0);
    }

    private NDArray matrix(double[][] rows) {
        return manager.create(rows).toType(DataType.FLOAT64, false);
    }
}
