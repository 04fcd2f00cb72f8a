package dev.distillery.training;

import java.util.List;

/**
 * Everything a training run needs, fully resolved (no defaults left to fill in).
 *
 * @param teacherArchitecture null for methods without a teacher (ce)
 */
public record TrainingPlan(
        String method,
        String studentArchitecture,
        String teacherArchitecture,
        DatasetRef dataset,
        double temperature,
        boolean zscore,
        double ceWeight,
        double kdWeight,
        int epochs,
        int batchSize,
        String optimizer,
        double learningRate,
        double momentum,
        double weightDecay,
        List<Integer> lrDecayEpochs,
        double lrDecayRate,
        boolean augment,
        long seed) {
}
