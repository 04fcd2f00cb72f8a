package dev.distillery.training.engine;

import dev.distillery.methods.MethodRun;

/**
 * A phase with the network it trains: its learning-rate schedule, its optimizer (over the network and what the
 * method learns), the method's run and the frozen teacher it distils from (null for a phase without one).
 */
record PhaseTraining(
        Phase phase,
        Network network,
        MultiStepSchedule schedule,
        TrainingOptimizer optimizer,
        Network teacher,
        MethodRun run) {

    /** This training distilling from {@code frozen}. */
    PhaseTraining withTeacher(Network frozen) {
        return new PhaseTraining(phase, network, schedule, optimizer, frozen, run);
    }
}
