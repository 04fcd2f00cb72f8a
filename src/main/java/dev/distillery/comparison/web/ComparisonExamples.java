package dev.distillery.comparison.web;

/** Request examples shown in Swagger UI. */
final class ComparisonExamples {

    static final String TABLE4_SWEEP =
            """
            {"spec": {"name": "table 4", "method": "kd", "teacher": {"architecture": "lenet5"},
                      "student": {"architecture": "mlp"},
                      "dataset": {"name": "synthetic", "trainLimit": 2000, "testLimit": 500},
                      "training": {"epochs": 5}, "seed": 1},
             "grid": {"lossWeights.kd": [0.9, 3, 6, 9, 12, 18], "zscore": [false, true]},
             "repeats": 3}""";

    static final String SMALL_SWEEP =
            """
            {"spec": {"method": "kd", "teacher": {"architecture": "lenet5"}, "student": {"architecture": "mlp"},
                      "dataset": {"name": "synthetic", "trainLimit": 1000, "testLimit": 200},
                      "training": {"epochs": 2}},
             "grid": {"temperature": [2, 3], "lossWeights.kd": [3, 9], "zscore": [false, true]}}""";

    static final String IDS = "3f0c4d0e-0d1a-4d55-9d43-1b7d3c2a9e01,7b9e2a44-5c0f-4a8e-b1a2-9f3c6d7e8a02";

    private ComparisonExamples() {}
}
