package dev.distillery.analysis.web;

import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * One request per rule of POST /api/v1/analysis/loss that must be a 400: the body, the field the answer must name
 * and, where it helps, words the reason must contain (null: any reason).
 */
final class InvalidLossRequests {

    static final String T = "\"teacher\": [[1, 2, 3], [3, 2, 1]]";
    static final String S = "\"student\": [[0, 1, 2], [2, 0, 1]]";
    static final String Y = "\"labels\": [0, 2]";
    static final String KD = "{\"method\": \"kd\", " + T + ", " + S + ", " + Y;
    static final String CE = "{\"method\": \"ce\", " + S + ", " + Y;
    static final String DKD = "{\"method\": \"dkd\", " + T + ", " + S + ", " + Y;
    static final String CTKD = "{\"method\": \"ctkd\", " + T + ", " + S + ", " + Y;
    static final String MLKD = "{\"method\": \"mlkd\", " + T + ", " + S + ", " + Y;
    static final String STRONG =
            ", \"teacherStrong\": [[1, 0, 3], [3, 2, 2]], " + "\"studentStrong\": [[0, 2, 2], [1, 0, 1]]";

    private InvalidLossRequests() {}

    static Stream<Arguments> cases() {
        return Stream.of(
                rule("{" + T + ", " + S + ", " + Y + "}", "method", "known: ce, ctkd, dkd, kd, mlkd"),
                rule("{\"method\": \"xkd\", " + T + ", " + S + ", " + Y + "}", "method", "known: ce, ctkd"),
                rule("{\"method\": \"kd\", " + T + ", " + Y + "}", "student", "required"),
                rule("{\"method\": \"kd\", " + S + ", " + Y + "}", "teacher", "required"),
                rule(CE + ", " + T + "}", "teacher", "'ce'"),
                rule(KD.replace("[3, 2, 1]", "[3, 2]") + "}", "teacher[1]", "same length"),
                rule(KD.replace("[3, 2, 1]]", "[3, 2, 1], [0, 0, 0]]") + "}", "teacher", "2×3"),
                rule(KD.replace("[[1, 2, 3]", "[[1, 2]").replace("[3, 2, 1]", "[3, 2]") + "}", "teacher", "2×3"),
                rule(KD.replace("[[1, 2, 3]", "[[1, null, 3]") + "}", "teacher[0][1]", "required"),
                rule(KD.replace("[[1, 2, 3]", "[[1, 1e400, 3]") + "}", "teacher[0][1]", "finite"),
                rule(KD.replace("[2, 0, 1]", "[-1e400, 0, 1]") + "}", "student[1][0]", "finite"),
                rule(KD.replace("[2, 0, 1]", "[2, 1e101, 1]") + "}", "student[1][1]", "1e100"),
                rule(KD.replace("[2, 0, 1]", "[2, \"NaN\", 1]") + "}", "student[1][1]", null),
                rule(KD.replace("[2, 0, 1]", "[2]") + "}", "student[1]", "between 2 and"),
                rule("{\"method\": \"kd\", " + T + ", " + S + "}", "labels", "required"),
                rule(KD.replace("[0, 2]", "[0]") + "}", "labels", "1 entries but student has 2 rows"),
                rule(KD.replace("[0, 2]", "[0, 3]") + "}", "labels[1]", "from 0 to 2"),
                rule(KD.replace("[0, 2]", "[-1, 0]") + "}", "labels[0]", "from 0 to 2"),
                rule(KD.replace("[0, 2]", "[0, null]") + "}", "labels[1]", "class index"),
                rule(KD.replace("[0, 2]", "[1.5, 0]") + "}", "labels[0]", "integer"),
                rule(KD + ", \"temperature\": 0}", "temperature", "greater than 0"),
                rule(KD + ", \"temperature\": 100.5}", "temperature", "at most 100"),
                rule(KD + ", \"temperature\": 1e400}", "temperature", "at most 100"),
                rule(KD.replace("[2, 0, 1]", "[2, 1e100, 1]") + ", \"temperature\": 1e-250}", "temperature", "small"),
                rule(CTKD + ", \"temperature\": 4}", "temperature", "not read by method 'ctkd'"),
                rule(CE + ", \"temperature\": 4}", "temperature", "not read by method 'ce'"),
                rule(CE + ", \"zscore\": true}", "zscore", "not read by method 'ce'"),
                rule(CE + ", \"lossWeights\": {\"ce\": 1}}", "lossWeights.ce", "not read by method 'ce'"),
                rule(DKD + ", \"lossWeights\": {\"kd\": 1}}", "lossWeights.kd", "not read by method 'dkd'"),
                rule(KD + ", \"lossWeights\": {\"kd\": -1}}", "lossWeights.kd", "between 0 and 1000"),
                rule(KD + ", \"lossWeights\": {\"ce\": 1000.5}}", "lossWeights.ce", "between 0 and 1000"),
                rule(KD + ", \"methodParams\": {\"alpha\": 1}}", "methodParams.alpha", "has none"),
                rule(DKD + ", \"methodParams\": {\"gamma\": 1}}", "methodParams.gamma", "alpha, beta, warmupEpochs"),
                rule(DKD + ", \"methodParams\": {\"tStart\": 1}}", "methodParams.tStart", "method 'dkd'"),
                rule(DKD + ", \"methodParams\": {\"beta\": -1}}", "methodParams.beta", "between 0 and 1000"),
                rule(DKD + ", \"methodParams\": {\"warmupEpochs\": 1.5}}", "methodParams.warmupEpochs", "whole"),
                rule(DKD + ", \"methodParams\": {\"alpha\": null}}", "methodParams.alpha", "number"),
                rule(CTKD + ", \"methodParams\": {\"decayLoops\": 0}}", "methodParams.decayLoops", "between 1"),
                rule(KD + ", \"methodState\": {\"T\": 1}}", "methodState", "learns no parameters"),
                rule(CTKD + ", \"methodState\": {\"tau\": 1}}", "methodState.tau", "it has: T"),
                rule(CTKD + ", \"methodState\": {\"T\": 1e400}}", "methodState.T", "finite"),
                rule(CTKD + ", \"methodState\": {\"T\": null}}", "methodState.T", "finite"),
                rule(
                        CTKD + ", \"methodParams\": {\"tStart\": 0, \"tEnd\": 0}}",
                        "methodParams",
                        "learned temperature τ = 0.0"),
                rule(
                        CTKD + ", \"methodParams\": {\"tStart\": 0}, \"methodState\": {\"T\": -1e4}}",
                        "methodState",
                        "learned temperature τ = 0.0"),
                rule(KD + STRONG + "}", "teacherStrong", "weak and a strong view"),
                rule(KD + STRONG + "}", "studentStrong", "weak and a strong view"),
                rule(MLKD + "}", "teacherStrong", "required"),
                rule(MLKD + "}", "studentStrong", "required"),
                rule(MLKD + STRONG.replace("[1, 0, 1]]", "[1, 0, 1], [1, 1, 1]]") + "}", "studentStrong", "3×3"),
                rule(KD + ", \"epoch\": 0}", "epoch", "at least 1"),
                rule(KD + ", \"epoch\": 1.5}", "epoch", "integer"),
                rule(KD + ", \"tau\": 2}", "tau", "unknown field"),
                rule(KD + ", \"lossWeights\": {\"ce\": \"x\"}}", "lossWeights.ce", null),
                rule(KD + ", \"methodParams\": [1]}", "methodParams", null));
    }

    private static Arguments rule(String body, String field, String reason) {
        return Arguments.of(body, field, reason);
    }
}
