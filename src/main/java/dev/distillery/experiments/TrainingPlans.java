package dev.distillery.experiments;

import dev.distillery.training.DatasetRef;
import dev.distillery.training.TrainingPlan;

/** Turns a resolved spec into the trainer's plan. */
final class TrainingPlans {

    private TrainingPlans() {
    }

    static TrainingPlan of(ExperimentSpec spec) {
        TrainingSpec t = spec.training();
        var d = spec.dataset();
        String teacher = spec.teacher() == null ? null : spec.teacher().architecture();
        return new TrainingPlan(spec.method(), spec.student().architecture(), teacher,
                new DatasetRef(d.name(), d.path(), d.trainLimit(), d.testLimit()),
                spec.temperature(), spec.zscore(), spec.lossWeights().ce(), spec.lossWeights().kd(),
                t.epochs(), t.batchSize(), t.optimizer(), t.learningRate(), t.momentum(), t.weightDecay(),
                t.lrDecayEpochs(), t.lrDecayRate(), t.augment(), spec.seed());
    }
}
