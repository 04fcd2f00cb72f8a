package dev.distillery.experiments.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.distillery.experiments.submission.IdempotentRequests.Outcome;
import dev.distillery.shared.Caller;
import dev.distillery.shared.ConflictException;
import dev.distillery.shared.UnprocessableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Idempotency-Key decisions, with remembered keys held in memory: the first request creates, the same key with the
 * same body replays, with another body is refused (422), a key taken concurrently is a conflict (409); keys belong
 * to one caller and one scope and are forgotten after the retention period.
 */
class IdempotentRequestsTest {

    private static final Caller ALICE = new Caller("alice", false, 10);
    private static final Caller BOB = new Caller("bob", false, 10);
    private static final String BODY = "{\"method\":\"ce\"}";
    private static final Duration RETENTION = Duration.ofHours(24);

    private final InMemoryKeys keys = new InMemoryKeys();
    private final MovableClock clock = new MovableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final IdempotentRequests requests = new IdempotentRequests(keys, clock, RETENTION);
    private final List<UUID> created = new ArrayList<>();

    /** Creates a new resource each time it is called, and keeps its id. */
    private final Supplier<UUID> create = () -> {
        UUID id = UUID.randomUUID();
        created.add(id);
        return id;
    };

    @Test
    void theFirstRequestWithAKeyCreatesItsResource() {
        Outcome outcome = requests.once("experiment", "k1", BODY, ALICE, create);

        assertThat(outcome).isEqualTo(new Outcome(created.get(0), true));
        assertThat(created).hasSize(1);
    }

    @Test
    void theSameKeyWithTheSameBodyReplaysWithoutCreating() {
        Outcome first = requests.once("experiment", "k1", BODY, ALICE, create);

        Outcome replay = requests.once("experiment", "k1", BODY, ALICE, create);

        assertThat(replay).isEqualTo(new Outcome(first.resourceId(), false));
        assertThat(created).hasSize(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedWithoutCreating() {
        requests.once("experiment", "k1", BODY, ALICE, create);

        assertThatThrownBy(() -> requests.once("experiment", "k1", BODY.replace("ce", "kd"), ALICE, create))
                .isInstanceOfSatisfying(UnprocessableException.class, refused -> assertThat(refused.field())
                        .isEqualTo("Idempotency-Key"))
                .hasMessageContaining("different request body");
        assertThat(created).hasSize(1);
    }

    @Test
    void aKeyTakenByAConcurrentRequestIsAConflictAndARetryGetsThatRequestsResult() {
        UUID theirs = UUID.randomUUID();
        Supplier<UUID> racing = () -> {
            // while this request creates, a concurrent one with the same key and body commits first
            requests.once("experiment", "k1", BODY, ALICE, () -> theirs);
            return create.get();
        };

        assertThatThrownBy(() -> requests.once("experiment", "k1", BODY, ALICE, racing))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("retry");
        assertThat(requests.once("experiment", "k1", BODY, ALICE, create)).isEqualTo(new Outcome(theirs, false));
    }

    @Test
    void keysBelongToTheCallersName() {
        Outcome alices = requests.once("experiment", "k1", BODY, ALICE, create);

        Outcome bobs = requests.once("experiment", "k1", BODY.replace("ce", "kd"), BOB, create);

        assertThat(bobs.created()).isTrue();
        assertThat(bobs.resourceId()).isNotEqualTo(alices.resourceId());
        assertThat(requests.once("experiment", "k1", BODY, ALICE, create))
                .isEqualTo(new Outcome(alices.resourceId(), false));
        assertThat(requests.once("experiment", "k1", BODY, new Caller("alice", true, 1), create)
                        .created())
                .as("the same name with other rights is the same caller")
                .isFalse();
    }

    @Test
    void anonymousRequestsShareOneOwnerOfTheirOwn() {
        Outcome first = requests.once("experiment", "k1", BODY, Caller.ANONYMOUS, create);

        assertThat(requests.once("experiment", "k1", BODY, Caller.ANONYMOUS, create))
                .isEqualTo(new Outcome(first.resourceId(), false));
        assertThat(requests.once("experiment", "k1", BODY, ALICE, create).created())
                .isTrue();
    }

    @Test
    void eachScopeHasItsOwnKeys() {
        Outcome experiment = requests.once("experiment", "k1", BODY, ALICE, create);

        Outcome sweep = requests.once("sweep", "k1", BODY, ALICE, create);

        assertThat(sweep.created()).isTrue();
        assertThat(sweep.resourceId()).isNotEqualTo(experiment.resourceId());
    }

    @Test
    void keysAreForgottenOnlyOnceOlderThanTheRetention() {
        requests.once("experiment", "k1", BODY, ALICE, create);

        clock.now = clock.now.plus(RETENTION).minusSeconds(1);
        assertThat(requests.forgetExpired()).isZero();
        assertThat(requests.once("experiment", "k1", BODY, ALICE, create).created())
                .isFalse();

        clock.now = clock.now.plusSeconds(2);
        assertThat(requests.forgetExpired()).isEqualTo(1);
        assertThat(requests.once("experiment", "k1", BODY, ALICE, create).created())
                .isTrue();
    }

    /** Remembered keys in memory, with the table's semantics: one row per scope, owner and key; first wins. */
    private static final class InMemoryKeys extends IdempotencyKeys {

        private record Row(Used used, Instant createdAt) {}

        private final Map<List<String>, Row> rows = new HashMap<>();

        InMemoryKeys() {
            super(null);
        }

        @Override
        Optional<Used> find(String scope, String owner, String key) {
            return Optional.ofNullable(rows.get(List.of(scope, owner, key))).map(Row::used);
        }

        @Override
        boolean remember(String scope, String owner, String key, String requestSha256, UUID resourceId, Instant now) {
            return rows.putIfAbsent(List.of(scope, owner, key), new Row(new Used(requestSha256, resourceId), now))
                    == null;
        }

        @Override
        int forgetBefore(Instant cutoff) {
            int before = rows.size();
            rows.values().removeIf(row -> row.createdAt().isBefore(cutoff));
            return before - rows.size();
        }
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
