package dev.distillery.experiments;

import dev.distillery.shared.NotFoundException;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Cancels experiments; the worker skips a cancelled experiment when its queue entry comes up. */
@Service
public class ExperimentCancellation {

    private final ExperimentRepository experiments;
    private final Clock clock;

    ExperimentCancellation(ExperimentRepository experiments, Clock clock) {
        this.experiments = experiments;
        this.clock = clock;
    }

    @Transactional
    public Experiment cancel(UUID id) {
        Experiment experiment = experiments.findById(id)
                .orElseThrow(() -> new NotFoundException("no experiment with id " + id));
        experiment.cancel(clock.instant());
        return experiment;
    }
}
