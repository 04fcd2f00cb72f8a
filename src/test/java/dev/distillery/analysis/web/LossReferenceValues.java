package dev.distillery.analysis.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Requests for ce, kd and dkd with expected terms copied from the independent plain-Python (math module) references
 * of {@code dev.distillery.methods.MethodMathTest} (ce, kd) and {@code DecoupledKnowledgeDistillationTest} (dkd);
 * their Javadoc holds the Python. Each argument set is a name, a request body and the expected values by term name
 * in the method's order, {@code total} last.
 */
final class LossReferenceValues {

    /** Row 1 of the student is constant; row 2 of both has logits of 1e4 (both tests' STUDENT, TEACHER, LABELS). */
    static final String STUDENT = "[[1.0, 2.0, 0.5, -1.0], [2.0, 2.0, 2.0, 2.0], [1e4, 0.0, -1e4, 5.0]]";

    static final String TEACHER = "[[0.2, 3.0, -0.7, 1.1], [1.0, -2.0, 0.5, 4.0], [-3.0, 1e4, 2.0, 0.0]]";
    static final String LABELS = "[1, 3, 0]";

    /** The two-row inputs of both tests' gradient checks, with labels [1, 3]. */
    static final String STUDENT_2 = "[[1.0, 2.0, 0.5, -1.0], [0.3, -0.2, 0.8, 0.1]]";

    static final String TEACHER_2 = "[[0.2, 3.0, -0.7, 1.1], [1.0, -2.0, 0.5, 4.0]]";

    /** MethodMathTest: CE of STUDENT on LABELS (times λ_CE = 0.1 there; DecoupledKnowledgeDistillationTest's CE). */
    static final double CE = 0.6271587530685823;

    private LossReferenceValues() {}

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        cases.add(of(
                "ce of huge logits",
                "{\"method\": \"ce\", \"student\": [[1, 2, 3], [1e4, 0, -1e4]], \"labels\": [2, 1]}",
                "ce",
                5000.203802982222));
        cases.add(of("ce", body("ce", "", false, "[1, 3, 0]"), "ce", CE));
        kd(cases);
        dkd(cases);
        return cases.stream();
    }

    /** MethodMathTest: λ_CE 0.1, λ_KD 9. */
    private static void kd(List<Arguments> cases) {
        String weights = ", \"lossWeights\": {\"ce\": 0.1, \"kd\": 9}";
        double[][] expected = {
            {2, 1, 4.63942086890584}, {4, 1, 4.717073526565366}, {2, 0, 60007.46059807933}, {4, 0, 120009.00925875054}
        };
        for (double[] row : expected) {
            String settings = ", \"temperature\": " + row[0] + ", \"zscore\": " + (row[1] == 1) + weights;
            cases.add(of(
                    "kd τ " + row[0] + " zscore " + (row[1] == 1),
                    body("kd", settings, true, LABELS),
                    "ce",
                    0.1 * CE,
                    "kd",
                    row[2]));
        }
        cases.add(of(
                "kd defaults with zscore (τ 2, λ_CE 0.1, λ_KD 9)",
                body("kd", ", \"zscore\": true", true, LABELS),
                "ce",
                0.1 * CE,
                "kd",
                4.63942086890584));
        for (boolean zscore : new boolean[] {true, false}) {
            cases.add(of(
                    "kd two rows zscore " + zscore,
                    "{\"method\": \"kd\", \"temperature\": 2, \"zscore\": " + zscore + weights + ", \"teacher\": "
                            + TEACHER_2 + ", \"student\": " + STUDENT_2 + ", \"labels\": [1, 3]}",
                    null,
                    zscore ? 4.8901141696067665 : 12.008333813536142));
        }
    }

    /** DecoupledKnowledgeDistillationTest: its defaults are λ_CE 1, α 1, β 8, 20 warm-up epochs. */
    private static void dkd(List<Arguments> cases) {
        double[][] expected = {
            {4, 0, 5, 3331.4949955451525, 16001.202607666617, 19333.32476196484},
            {2, 0, 5, 1665.9603497555456, 10667.756057604118, 12334.343566112731},
            {4, 0, 20, 13325.97998218061, 64004.81043066647, 77331.41757160015},
            {4, 0, 30, 13325.97998218061, 64004.81043066647, 77331.41757160015},
            {2, 0, 30, 6663.8413990221825, 42671.02423041647, 49335.492788191725},
            {4, 1, 5, 0.06938554936968523, 0.7021018109393172, 1.3986461133775847},
            {2, 1, 5, 0.07270015633940889, 0.6905886348373182, 1.3904475442453093},
            {4, 1, 20, 0.2775421974787409, 2.808407243757269, 3.713108194304592},
            {4, 1, 30, 0.2775421974787409, 2.808407243757269, 3.713108194304592},
            {2, 1, 30, 0.29080062535763557, 2.762354539349273, 3.680313917775491}
        };
        for (double[] row : expected) {
            String settings =
                    ", \"temperature\": " + row[0] + ", \"zscore\": " + (row[1] == 1) + ", \"epoch\": " + (int) row[2];
            cases.add(of(
                    "dkd τ " + row[0] + " zscore " + (row[1] == 1) + " epoch " + (int) row[2],
                    body("dkd", settings, true, LABELS),
                    "ce",
                    CE,
                    "tckd",
                    row[3],
                    "nckd",
                    row[4],
                    "total",
                    row[5]));
        }
        String params = ", \"temperature\": 2, \"lossWeights\": {\"ce\": 0.3}, \"methodParams\": {\"alpha\": 2, "
                + "\"beta\": 0.5, \"warmupEpochs\": 0}, \"zscore\": ";
        cases.add(of(
                "dkd own parameters, zscore",
                body("dkd", params + "true", true, LABELS),
                "ce",
                0.18814762592057468,
                "tckd",
                0.5816012507152711,
                "nckd",
                0.17264715870932956,
                "total",
                0.9423960353451754));
        cases.add(of(
                "dkd own parameters, plain",
                body("dkd", params + "false", true, LABELS),
                "ce",
                0.18814762592057468,
                "tckd",
                13327.682798044365,
                "nckd",
                2666.9390144010295,
                "total",
                15994.809960071314));
        for (boolean zscore : new boolean[] {true, false}) {
            cases.add(of(
                    "dkd two rows at epoch 5 zscore " + zscore,
                    "{\"method\": \"dkd\", \"temperature\": 4, \"zscore\": " + zscore + ", \"epoch\": 5, "
                            + "\"teacher\": " + TEACHER_2 + ", \"student\": " + STUDENT_2 + ", \"labels\": [1, 3]}",
                    null,
                    zscore ? 1.9082036987925246 : 2.8602939367093265));
        }
    }

    private static String body(String method, String settings, boolean teacher, String labels) {
        return "{\"method\": \"" + method + "\"" + settings + (teacher ? ", \"teacher\": " + TEACHER : "")
                + ", \"student\": " + STUDENT + ", \"labels\": " + labels + "}";
    }

    /**
     * Expected values as (term, value) pairs; without {@code total} it is their sum. A null first term means only
     * the total (the second value) is known.
     */
    private static Arguments of(String name, String body, Object... pairs) {
        Map<String, Double> expected = new LinkedHashMap<>();
        if (pairs[0] == null) {
            return Arguments.of(name, body, null, Map.of("total", (Double) pairs[1]));
        }
        double sum = 0;
        for (int i = 0; i < pairs.length; i += 2) {
            expected.put((String) pairs[i], (Double) pairs[i + 1]);
            sum += pairs[i].equals("total") ? 0 : (Double) pairs[i + 1];
        }
        expected.putIfAbsent("total", sum);
        return Arguments.of(name, body, List.copyOf(expected.keySet()), expected);
    }
}
