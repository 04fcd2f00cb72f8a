package dev.distillery.experiments;

import dev.distillery.shared.NotFoundException;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cancels experiments; the worker skips a cancelled experiment when its queue entry comes up, and
 * experiments waiting for it as their teacher fail.
 */
@Service
public class ExperimentCancellation {

    private final ExperimentRepository experiments;
    private final WaitingExperiments waiting;
    private final Clock clock;

    ExperimentCancellation(ExperimentRepository experiments, WaitingExperiments waiting, Clock clock) {
        this.experiments = experiments;
        this.waiting = waiting;
        this.clock = clock;
    }

    @Transactional
    public Experiment cancel(UUID id) {
        Experiment experiment = experiments.findById(id)
                .orElseThrow(() -> new NotFoundException("no experiment with id " + id));
        experiment.cancel(clock.instant());
        waiting.teacherEnded(experiment);
        return experiment;
    }
}
