package dev.distillery.shared;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON answers that can no longer change, kept serialized: the metrics of an ended run, a comparison of ended runs.
 * An ended run (SUCCEEDED, FAILED or CANCELLED) is never started again and nothing edits or deletes it, so its answer
 * is served from memory, without the database and without writing thousands of numbers as JSON again (a comparison of
 * 10 runs × 240 epochs costs about 50 ms of CPU to build). At most {@link #MAX_BYTES} are kept, the least recently
 * used answer leaving first.
 */
@Component
public class FinishedAnswers {

    static final long MAX_BYTES = 64L << 20;

    private final Cache<String, byte[]> answers = Caffeine.newBuilder()
            .maximumWeight(MAX_BYTES)
            .weigher((String key, byte[] body) -> key.length() + body.length)
            .build();
    /**
     * Answers being read: a request for one of them shares that read (after a start, 50 comparisons a second would
     * otherwise each build the same 412 KB).
     */
    private final Map<String, CompletableFuture<byte[]>> reading = new ConcurrentHashMap<>();

    private final JsonMapper json;

    FinishedAnswers(JsonMapper json) {
        this.json = json;
    }

    /**
     * The answer kept under {@code key}, else {@code read}'s, kept when it says its runs have ended. {@code read}
     * must learn that the runs have ended before it reads what it answers, so that nothing it answers predates the
     * end. A request that comes while the same answer is being read gets that read's answer or failure.
     */
    public ResponseEntity<byte[]> json(String key, Supplier<Answer> read) {
        byte[] body = answers.getIfPresent(key);
        if (body == null) {
            CompletableFuture<byte[]> mine = new CompletableFuture<>();
            CompletableFuture<byte[]> theirs = reading.putIfAbsent(key, mine);
            body = theirs == null ? read(key, read, mine) : shared(theirs);
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private byte[] read(String key, Supplier<Answer> read, CompletableFuture<byte[]> mine) {
        try {
            Answer answer = read.get();
            byte[] body = json.writeValueAsBytes(answer.body());
            if (answer.ended()) {
                answers.put(key, body);
            }
            mine.complete(body);
            return body;
        } catch (RuntimeException | Error failure) {
            mine.completeExceptionally(failure);
            throw failure;
        } finally {
            reading.remove(key, mine);
        }
    }

    /** The other read's answer, or its failure as it was thrown (so it is answered as a failure of this request). */
    private static byte[] shared(CompletableFuture<byte[]> read) {
        try {
            return read.join();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw failed;
        }
    }

    /** What to answer, and whether every run it is about had ended before it was read. */
    public record Answer(Object body, boolean ended) {}
}
