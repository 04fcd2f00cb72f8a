package dev.distillery.experiments.web;

import dev.distillery.experiments.ExperimentQueries;
import dev.distillery.experiments.ExperimentSummary;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Long-polls for a terminal status without holding a request thread: the answer comes as soon as
 * the experiment has ended (read from the database, so a run on any worker counts), or with its
 * current state when the timeout passes.
 */
@Component
class TerminalWaits {

    private final ExperimentQueries queries;
    private final Duration interval;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "experiment-waits");
        thread.setDaemon(true);
        return thread;
    });

    private final OpenRequestLimit limit;

    TerminalWaits(
            ExperimentQueries queries,
            @Value("${distillery.api.wait-poll-interval:500ms}") Duration interval,
            @Value("${distillery.api.max-long-polls:200}") int maxWaits,
            @Value("${distillery.api.max-long-polls-per-key:20}") int maxWaitsPerKey) {
        this.queries = queries;
        this.interval = interval;
        // each waiting request polls the database: bounded like event streams
        this.limit = new OpenRequestLimit(
                "Too many waiting requests", "distillery.api.max-long-polls", maxWaits, maxWaitsPerKey);
    }

    /** Waits for {@code client} ({@link OpenRequestLimit#client}); an ended experiment is answered at once. */
    <T> DeferredResult<T> await(UUID id, Duration timeout, String client, Function<ExperimentSummary, T> view) {
        ExperimentSummary now = queries.get(id);
        DeferredResult<T> result = new DeferredResult<>(timeout.toMillis() + interval.toMillis() * 2);
        if (now.status().isTerminal()) {
            result.setResult(view.apply(now));
            return result;
        }
        Runnable release = limit.acquire(client);
        AtomicReference<ScheduledFuture<?>> polling = new AtomicReference<>();
        Runnable end = () -> {
            ScheduledFuture<?> scheduled = polling.get();
            if (scheduled != null) {
                scheduled.cancel(false);
            }
            release.run();
        };
        long deadline = System.nanoTime() + timeout.toNanos();
        polling.set(poller.scheduleWithFixedDelay(
                () -> {
                    try {
                        ExperimentSummary current = queries.get(id);
                        if (current.status().isTerminal() || System.nanoTime() >= deadline) {
                            result.setResult(view.apply(current));
                            end.run();
                        }
                    } catch (RuntimeException failure) {
                        result.setErrorResult(failure);
                        end.run();
                    }
                },
                interval.toMillis(),
                interval.toMillis(),
                TimeUnit.MILLISECONDS));
        result.onCompletion(end);
        result.onTimeout(() -> result.setResult(view.apply(queries.get(id))));
        return result;
    }

    @PreDestroy
    void stop() {
        poller.shutdownNow();
    }
}
