package dev.distillery.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.distillery.methods.MethodRegistry;
import dev.distillery.methods.ReferenceCases;
import dev.distillery.shared.FieldViolation;
import dev.distillery.shared.InvalidRequestException;
import dev.distillery.training.DjlTestThreads;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The service without HTTP: which violations a query collects and in what order, the configured limits, and that
 * the most extreme accepted inputs give finite terms. Values are checked over HTTP in {@code LossApiTest}.
 */
class LossAnalysisTest {

    private static final List<List<Double>> TEACHER = LogitAnalysisTest.rows(new double[][] {{1, 2, 3}, {3, 2, 1}});
    private static final List<List<Double>> STUDENT = LogitAnalysisTest.rows(new double[][] {{0, 1, 2}, {2, 0, 1}});
    private static final List<Long> LABELS = List.of(0L, 2L);

    private final LossAnalysis analysis = new LossAnalysis(new MethodRegistry(), new AnalysisProperties(10_000, 1_000));

    @BeforeAll
    static void threads() {
        DjlTestThreads.oneThreadUnlessConfigured();
    }

    @Test
    void ctkdSetsItsLearnedTemperatureFromTheState() {
        JsonNode testCase = ReferenceCases.load("ctkd").get(7);
        Map<String, Double> params = new java.util.HashMap<>();
        testCase.get("params")
                .properties()
                .forEach(e -> params.put(e.getKey(), e.getValue().asDouble()));

        LossReport report = analysis.loss(new LossQuery(
                "ctkd",
                null,
                testCase.get("zscore").asBoolean(),
                testCase.get("ceWeight").asDouble(),
                testCase.get("kdWeight").asDouble(),
                params,
                Map.of("T", testCase.get("T").asDouble()),
                testCase.get("epoch").asInt(),
                LogitAnalysisTest.rows(ReferenceCases.matrix(testCase.get("teacher"))),
                LogitAnalysisTest.rows(ReferenceCases.matrix(testCase.get("student"))),
                null,
                null,
                labels(testCase.get("labels"))));

        JsonNode expected = testCase.get("expected");
        ReferenceCases.assertClose(
                "τ", report.temperature(), expected.get("tau").asDouble());
        ReferenceCases.assertClose("λ", report.lambda(), expected.get("lambda").asDouble());
        ReferenceCases.assertClose(
                "kd", report.terms().get("kd"), expected.get("kd").asDouble());
        ReferenceCases.assertClose(
                "total", report.total(), expected.get("total").asDouble());
    }

    @Test
    void collectsEveryViolationInFieldOrder() {
        LossQuery query = new LossQuery(
                "ce",
                2.0,
                true,
                1.0,
                -1.0,
                Map.of("alpha", 1.0),
                Map.of("T", 1.0),
                0,
                TEACHER,
                STUDENT,
                TEACHER,
                null,
                List.of(0L, 3L));

        assertViolations(
                query,
                "temperature",
                "zscore",
                "lossWeights.ce",
                "lossWeights.kd",
                "lossWeights.kd",
                "methodParams.alpha",
                "epoch",
                "methodState",
                "teacher",
                "teacherStrong",
                "labels[1]");
    }

    @Test
    void anUnknownMethodStillGetsItsLogitsChecked() {
        assertViolations(
                new LossQuery("xkd", null, null, null, null, null, null, null, null, STUDENT, null, null, List.of(0L)),
                "method",
                "labels");
    }

    @Test
    void limitsRowsClassesAndMlkdsRowsByTheConfiguredClasses() {
        LossAnalysis small = new LossAnalysis(new MethodRegistry(), new AnalysisProperties(3, 2));
        List<List<Double>> twoByThree = STUDENT;
        assertViolations(
                small,
                query("kd", twoByThree, twoByThree, null, LABELS),
                "student[0]",
                "student[1]",
                "teacher[0]",
                "teacher[1]");
        List<List<Double>> fourRows = Collections.nCopies(4, List.of(0.0, 1.0));
        assertViolations(small, query("ce", null, fourRows, null, List.of(0L, 0L, 0L, 0L)), "student");
        List<List<Double>> threeRows = Collections.nCopies(3, List.of(0.0, 1.0));
        assertViolations(small, query("mlkd", threeRows, threeRows, threeRows, List.of(0L, 0L, 0L)), "student");
    }

    @Test
    void theMostExtremeAcceptedInputsGiveFiniteTerms() {
        List<List<Double>> teacher =
                LogitAnalysisTest.rows(new double[][] {{1e100, -1e100, 0}, {-1e100, -1e100, -1e100}});
        List<List<Double>> student =
                LogitAnalysisTest.rows(new double[][] {{-1e100, 1e100, 1e-300}, {1e100, 0, -1e100}});
        List<Long> labels = List.of(1L, 2L);
        for (boolean zscore : new boolean[] {false, true}) {
            List<LossReport> reports = List.of(
                    analysis.loss(query("ce", null, student, null, labels)),
                    analysis.loss(settings("kd", 1e-199, zscore, 1000.0, 1000.0, null, teacher, student, labels)),
                    analysis.loss(settings(
                            "dkd", 1e-199, zscore, 1000.0, null, Map.of("alpha", 1000.0), teacher, student, labels)),
                    analysis.loss(settings(
                            "ctkd",
                            null,
                            zscore,
                            1000.0,
                            1000.0,
                            Map.of("tStart", 1e-199, "tEnd", 0.0),
                            teacher,
                            student,
                            labels)),
                    analysis.loss(new LossQuery(
                            "mlkd", 1e-199, zscore, 1000.0, 1000.0, null, null, null, teacher, student, student,
                            teacher, labels)));
            for (LossReport report : reports) {
                assertThat(report.total())
                        .as("%s zscore %s", report.method(), zscore)
                        .isFinite();
                assertThat(report.terms().values()).as(report.method()).allMatch(Double::isFinite);
            }
        }
    }

    @Test
    void aLearnedTemperatureOfZeroIsRefused() {
        assertViolations(
                settings("ctkd", null, null, null, null, Map.of("tStart", 0.0, "tEnd", 0.0), TEACHER, STUDENT, LABELS),
                "methodParams");
    }

    private static LossQuery query(
            String method,
            List<List<Double>> teacher,
            List<List<Double>> student,
            List<List<Double>> strong,
            List<Long> labels) {
        return new LossQuery(
                method, null, null, null, null, null, null, null, teacher, student, strong, strong, labels);
    }

    private static LossQuery settings(
            String method,
            Double temperature,
            Boolean zscore,
            Double ce,
            Double kd,
            Map<String, Double> params,
            List<List<Double>> teacher,
            List<List<Double>> student,
            List<Long> labels) {
        return new LossQuery(
                method, temperature, zscore, ce, kd, params, null, null, teacher, student, null, null, labels);
    }

    private void assertViolations(LossQuery query, String... fields) {
        assertViolations(analysis, query, fields);
    }

    private static void assertViolations(LossAnalysis analysis, LossQuery query, String... fields) {
        assertThatThrownBy(() -> analysis.loss(query))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field)
                        .containsExactly(fields));
    }

    private static List<Long> labels(JsonNode labels) {
        List<Long> values = new java.util.ArrayList<>();
        labels.forEach(label -> values.add(label.asLong()));
        return values;
    }
}
