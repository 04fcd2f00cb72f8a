package dev.distillery.training.engine;

/**
 * A phase with the network it trains: its learning-rate schedule, its optimizer and the frozen teacher it distils
 * from (null for a phase without one).
 */
record PhaseTraining(
        Phase phase, Network network, MultiStepSchedule schedule, TrainingOptimizer optimizer, Network teacher) {}
