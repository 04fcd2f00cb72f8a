package dev.distillery.training.engine;

import java.util.Optional;

/** The frozen teacher's top-1 and top-5 on the run's test split (un-augmented, normalized as the student's). */
final class TeacherScore {

    private TeacherScore() {}

    /** Empty when cancellation was requested while scoring. */
    static Optional<Scores> measure(RunSetup setup, Network teacher, RunControl control) {
        BatchAssembler test = new BatchAssembler(setup.data().test(), setup.normalization(), null);
        return Evaluator.evaluate(teacher, test, setup.k(), control::cancelled);
    }
}
