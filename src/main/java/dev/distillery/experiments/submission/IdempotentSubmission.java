package dev.distillery.experiments.submission;

import dev.distillery.experiments.ExperimentQueries;
import dev.distillery.experiments.ExperimentSummary;
import dev.distillery.experiments.spec.ExperimentSpec;
import dev.distillery.experiments.spec.SpecCodec;
import dev.distillery.shared.Caller;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Experiment submission with an {@code Idempotency-Key} (see {@link IdempotentRequests}). */
@Service
public class IdempotentSubmission {

    private static final String SCOPE = "experiment";

    /** The experiment and whether this request created it (false: a replay of an earlier request). */
    public record Outcome(ExperimentSummary experiment, boolean created) {}

    private final ExperimentSubmission submission;
    private final ExperimentQueries experiments;
    private final IdempotentRequests requests;
    private final SpecCodec codec;

    IdempotentSubmission(
            ExperimentSubmission submission,
            ExperimentQueries experiments,
            IdempotentRequests requests,
            SpecCodec codec) {
        this.submission = submission;
        this.experiments = experiments;
        this.requests = requests;
        this.codec = codec;
    }

    @Transactional
    public Outcome submit(String key, ExperimentSpec spec, Caller caller) {
        var outcome = requests.once(SCOPE, key, codec.write(spec), caller, () -> submission
                .submit(spec, caller)
                .id());
        return new Outcome(experiments.get(outcome.resourceId()), outcome.created());
    }
}
