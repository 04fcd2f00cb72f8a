package dev.distillery.training.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.distillery.training.DjlTestThreads;
import dev.distillery.training.LogitDiagnostics;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Diagnostics on hand-made logits, against values computed in float64 with numpy:
 * <pre>
 *   s = [[1,2,3],[0,0,1],[2,-1,0.5]]; t = [[3,1,0],[0,2,1],[4,0,1]]; tau = 2
 *   Z(x) = x/tau, or (x - mean) / (std(ddof=1) + 1e-7) / tau
 *   KL = mean over rows of sum softmax(Z(t)) * (log_softmax(Z(t)) - log_softmax(Z(s)))
 * </pre>
 */
class DiagnosticsAccumulatorTest {

    private static final float[] STUDENT = {1, 2, 3, 0, 0, 1, 2, -1, 0.5f};
    private static final float[] TEACHER = {3, 1, 0, 0, 2, 1, 4, 0, 1};
    private static final double TAU = 2.0;

    @BeforeAll
    static void threads() {
        DjlTestThreads.oneThreadUnlessConfigured();
    }

    @Test
    void matchesNumpyOnHandMadeLogits() {
        try (NDManager manager = NDManager.newBaseManager()) {
            DiagnosticsAccumulator accumulator = new DiagnosticsAccumulator(TAU);
            add(accumulator, manager, 0, 3, true);

            LogitDiagnostics d = accumulator.result();

            assertThat(d.teacherAgreement()).isCloseTo(1.0 / 3, within(1e-12));
            assertThat(d.kl()).isCloseTo(0.22922035296436535, within(1e-6));
            assertThat(d.standardizedKl()).isCloseTo(0.17616088028931032, within(1e-6));
            assertThat(d.studentLogitMean()).isCloseTo(0.9444444444444445, within(1e-6));
            assertThat(d.studentLogitStd()).isCloseTo(1.0257834230632086, within(1e-6));
            assertThat(d.teacherLogitMean()).isCloseTo(1.3333333333333333, within(1e-6));
            assertThat(d.teacherLogitStd()).isCloseTo(1.5363970770393598, within(1e-6));
        }
    }

    @Test
    void batchingDoesNotChangeTheMeansOverSamples() {
        try (NDManager manager = NDManager.newBaseManager()) {
            DiagnosticsAccumulator whole = new DiagnosticsAccumulator(TAU);
            DiagnosticsAccumulator split = new DiagnosticsAccumulator(TAU);
            add(whole, manager, 0, 3, true);
            add(split, manager, 0, 2, true);
            add(split, manager, 2, 3, true);

            LogitDiagnostics a = whole.result();
            LogitDiagnostics b = split.result();

            assertThat(b.teacherAgreement()).isEqualTo(a.teacherAgreement());
            assertThat(b.kl()).isCloseTo(a.kl(), within(1e-6));
            assertThat(b.standardizedKl()).isCloseTo(a.standardizedKl(), within(1e-6));
            assertThat(b.studentLogitStd()).isCloseTo(a.studentLogitStd(), within(1e-12));
        }
    }

    @Test
    void withoutTeacherOnlyStudentStatisticsAreFilled() {
        try (NDManager manager = NDManager.newBaseManager()) {
            DiagnosticsAccumulator accumulator = new DiagnosticsAccumulator(TAU);
            add(accumulator, manager, 0, 3, false);

            LogitDiagnostics d = accumulator.result();

            assertThat(d.teacherAgreement()).isNull();
            assertThat(d.kl()).isNull();
            assertThat(d.standardizedKl()).isNull();
            assertThat(d.teacherLogitMean()).isNull();
            assertThat(d.teacherLogitStd()).isNull();
            assertThat(d.studentLogitMean()).isCloseTo(0.9444444444444445, within(1e-6));
            assertThat(d.studentLogitStd()).isCloseTo(1.0257834230632086, within(1e-6));
            assertThat(new DiagnosticsAccumulator(TAU).result()).isNull();
        }
    }

    @Test
    void argmaxTakesTheFirstOfTiedMaxima() {
        assertThat(DiagnosticsAccumulator.argmax(new float[] {9, 1, 5, 5, 0}, 1, 4))
                .isEqualTo(1);
        assertThat(DiagnosticsAccumulator.argmax(new float[] {2, 2, 2}, 0, 3)).isZero();
    }

    private static void add(
            DiagnosticsAccumulator accumulator, NDManager manager, int fromRow, int toRow, boolean withTeacher) {
        float[] student = Arrays.copyOfRange(STUDENT, fromRow * 3, toRow * 3);
        float[] teacher = Arrays.copyOfRange(TEACHER, fromRow * 3, toRow * 3);
        Shape shape = new Shape(toRow - fromRow, 3);
        NDArray s = manager.create(student, shape);
        NDArray t = withTeacher ? manager.create(teacher, shape) : null;
        accumulator.add(s, student, t, withTeacher ? teacher : null);
    }
}
