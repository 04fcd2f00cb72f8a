package dev.distillery.experiments.web;

import dev.distillery.experiments.ExperimentQueries;
import dev.distillery.experiments.ExperimentSummary;
import dev.distillery.training.EpochMetrics;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-Sent Events of experiments: a {@code status} event whenever status, phase or progress
 * changes (progress moves within an epoch every few seconds), and an {@code epoch} event with the
 * metrics of each finished epoch. It reads the
 * database, so it sees runs on any worker instance; the stream ends after the terminal status.
 */
@Component
class ExperimentEventStream {

    private static final long STREAM_TIMEOUT_MILLIS = Duration.ofHours(6).toMillis();
    /** A comment this often finds clients that went away while nothing happened (a send to them fails). */
    private static final long KEEP_ALIVE_NANOS = Duration.ofSeconds(15).toNanos();

    private final ExperimentQueries queries;
    private final OpenRequestLimit limit;
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "experiment-events");
        thread.setDaemon(true);
        return thread;
    });

    ExperimentEventStream(
            ExperimentQueries queries,
            @Value("${distillery.api.events-poll-interval:1s}") Duration interval,
            @Value("${distillery.api.max-event-streams:200}") int maxStreams,
            @Value("${distillery.api.max-event-streams-per-key:20}") int maxStreamsPerKey) {
        this.queries = queries;
        // each open stream polls the database: their number is bounded, and one client cannot take them all
        this.limit = new OpenRequestLimit(
                "Too many open event streams", "distillery.api.max-event-streams", maxStreams, maxStreamsPerKey);
        poller.scheduleWithFixedDelay(this::pollAll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A stream of experiment {@code id}'s events for {@code client} ({@link OpenRequestLimit#client}). */
    SseEmitter subscribe(UUID id, String client) {
        queries.get(id);
        Runnable release = limit.acquire(client);
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT_MILLIS);
        Subscription subscription = new Subscription(id, emitter, release);
        emitter.onCompletion(subscription::end);
        emitter.onTimeout(subscription::end);
        emitter.onError(error -> subscription.end());
        subscriptions.add(subscription);
        poller.execute(() -> poll(subscription));
        return emitter;
    }

    @PreDestroy
    void stop() {
        poller.shutdownNow();
        subscriptions.forEach(subscription -> subscription.emitter.complete());
    }

    private void pollAll() {
        subscriptions.forEach(this::poll);
    }

    private void poll(Subscription subscription) {
        try {
            subscription.poll();
        } catch (IOException | RuntimeException gone) {
            subscription.end();
            subscription.emitter.completeWithError(gone);
        }
    }

    private final class Subscription {

        private final UUID id;
        private final SseEmitter emitter;
        private final Runnable release;
        private final Set<String> sentEpochs = new HashSet<>();
        private String lastState;
        private long lastSent = System.nanoTime();

        Subscription(UUID id, SseEmitter emitter, Runnable release) {
            this.id = id;
            this.emitter = emitter;
            this.release = release;
        }

        /** The stream ended (or is ending): no more polls, and its place is free. */
        void end() {
            subscriptions.remove(this);
            release.run();
        }

        synchronized void poll() throws IOException {
            ExperimentSummary experiment = queries.get(id);
            String state = experiment.status() + "/" + experiment.phase() + "/" + experiment.progress();
            if (!state.equals(lastState)) {
                for (EpochMetrics epoch : queries.metrics(id)) {
                    if (sentEpochs.add(epoch.phase() + ":" + epoch.epoch())) {
                        emitter.send(SseEmitter.event()
                                .name("epoch")
                                .id(epoch.phase() + "-" + epoch.epoch())
                                .data(epoch));
                    }
                }
                emitter.send(SseEmitter.event().name("status").data(StatusEvent.of(experiment)));
                lastState = state;
                lastSent = System.nanoTime();
            } else if (System.nanoTime() - lastSent > KEEP_ALIVE_NANOS) {
                emitter.send(SseEmitter.event().comment("keep-alive"));
                lastSent = System.nanoTime();
            }
            if (experiment.status().isTerminal()) {
                end();
                emitter.complete();
            }
        }
    }
}
