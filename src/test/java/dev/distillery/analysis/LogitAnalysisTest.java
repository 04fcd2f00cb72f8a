package dev.distillery.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.distillery.shared.FieldViolation;
import dev.distillery.shared.InvalidRequestException;
import dev.distillery.training.DjlTestThreads;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against values computed independently in plain double-precision Python (math module only):
 * <pre>
 * def mean(r): return sum(r)/len(r)
 * def std(r): m=mean(r); return math.sqrt(sum((x-m)**2 for x in r)/(len(r)-1))
 * def Z(r,tau,z): return [x/tau for x in r] if not z else [(x-mean(r))/(std(r)+1e-7)/tau for x in r]
 * def lse(r): mx=max(r); return mx+math.log(sum(math.exp(x-mx) for x in r))
 * def logsoftmax(r): l=lse(r); return [x-l for x in r]
 * def klrow(t,s): return sum(math.exp(a)*(a-b) for a,b in zip(logsoftmax(t),logsoftmax(s)))
 * def report(T,S,tau):
 *     rows=[(klrow(Z(t,tau,False),Z(s,tau,False)), klrow(Z(t,tau,True),Z(s,tau,True))) for t,s in zip(T,S)]
 *     return mean([r[0] for r in rows]), mean([r[1] for r in rows]), rows
 * </pre>
 */
class LogitAnalysisTest {

    private static final double TOLERANCE = 1e-6;

    /** Row 2 of the teacher is constant; row 3 of both has logits of 1e4. */
    static final List<List<Double>> TEACHER = rows(
            new double[][] {{0.2, 3.0, -0.7, 1.1}, {1.0, -2.0, 0.5, 4.0}, {2.0, 2.0, 2.0, 2.0}, {-3.0, 1e4, 2.0, 0.0}});

    static final List<List<Double>> STUDENT = rows(
            new double[][] {{1.0, 2.0, 0.5, -1.0}, {0.3, -0.2, 0.8, 0.1}, {1.0, -1.0, 0.5, 0.0}, {1e4, 0.0, -1e4, 5.0}
            });

    private final LogitAnalysis analysis = new LogitAnalysis(new AnalysisProperties(10_000, 1_000));

    @BeforeAll
    static void threads() {
        DjlTestThreads.oneThreadUnlessConfigured();
    }

    @Test
    void matchesTheReferenceAtTemperatureOne() {
        KlDivergences result = analysis.klDivergence(TEACHER, STUDENT, null);

        assertThat(result.kl()).isCloseTo(2500.441957208844, within(TOLERANCE));
        assertThat(result.standardizedKl()).isCloseTo(0.5329975207327103, within(TOLERANCE));
        assertRows(result, new double[][] {
            {0.28457517916946606, 0.21557429008611736}, {1.2479807481533318, 0.7817180847391851},
            {0.23527290805390016, 0.31285253680322295}, {10000.0, 0.8218451713023159}
        });
    }

    @Test
    void matchesTheReferenceAtAnotherTemperature() {
        KlDivergences result = analysis.klDivergence(TEACHER, STUDENT, 2.5);

        assertThat(result.kl()).isCloseTo(1000.1243675609818, within(TOLERANCE));
        assertThat(result.standardizedKl()).isCloseTo(0.08995613844182837, within(TOLERANCE));
        assertRows(result, new double[][] {
            {0.10699719476929778, 0.056572508673315036}, {0.3489090817811616, 0.11391844923800126},
            {0.04156396737687024, 0.056422402290513096}, {4000.0, 0.13291119356548406}
        });
    }

    @Test
    void aStudentWithTheTeachersRelationsAtSmallerMagnitudeIsFarOnlyWithoutStandardization() {
        List<List<Double>> teacher = rows(new double[][] {{10.0, 5.0, 0.0, -5.0}, {0.0, 15.0, 5.0, 10.0}});
        List<List<Double>> student = rows(new double[][] {{2.0, 1.0, 0.0, -1.0}, {1.0, 4.0, 2.0, 3.0}});

        KlDivergences result = analysis.klDivergence(teacher, student, 1.0);

        assertThat(result.kl()).isCloseTo(0.4062943645261023, within(TOLERANCE));
        assertThat(result.standardizedKl()).isCloseTo(0.0, within(1e-12));
        for (KlDivergences.Row row : result.rows()) {
            assertThat(row.standardizedKl()).isGreaterThanOrEqualTo(0.0).isLessThan(1e-12);
        }
        // control: same magnitude, relations broken -> both are large
        KlDivergences broken =
                analysis.klDivergence(teacher, rows(new double[][] {{-1.0, 0.0, 1.0, 2.0}, {3.0, 1.0, 4.0, 2.0}}), 1.0);
        assertThat(broken.kl()).isCloseTo(3.392704676109541, within(TOLERANCE));
        assertThat(broken.standardizedKl()).isCloseTo(1.267154946181418, within(TOLERANCE));
    }

    @Test
    void identicalLogitsHaveZeroDivergence() {
        KlDivergences result = analysis.klDivergence(TEACHER, TEACHER, 1.0);

        assertThat(result.kl()).isZero();
        assertThat(result.standardizedKl()).isZero();
    }

    @Test
    void extremeButAcceptedValuesStayFinite() {
        List<List<Double>> teacher = rows(new double[][] {{1e100, -1e100, 0.0}, {-1e100, -1e100, -1e100}});
        List<List<Double>> student = rows(new double[][] {{-1e100, 1e100, 1e-300}, {1e100, 0.0, -1e100}});

        KlDivergences result = analysis.klDivergence(teacher, student, 1e-3);

        assertThat(result.kl()).isFinite();
        assertThat(result.standardizedKl()).isFinite();
    }

    @Test
    void reportsEveryBadFieldByItsJsonPath() {
        List<List<Double>> teacher = Arrays.asList(
                List.of(1.0, 2.0),
                List.of(1.0),
                null,
                Arrays.asList(1.0, null),
                List.of(Double.POSITIVE_INFINITY, 1.0),
                List.of(1e101, 0.0),
                List.of(1.0, 2.0, 3.0));

        assertThatThrownBy(() -> analysis.klDivergence(teacher, STUDENT, 0.0))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field)
                        .containsExactly(
                                "temperature",
                                "teacher[1]",
                                "teacher[2]",
                                "teacher[3][1]",
                                "teacher[4][0]",
                                "teacher[5][0]",
                                "teacher[6]"));
    }

    @Test
    void shapesMustMatch() {
        assertViolation(TEACHER, STUDENT.subList(0, 3), 1.0, "student");
        assertViolation(rows(new double[][] {{1, 2, 3}}), rows(new double[][] {{1, 2}}), 1.0, "student");
        assertViolation(null, STUDENT, 1.0, "teacher");
        assertViolation(List.of(), STUDENT, 1.0, "teacher");
        assertViolation(TEACHER, null, 1.0, "student");
        assertViolation(TEACHER, STUDENT, 100.5, "temperature");
        assertViolation(TEACHER, STUDENT, Double.NaN, "temperature");
        assertViolation(rows(new double[][] {{1e100, 0}}), rows(new double[][] {{0, 1}}), 1e-201, "temperature");
    }

    @Test
    void limitsRowsAndClassesAndTheNumberOfListedViolations() {
        LogitAnalysis small = new LogitAnalysis(new AnalysisProperties(2, 3));
        assertThatThrownBy(() -> small.klDivergence(TEACHER, STUDENT, 1.0))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field)
                        .containsExactly("teacher", "student"));
        assertThatThrownBy(() -> small.klDivergence(TEACHER.subList(0, 1), STUDENT.subList(0, 1), 1.0))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field)
                        .containsExactly("teacher[0]", "student[0]"));

        List<List<Double>> allBad = java.util.Collections.nCopies(100, List.of(Double.NaN, Double.NaN));
        assertThatThrownBy(() -> analysis.klDivergence(allBad, allBad, 1.0))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .hasSize(2 * LogitAnalysis.MAX_VIOLATIONS));
    }

    private void assertViolation(
            List<List<Double>> teacher, List<List<Double>> student, Double temperature, String field) {
        assertThatThrownBy(() -> analysis.klDivergence(teacher, student, temperature))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field)
                        .containsExactly(field));
    }

    private static void assertRows(KlDivergences result, double[][] expected) {
        assertThat(result.rows()).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(result.rows().get(i).kl()).as("rows[%d].kl", i).isCloseTo(expected[i][0], within(TOLERANCE));
            assertThat(result.rows().get(i).standardizedKl())
                    .as("rows[%d].standardizedKl", i)
                    .isCloseTo(expected[i][1], within(TOLERANCE));
        }
    }

    static List<List<Double>> rows(double[][] matrix) {
        return Arrays.stream(matrix)
                .map(row -> Arrays.stream(row).boxed().toList())
                .toList();
    }
}
