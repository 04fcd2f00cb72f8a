package dev.distillery.training.engine;

import ai.djl.Device;
import dev.distillery.methods.DistillationMethod;
import dev.distillery.methods.LossSettings;
import dev.distillery.methods.MethodRun;
import dev.distillery.methods.RunContext;
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
        Architecture teacherArchitecture, // null without a teacher or for a TorchScript one
        DistillationMethod method,
        DistillationMethod teacherMethod,
        TrainingRun.Options options,
        Normalization normalization,
        int k) {

    private static final long AUGMENTATION_SEED_MIX = 0x9E3779B97F4A7C15L;
    private static final long STRONG_VIEW_SEED_MIX = 0xC2B2AE3D27D4EB4FL;

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

    /**
     * {@code phase} ready to train {@code network}: the plan's schedule, the objective started for this run (its
     * learnable parameters in the network's manager) and an optimizer over the network and those parameters.
     *
     * @param teacher the frozen teacher, or null (none, or not known yet: {@link PhaseTraining#withTeacher})
     */
    static PhaseTraining training(Phase phase, Network network, Network teacher) {
        TrainingPlan plan = phase.plan();
        MultiStepSchedule schedule = EpochTrainer.schedule(plan);
        MethodRun run = phase.objective().start(new RunContext(network.manager(), phase.settings()));
        TrainingOptimizer optimizer = Optimizers.create(
                plan.optimizer(), schedule, plan.momentum(), plan.weightDecay(), network, run.parameters());
        return new PhaseTraining(phase, network, schedule, optimizer, teacher, run);
    }

    /** The loss settings a plan asks for. */
    static LossSettings settings(TrainingPlan plan) {
        return new LossSettings(
                plan.temperature(), plan.zscore(), plan.ceWeight(), plan.kdWeight(), plan.methodParams());
    }

    /** The strong views of a two-view method's training images, drawn from the phase plan's seed. */
    static StrongViews strongViews(InputShape shape, TrainingPlan phasePlan) {
        return StrongViews.forShape(shape, phasePlan.seed() ^ STRONG_VIEW_SEED_MIX);
    }

    /** The augmentation of a phase's plan, or null without one. */
    Augmentation augmentation(TrainingPlan phasePlan) {
        InputShape shape = data.train().shape();
        return phasePlan.augment() ? Augmentation.forShape(shape, phasePlan.seed() ^ AUGMENTATION_SEED_MIX) : null;
    }
}
