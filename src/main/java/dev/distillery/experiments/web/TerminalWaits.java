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

    TerminalWaits(ExperimentQueries queries, @Value("${distillery.api.wait-poll-interval:500ms}") Duration interval) {
        this.queries = queries;
        this.interval = interval;
    }

    <T> DeferredResult<T> await(UUID id, Duration timeout, Function<ExperimentSummary, T> view) {
        ExperimentSummary now = queries.get(id);
        DeferredResult<T> result = new DeferredResult<>(timeout.toMillis() + interval.toMillis() * 2);
        if (now.status().isTerminal()) {
            result.setResult(view.apply(now));
            return result;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        ScheduledFuture<?> polling = poller.scheduleWithFixedDelay(
                () -> {
                    try {
                        ExperimentSummary current = queries.get(id);
                        if (current.status().isTerminal() || System.nanoTime() >= deadline) {
                            result.setResult(view.apply(current));
                        }
                    } catch (RuntimeException failure) {
                        result.setErrorResult(failure);
                    }
                },
                interval.toMillis(),
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
        result.onCompletion(() -> polling.cancel(false));
        result.onTimeout(() -> result.setResult(view.apply(queries.get(id))));
        return result;
    }

    @PreDestroy
    void stop() {
        poller.shutdownNow();
    }
}
