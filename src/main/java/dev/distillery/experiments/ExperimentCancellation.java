package dev.distillery.experiments;

import dev.distillery.experiments.spec.SpecCodec;
import dev.distillery.shared.Caller;
import dev.distillery.shared.ForbiddenException;
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
    private final SpecCodec codec;

    ExperimentCancellation(ExperimentRepository experiments, WaitingExperiments waiting, Clock clock, SpecCodec codec) {
        this.experiments = experiments;
        this.waiting = waiting;
        this.clock = clock;
        this.codec = codec;
    }

    @Transactional
    public ExperimentSummary cancel(UUID id, Caller caller) {
        Experiment experiment =
                experiments.findById(id).orElseThrow(() -> new NotFoundException("no experiment with id " + id));
        if (!caller.mayChange(experiment.owner())) {
            throw new ForbiddenException("experiment " + id + " was submitted by "
                    + (experiment.owner() == null ? "no key" : "the key '" + experiment.owner() + "'")
                    + "; the key '" + caller.name() + "' can cancel only its own experiments");
        }
        experiment.cancel(clock.instant());
        waiting.teacherEnded(experiment);
        return ExperimentSummary.of(experiment, codec.read(experiment.specJson()));
    }
}
