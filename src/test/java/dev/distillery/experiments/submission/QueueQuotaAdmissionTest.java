package dev.distillery.experiments.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.distillery.shared.Caller;
import dev.distillery.shared.TooManyRequestsException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.MappedQuerySpec;
import org.springframework.jdbc.core.simple.JdbcClient.ResultQuerySpec;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;

/**
 * Admission decisions, with the database replaced by counts: a submission is refused (429, with the configured
 * Retry-After) when it would take the whole queue over {@code max-queued} or a key over its own limit; anonymous
 * requests have no limit of their own; the lock is taken before anything is counted. (The same through the API, on
 * PostgreSQL: {@link QueueQuotaTest}.)
 */
class QueueQuotaAdmissionTest {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(90);
    private static final Caller ALICE = new Caller("alice", false, 2);
    private static final Caller ADMIN = new Caller("root", true, 100);

    /** Waiting or queued experiments of the whole service, and of each owner. */
    private long queued;

    private final Map<String, Long> queuedBy = new HashMap<>();
    /** What the quota asked the database, in order: "lock", "count", "count of alice". */
    private final List<String> asked = new ArrayList<>();

    private final QueueQuota quota = new QueueQuota(database(), new SubmissionLimits(10, RETRY_AFTER));

    @Test
    void aSubmissionThatFillsTheQueueExactlyIsAdmitted() {
        queued = 7;

        assertThatCode(() -> quota.admit(3, Caller.ANONYMOUS)).doesNotThrowAnyException();
    }

    @Test
    void aSubmissionBeyondTheGlobalLimitIsRefusedWithRetryAfter() {
        queued = 7;

        TooManyRequestsException refused = refusal(4, Caller.ANONYMOUS);

        assertThat(refused.retryAfter()).isEqualTo(RETRY_AFTER);
        assertThat(refused.getMessage())
                .contains(
                        "the queue holds 7 waiting or queued experiments",
                        "submission of 4",
                        "distillery.queue.max-queued (10)");
    }

    @Test
    void theGlobalLimitBindsAdminsToo() {
        queued = 10;

        assertThat(refusal(1, ADMIN).getMessage()).contains("distillery.queue.max-queued (10)");
    }

    @Test
    void aKeyMayFillItsOwnLimitExactly() {
        queuedBy.put("alice", 1L);

        assertThatCode(() -> quota.admit(1, ALICE)).doesNotThrowAnyException();
    }

    @Test
    void aKeyBeyondItsOwnLimitIsRefusedWithRetryAfterThoughTheQueueHasRoom() {
        queued = 1;
        queuedBy.put("alice", 1L);

        TooManyRequestsException refused = refusal(2, ALICE);

        assertThat(refused.retryAfter()).isEqualTo(RETRY_AFTER);
        assertThat(refused.getMessage())
                .contains("the key 'alice' has 1 waiting or queued", "submission of 2", "its limit of 2");
    }

    @Test
    void onlyTheCallersOwnExperimentsCountAgainstItsLimit() {
        queued = 5;
        queuedBy.put("bob", 5L);

        assertThatCode(() -> quota.admit(2, ALICE)).doesNotThrowAnyException();
        assertThat(asked).contains("count of alice").doesNotContain("count of bob");
    }

    @Test
    void anAnonymousCallerHasNoLimitOfItsOwn() {
        queued = 0;

        assertThatCode(() -> quota.admit(10, Caller.ANONYMOUS)).doesNotThrowAnyException();
        assertThat(asked).containsExactly("lock", "count");
    }

    @Test
    void theGlobalLimitIsCheckedFirst() {
        queued = 10;
        queuedBy.put("alice", 2L);

        assertThat(refusal(1, ALICE).getMessage()).contains("max-queued").doesNotContain("'alice'");
    }

    @Test
    void theQueueIsLockedBeforeAnythingIsCounted() {
        quota.admit(1, ALICE);

        assertThat(asked).containsExactly("lock", "count", "count of alice");
    }

    private TooManyRequestsException refusal(int experiments, Caller caller) {
        TooManyRequestsException refused =
                catchThrowableOfType(() -> quota.admit(experiments, caller), TooManyRequestsException.class);
        assertThat(refused).as("refused").isNotNull();
        return refused;
    }

    /**
     * A JdbcClient that answers from {@link #queued} and {@link #queuedBy}: a statement read as rows is the lock, a
     * count without parameters is the whole queue's, a count with a parameter is that owner's. Plain proxies, so a
     * test pays no mocking framework's start-up.
     */
    private JdbcClient database() {
        return fake(JdbcClient.class, (method, args) -> statement());
    }

    private StatementSpec statement() {
        List<Object> params = new ArrayList<>();
        StatementSpec[] self = new StatementSpec[1];
        self[0] = fake(StatementSpec.class, (method, args) -> switch (method) {
            case "param" -> {
                params.add(args[0]);
                yield self[0];
            }
            case "query" -> args == null ? lock() : count(params);
            default -> throw new UnsupportedOperationException(method);
        });
        return self[0];
    }

    private ResultQuerySpec lock() {
        return fake(ResultQuerySpec.class, (method, args) -> {
            asked.add("lock");
            return List.of();
        });
    }

    private MappedQuerySpec<?> count(List<Object> params) {
        return fake(MappedQuerySpec.class, (method, args) -> {
            if (params.isEmpty()) {
                asked.add("count");
                return queued;
            }
            asked.add("count of " + params.get(0));
            return queuedBy.getOrDefault((String) params.get(0), 0L);
        });
    }

    /** An implementation of {@code type} whose every method answers {@code answer(name, arguments)}. */
    private static <T> T fake(Class<T> type, BiFunction<String, Object[], Object> answer) {
        return type.cast(Proxy.newProxyInstance(
                type.getClassLoader(),
                new Class<?>[] {type},
                (proxy, method, args) -> answer.apply(method.getName(), args)));
    }
}
