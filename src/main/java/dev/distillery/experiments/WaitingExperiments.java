package dev.distillery.experiments;

import dev.distillery.experiments.gates.Gates;
import dev.distillery.experiments.spec.SpecCodec;
import java.time.Clock;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What happens when an experiment ends: its gates are evaluated, and the experiments WAITING for it
 * as their teacher are settled. Experiments WAITING for a teacher experiment: released into the queue when it succeeds, failed
 * with the reason when it fails or is cancelled. Runs in the transaction that ends the teacher.
 */
@Component
class WaitingExperiments {

    private final ExperimentRepository experiments;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Gates gates;
    private final SpecCodec codec;

    WaitingExperiments(
            ExperimentRepository experiments,
            ApplicationEventPublisher events,
            Clock clock,
            Gates gates,
            SpecCodec codec) {
        this.gates = gates;
        this.codec = codec;
        this.experiments = experiments;
        this.events = events;
        this.clock = clock;
    }

    /** Records the ended experiment's gates, then settles the experiments waiting for it as their teacher. */
    @Transactional(propagation = Propagation.MANDATORY)
    void teacherEnded(Experiment teacher) {
        teacher.recordGate(
                gates.evaluate(teacher, codec.read(teacher.specJson()).expect()));
        experiments
                .findByStatusAndTeacherExperimentId(ExperimentStatus.WAITING, teacher.id())
                .forEach(waiting -> settle(waiting, teacher));
    }

    /** Settles every waiting experiment whose teacher has ended (a safety net for missed hand-overs). */
    @Transactional
    void settleAll() {
        for (Experiment waiting : experiments.findByStatus(ExperimentStatus.WAITING)) {
            UUID teacherId = waiting.teacherExperimentId();
            experiments
                    .findById(teacherId)
                    .filter(teacher -> teacher.status().isTerminal())
                    .ifPresent(teacher -> settle(waiting, teacher));
        }
    }

    private void settle(Experiment waiting, Experiment teacher) {
        if (teacher.status() == ExperimentStatus.SUCCEEDED) {
            waiting.release();
            events.publishEvent(new ExperimentQueued(waiting.id(), waiting.priority(), clock.instant()));
        } else {
            waiting.fail(
                    "teacher experiment " + teacher.id() + " ended " + teacher.status()
                            + (teacher.error() == null ? "" : ": " + teacher.error()),
                    clock.instant());
            waiting.recordGate(
                    gates.evaluate(waiting, codec.read(waiting.specJson()).expect()));
        }
    }
}
