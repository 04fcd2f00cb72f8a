package dev.distillery.experiments;

import dev.distillery.shared.ConflictException;
import dev.distillery.shared.UnprocessableException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Submission with an {@code Idempotency-Key}: the first request creates the experiment and the key
 * is remembered with the request's hash (in the same transaction); the same key with the same
 * body returns the original experiment, with another body it is refused. Keys are kept for
 * {@code distillery.api.idempotency-retention} (24 h by default).
 */
@Service
public class IdempotentSubmission {

    private static final String SCOPE = "experiment";

    /** The experiment and whether this request created it (false: a replay of an earlier request). */
    public record Outcome(Experiment experiment, boolean created) {
    }

    private final ExperimentSubmission submission;
    private final ExperimentRepository experiments;
    private final IdempotencyKeys keys;
    private final SpecCodec codec;
    private final Clock clock;
    private final Duration retention;

    IdempotentSubmission(ExperimentSubmission submission, ExperimentRepository experiments, IdempotencyKeys keys,
            SpecCodec codec, Clock clock, @Value("${distillery.api.idempotency-retention:24h}") Duration retention) {
        this.submission = submission;
        this.experiments = experiments;
        this.keys = keys;
        this.codec = codec;
        this.clock = clock;
        this.retention = retention;
    }

    @Transactional
    public Outcome submit(String key, ExperimentSpec spec) {
        String hash = sha256(codec.write(spec));
        var used = keys.find(SCOPE, key);
        if (used.isPresent()) {
            if (!used.get().requestSha256().equals(hash)) {
                throw new UnprocessableException("Idempotency-Key", "was already used with a different request body");
            }
            return new Outcome(experiments.findById(used.get().resourceId()).orElseThrow(), false);
        }
        Experiment experiment = submission.submit(spec);
        if (!keys.remember(SCOPE, key, hash, experiment.id(), clock.instant())) {
            throw new ConflictException("a concurrent request with the same Idempotency-Key is being handled; "
                    + "retry to get its result");
        }
        return new Outcome(experiment, true);
    }

    /** Forgets keys older than the retention period. */
    @Transactional
    public int forgetExpired() {
        return keys.forgetBefore(clock.instant().minus(retention));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
