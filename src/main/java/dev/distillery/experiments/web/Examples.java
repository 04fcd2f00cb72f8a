package dev.distillery.experiments.web;

/** Request examples shown in Swagger UI. */
final class Examples {

    static final String CE_SYNTHETIC =
            """
            {"name": "lenet5 baseline", "method": "ce",
             "student": {"architecture": "lenet5"},
             "dataset": {"name": "synthetic"},
             "training": {"epochs": 5, "batchSize": 64, "learningRate": 0.01},
             "seed": 1, "tags": {"project": "demo"}}""";

    static final String KD_ZSCORE =
            """
            {"name": "kd with logit standardization", "method": "kd",
             "teacher": {"architecture": "lenet5"}, "student": {"architecture": "mlp"},
             "dataset": {"name": "fashion-mnist", "trainLimit": 5000},
             "zscore": true, "training": {"epochs": 2, "learningRate": 0.01}, "seed": 7}""";

    static final String CTKD =
            """
            {"name": "ctkd with logit standardization", "method": "ctkd",
             "teacher": {"architecture": "lenet5"}, "student": {"architecture": "mlp"},
             "dataset": {"name": "fashion-mnist", "trainLimit": 5000},
             "zscore": true, "methodParams": {"tEnd": 20, "decayLoops": 10},
             "training": {"epochs": 2, "learningRate": 0.01}, "seed": 7}""";

    static final String MLKD =
            """
            {"name": "mlkd with logit standardization", "method": "mlkd",
             "teacher": {"architecture": "lenet5"}, "student": {"architecture": "mlp"},
             "dataset": {"name": "fashion-mnist", "trainLimit": 5000},
             "zscore": true, "training": {"epochs": 2, "learningRate": 0.01}, "seed": 7}""";

    private Examples() {}
}
