package dev.distillery.experiments;

import dev.distillery.shared.FieldViolation;
import dev.distillery.shared.InvalidRequestException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Accepts specs: resolves their defaults, checks them against the catalogs, stores and queues them. */
@Service
public class ExperimentSubmission {

    private final ExperimentRepository experiments;
    private final SpecRules rules;
    private final CatalogLookup catalog;
    private final SpecCodec codec;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final RandomGenerator seeds = new SecureRandom();

    ExperimentSubmission(ExperimentRepository experiments, SpecRules rules, CatalogLookup catalog, SpecCodec codec,
            ApplicationEventPublisher events, Clock clock) {
        this.experiments = experiments;
        this.rules = rules;
        this.catalog = catalog;
        this.codec = codec;
        this.events = events;
        this.clock = clock;
    }

    /** Stores the resolved spec and queues it, in one transaction with the queue entry. */
    @Transactional
    public Experiment submit(ExperimentSpec spec) {
        ExperimentSpec resolved = SpecDefaults.resolve(spec, catalog::defaultDatasetPath, seeds);
        List<FieldViolation> violations = rules.check(resolved);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        Experiment experiment = Experiment.queued(UUID.randomUUID(), resolved, codec.write(resolved),
                clock.instant());
        experiments.save(experiment);
        events.publishEvent(new ExperimentQueued(experiment.id(), experiment.priority(), experiment.createdAt()));
        return experiment;
    }
}
