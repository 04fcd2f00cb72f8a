package dev.distillery.experiments.submission;

import dev.distillery.shared.Caller;
import dev.distillery.shared.ConflictException;
import dev.distillery.shared.Sha256;
import dev.distillery.shared.UnprocessableException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Requests with an {@code Idempotency-Key}: the first one creates its resource and the key is
 * remembered with the request's hash, in the same transaction; the same key with the same request
 * gives back that resource, with another request it is refused (422). Keys belong to the calling
 * API key, so two callers never see each other's; they are kept {@code distillery.api.idempotency-retention}
 * (24 h by default).
 */
@NamedInterface("submission")
@Service
public class IdempotentRequests {

    /** The resource and whether this request created it (false: a replay of an earlier request). */
    public record Outcome(UUID resourceId, boolean created) {}

    private final IdempotencyKeys keys;
    private final Clock clock;
    private final Duration retention;

    IdempotentRequests(
            IdempotencyKeys keys,
            Clock clock,
            @Value("${distillery.api.idempotency-retention:24h}") Duration retention) {
        this.keys = keys;
        this.clock = clock;
        this.retention = retention;
    }

    /**
     * @param scope what kind of resource the key creates ("experiment", "sweep")
     * @param request the request in a canonical text form (its hash is compared on replays)
     * @param caller keys belong to the caller that sent them
     * @param create creates the resource and returns its id
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Outcome once(String scope, String key, String request, Caller caller, Supplier<UUID> create) {
        String owner = caller.anonymous() ? "" : caller.name();
        String hash = Sha256.hex(request);
        var used = keys.find(scope, owner, key);
        if (used.isPresent()) {
            if (!used.get().requestSha256().equals(hash)) {
                throw new UnprocessableException("Idempotency-Key", "was already used with a different request body");
            }
            return new Outcome(used.get().resourceId(), false);
        }
        UUID created = create.get();
        if (!keys.remember(scope, owner, key, hash, created, clock.instant())) {
            throw new ConflictException("a concurrent request with the same Idempotency-Key is being handled; "
                    + "retry to get its result");
        }
        return new Outcome(created, true);
    }

    /** Forgets keys older than the retention period. */
    @Transactional
    public int forgetExpired() {
        return keys.forgetBefore(clock.instant().minus(retention));
    }
}
