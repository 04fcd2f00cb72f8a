package dev.distillery.training.engine;

import ai.djl.Device;
import dev.distillery.methods.DistillationMethod;
import dev.distillery.methods.LossSettings;
import dev.distillery.training.Architecture;
import dev.distillery.training.InputShape;
import dev.distillery.training.TrainingException;
import dev.distillery.training.TrainingPlan;
import dev.distillery.training.data.ImageData;

/**
 * What every phase of one {@link TrainingRun} shares: the device, the plan, the data, the architectures and
 * objectives, the engine options, the data's normalization and the top-k of the scores.
 */
record RunSetup(
        Device device,
        TrainingPlan plan,
        ImageData data,
        ImageData teacherData,
        Architecture studentArchitecture,
        Architecture teacherArchitecture,
        DistillationMethod method,
        DistillationMethod teacherMethod,
        TrainingRun.Options options,
        Normalization normalization,
        int k) {

    private static final long AUGMENTATION_SEED_MIX = 0x9E3779B97F4A7C15L;

    /** A fresh network of {@code architecture} for this run's data; the same seed gives the same weights. */
    Network network(Architecture architecture, long seed) {
        try {
            return Network.create(architecture, data.train().shape(), data.classes(), device, seed);
        } catch (RuntimeException e) {
            throw new TrainingException(
                    "could not build " + architecture.name() + " for "
                            + data.train().shape() + " inputs and " + data.classes() + " classes on " + device + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /** An optimizer of {@code plan}'s kind for {@code network}, following {@code schedule}. */
    static TrainingOptimizer optimizer(TrainingPlan plan, MultiStepSchedule schedule, Network network) {
        return Optimizers.create(plan.optimizer(), schedule, plan.momentum(), plan.weightDecay(), network);
    }

    /** The loss settings a plan asks for. */
    static LossSettings settings(TrainingPlan plan) {
        return new LossSettings(
                plan.temperature(), plan.zscore(), plan.ceWeight(), plan.kdWeight(), plan.methodParams());
    }

    /** The augmentation of a phase's plan, or null without one. */
    Augmentation augmentation(TrainingPlan phasePlan) {
        InputShape shape = data.train().shape();
        return phasePlan.augment() ? Augmentation.forShape(shape, phasePlan.seed() ^ AUGMENTATION_SEED_MIX) : null;
    }
}
