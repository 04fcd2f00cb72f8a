package dev.distillery.analysis.web;

/** Request examples of {@code POST /api/v1/analysis/loss} shown in Swagger UI, one per method. */
final class LossExamples {

    /** Large logits stay finite: CE 5000.2038. */
    static final String CE =
            """
            {"method": "ce", "student": [[1, 2, 3], [1e4, 0, -1e4]], "labels": [2, 1]}""";

    static final String KD =
            """
            {"method": "kd", "temperature": 2, "zscore": true, "lossWeights": {"ce": 0.1, "kd": 9},
             "teacher": [[0.2, 3.0, -0.7, 1.1], [1.0, -2.0, 0.5, 4.0]],
             "student": [[1.0, 2.0, 0.5, -1.0], [0.3, -0.2, 0.8, 0.1]],
             "labels": [1, 3]}""";

    static final String DKD =
            """
            {"method": "dkd", "temperature": 4, "zscore": true, "lossWeights": {"ce": 1},
             "methodParams": {"alpha": 1, "beta": 8, "warmupEpochs": 20}, "epoch": 5,
             "teacher": [[0.2, 3.0, -0.7, 1.1], [1.0, -2.0, 0.5, 4.0]],
             "student": [[1.0, 2.0, 0.5, -1.0], [0.3, -0.2, 0.8, 0.1]],
             "labels": [1, 3]}""";

    /** The reference run script's settings at epoch 5 (λ = −0.5) with T = −0.5: τ = 1 + 20·σ(−0.5) = 8.5508. */
    static final String CTKD =
            """
            {"method": "ctkd", "zscore": true, "lossWeights": {"ce": 0.1, "kd": 9},
             "methodParams": {"tStart": 1, "tEnd": 20, "decayMax": 0, "decayMin": -1, "decayLoops": 10},
             "methodState": {"T": -0.5}, "epoch": 5,
             "teacher": [[-2.275, -0.253, -4.253, -0.389, -0.047], [1.25, 1.25, 1.25, 1.25, 1.25],
                         [1.642, 1.967, -4.281, -1.936, 1.966], [1.48, 0.538, -1.046, 0.326, 5.624]],
             "student": [[1.296, 0.939, -1.286, -2.357, -0.289], [2.407, 2.667, 1.817, 0.693, 3.2],
                         [2.466, -0.441, -2.124, -0.729, -0.84], [1.375, -3.798, -0.383, 3.342, -1.841]],
             "labels": [0, 3, 4, 1]}""";

    /** The LS repository's own mlkd configuration: τ 2 with standardization, λ_CE 0.1, λ_KD 9. */
    static final String MLKD =
            """
            {"method": "mlkd", "temperature": 2, "zscore": true, "lossWeights": {"ce": 0.1, "kd": 9},
             "teacher": [[0.004, 0.896, -0.822, -2.672, -1.364], [-2.975, 0.18, 4.021, -1.477, -1.861],
                         [1.47, 1.071, 0.316, -2.791, -0.088], [2.086, -4.033, -1.373, -5.704, -3.869]],
             "student": [[-3.683, -0.47, -2.535, 0.543, 0.314], [-0.374, -5.034, -1.077, -0.097, 0.227],
                         [-3.06, -0.956, -1.957, -1.618, 2.122], [-1.615, -0.065, 1.769, -1.167, -0.223]],
             "teacherStrong": [[0.106, 0.664, -0.758, -3.266, -1.654], [-3.073, 0.629, 4.594, -2.139, -2.258],
                               [1.793, 0.075, 0.084, -2.84, 0.541], [2.431, -4.197, -1.557, -5.829, -3.107]],
             "studentStrong": [[0.221, 0.128, -2.45, 0.152, 2.718], [-3.094, 1.719, 0.239, -1.283, 4.001],
                               [1.525, -2.399, 0.149, 1.153, -0.378], [1.366, -0.133, 1.334, 2.877, -1.351]],
             "labels": [1, 0, 4, 2]}""";

    private LossExamples() {}
}
