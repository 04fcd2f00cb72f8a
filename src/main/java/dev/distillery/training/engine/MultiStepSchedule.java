package dev.distillery.training.engine;

import ai.djl.training.tracker.Tracker;
import java.util.List;

/**
 * mdistiller's step schedule: in epoch e (from 1) the learning rate is
 * {@code base * rate^(number of milestones m with e > m)}. The optimizer asks per update; the trainer moves the
 * epoch forward with {@link #startEpoch}.
 */
final class MultiStepSchedule implements Tracker {

    private final double base;
    private final List<Integer> milestones;
    private final double rate;
    private volatile int epoch = 1;

    MultiStepSchedule(double base, List<Integer> milestones, double rate) {
        this.base = base;
        this.milestones = milestones == null ? List.of() : List.copyOf(milestones);
        this.rate = rate;
    }

    double learningRate(int epoch) {
        long passed = milestones.stream().filter(milestone -> epoch > milestone).count();
        return base * Math.pow(rate, passed);
    }

    void startEpoch(int epoch) {
        this.epoch = epoch;
    }

    @Override
    public float getNewValue(int numUpdate) {
        return (float) learningRate(epoch);
    }
}
