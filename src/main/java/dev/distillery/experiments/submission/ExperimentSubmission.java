package dev.distillery.experiments.submission;

import dev.distillery.experiments.Experiment;
import dev.distillery.experiments.ExperimentQueries;
import dev.distillery.experiments.ExperimentQueued;
import dev.distillery.experiments.ExperimentRepository;
import dev.distillery.experiments.ExperimentStatus;
import dev.distillery.experiments.ExperimentSummary;
import dev.distillery.experiments.catalog.CatalogLookup;
import dev.distillery.experiments.spec.ExperimentSpec;
import dev.distillery.experiments.spec.SpecCodec;
import dev.distillery.experiments.spec.SpecDefaults;
import dev.distillery.experiments.spec.SpecRules;
import dev.distillery.experiments.spec.TeacherExperiments;
import dev.distillery.experiments.spec.TeacherModels;
import dev.distillery.methods.LossSettings;
import dev.distillery.methods.MethodParameter;
import dev.distillery.methods.MethodRecipe;
import dev.distillery.shared.Caller;
import dev.distillery.shared.FieldViolation;
import dev.distillery.shared.InvalidRequestException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Accepts specs: resolves their defaults, checks them against the catalogs, stores and queues them. */
@NamedInterface("submission")
@Service
public class ExperimentSubmission {

    private final ExperimentRepository experiments;
    private final SpecRules rules;
    private final CatalogLookup catalog;
    private final SpecCodec codec;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SpecDefaults.Context context;
    private final QueueQuota quota;
    private final ExperimentQueries queries;
    private final RandomGenerator seeds = new SecureRandom();

    ExperimentSubmission(
            ExperimentRepository experiments,
            SpecRules rules,
            CatalogLookup catalog,
            TeacherExperiments teachers,
            TeacherModels models,
            SpecCodec codec,
            ApplicationEventPublisher events,
            Clock clock,
            QueueQuota quota,
            ExperimentQueries queries) {
        this.queries = queries;
        this.quota = quota;
        this.context = context(catalog, teachers, models);
        this.experiments = experiments;
        this.rules = rules;
        this.catalog = catalog;
        this.codec = codec;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Stores the resolved spec and queues it, in one transaction with the queue entry. A spec with
     * {@code repeats} creates that many experiments under one group; the first is returned. Refused
     * (429) when the queue or the caller's share of it is full.
     */
    @Transactional
    public ExperimentSummary submit(ExperimentSpec spec, Caller caller) {
        ExperimentSpec resolved = resolve(spec);
        admit(repeats(spec), caller);
        return summary(
                spec.repeats() == null
                        ? store(resolved, caller)
                        : storeRepeats(UUID.randomUUID(), resolved, repeats(spec), caller)
                                .get(0));
    }

    /** Refuses (429) {@code experiments} more when the queue, or the caller's share of it, is full. */
    @Transactional
    public void admit(int experiments, Caller caller) {
        quota.admit(experiments, caller);
    }

    /**
     * Stores {@code repeats} (default 1) experiments of the spec differing only by seed (seed, seed+1,
     * …) under a new group id; all or none. Callers {@link #admit} them first.
     */
    @Transactional
    public RepeatsSubmitted submitRepeats(ExperimentSpec spec, Caller caller) {
        UUID group = UUID.randomUUID();
        List<Experiment> stored = storeRepeats(group, resolve(spec), repeats(spec), caller);
        return new RepeatsSubmitted(group, ids(stored));
    }

    /** As everyone reads it; the new experiment is still in this transaction's persistence context. */
    private ExperimentSummary summary(Experiment experiment) {
        return queries.get(experiment.id());
    }

    private static int repeats(ExperimentSpec spec) {
        return spec.repeats() == null ? 1 : spec.repeats();
    }

    /** Stores the repeats and announces their new group (the comparison module keeps groups). */
    private List<Experiment> storeRepeats(UUID group, ExperimentSpec resolved, int repeats, Caller caller) {
        if (resolved.seed() + repeats - 1 > Integer.MAX_VALUE) {
            throw new InvalidRequestException(
                    "seed",
                    "with repeats " + repeats + " the seeds " + resolved.seed() + " … "
                            + (resolved.seed() + repeats - 1) + " must stay at most " + Integer.MAX_VALUE);
        }
        List<Experiment> stored = java.util.stream.IntStream.range(0, repeats)
                .mapToObj(i -> store(resolved.withSeed(resolved.seed() + i), caller))
                .toList();
        experiments.flush(); // listeners may read or reference the new rows
        events.publishEvent(new RepeatsSubmitted(group, ids(stored)));
        return stored;
    }

    private ExperimentSpec resolve(ExperimentSpec spec) {
        if (catalog.method(spec.method()).isEmpty()) {
            throw new InvalidRequestException(
                    "method",
                    "unknown method '" + spec.method() + "'; known: " + String.join(", ", catalog.methodNames()));
        }
        List<FieldViolation> inapplicable = rules.inapplicable(spec);
        if (!inapplicable.isEmpty()) {
            throw new InvalidRequestException(inapplicable);
        }
        ExperimentSpec resolved = SpecDefaults.resolve(spec, context, seeds);
        List<FieldViolation> violations = rules.check(resolved);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return resolved.withDataset(resolved.dataset().withContentHash(contentHash(resolved)));
    }

    /** The data's content hash; a dataset that checked out but cannot be read is a 400 on its path. */
    private String contentHash(ExperimentSpec resolved) {
        try {
            return catalog.datasetContentHash(resolved.dataset());
        } catch (RuntimeException e) {
            throw new InvalidRequestException("dataset.path", e.getMessage());
        }
    }

    private static List<UUID> ids(List<Experiment> experiments) {
        return experiments.stream().map(Experiment::id).toList();
    }

    private Experiment store(ExperimentSpec resolved, Caller caller) {
        Experiment experiment = Experiment.submitted(
                        UUID.randomUUID(), resolved, codec.write(resolved), teacherPending(resolved), clock.instant())
                .ownedBy(caller.name());
        experiments.save(experiment);
        if (experiment.status() == ExperimentStatus.QUEUED) {
            events.publishEvent(new ExperimentQueued(experiment.id(), experiment.priority(), experiment.createdAt()));
        }
        return experiment;
    }

    private boolean teacherPending(ExperimentSpec spec) {
        return spec.teacher() != null
                && spec.teacher().experimentId() != null
                && experiments
                        .findById(spec.teacher().experimentId())
                        .map(teacher -> teacher.status() != ExperimentStatus.SUCCEEDED)
                        .orElse(false);
    }

    /** Catalog and teacher lookups, as spec resolution needs them. */
    private static SpecDefaults.Context context(
            CatalogLookup catalog, TeacherExperiments teachers, TeacherModels models) {
        return new SpecDefaults.Context() {
            @Override
            public LossSettings methodDefaults(String method, boolean zscore) {
                return catalog.methodDefaults(method, zscore);
            }

            @Override
            public List<MethodParameter> methodParameters(String method) {
                return catalog.methodParameters(method);
            }

            @Override
            public MethodRecipe methodRecipe(String method) {
                return catalog.method(method).orElseThrow().recipe();
            }

            @Override
            public String defaultDatasetPath(String dataset) {
                return catalog.defaultDatasetPath(dataset);
            }

            @Override
            public Optional<String> experimentArchitecture(UUID experimentId) {
                return teachers.architecture(experimentId);
            }

            @Override
            public Optional<String> modelArchitecture(UUID modelId) {
                return models.architecture(modelId);
            }
        };
    }
}
