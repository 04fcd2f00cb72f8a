package dev.distillery.training;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything a training run needs, fully resolved (no defaults left to fill in).
 *
 * @param teacherArchitecture null for methods without a teacher (ce), {@link ModelInterop#TORCHSCRIPT} for a frozen
 *     TorchScript module (then {@code teacherParameters} is the module file)
 * @param methodParams the method's own parameters (e.g. dkd's alpha, beta, warmupEpochs), all present
 * @param teacherParameters a trained teacher's parameters to load; null to train the teacher first
 * @param teacherPlan how to train the teacher first (a {@code ce} plan); null = the student's settings
 * @param resumeState a training state written after a student epoch of an earlier attempt of this same
 *     plan; the run continues with the next epoch (no teacher phase), exactly as if never interrupted.
 *     Null = start from scratch
 * @param maxMinutes wall-time limit of the whole run, null = none; exceeding it fails the run
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
        long seed,
        Map<String, Double> methodParams,
        Path teacherParameters,
        TrainingPlan teacherPlan,
        Path resumeState,
        Integer maxMinutes) {

    public TrainingPlan {
        methodParams = methodParams == null ? Map.of() : Map.copyOf(methodParams);
    }

    /** A plan without method parameters whose teacher (if any) is trained first with the student's settings. */
    public TrainingPlan(
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
        this(
                method,
                studentArchitecture,
                teacherArchitecture,
                dataset,
                temperature,
                zscore,
                ceWeight,
                kdWeight,
                epochs,
                batchSize,
                optimizer,
                learningRate,
                momentum,
                weightDecay,
                lrDecayEpochs,
                lrDecayRate,
                augment,
                seed,
                Map.of(),
                null,
                null,
                null,
                null);
    }

    /** Whether the teacher is a TorchScript module: a black box loaded from its file, with no architecture here. */
    public boolean teacherIsTorchScript() {
        return ModelInterop.TORCHSCRIPT.equals(teacherArchitecture);
    }
}
