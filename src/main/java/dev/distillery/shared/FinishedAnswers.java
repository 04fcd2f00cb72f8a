package dev.distillery.shared;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON answers that can no longer change, kept serialized: the metrics of an ended run, a comparison of ended runs.
 * An ended run (SUCCEEDED, FAILED or CANCELLED) is never started again and nothing edits or deletes it, so its answer
 * is served from memory, without the database and without writing thousands of numbers as JSON again (a comparison of
 * 10 runs × 240 epochs costs about 50 ms of CPU to build). At most {@link #MAX_BYTES} are kept, the least recently used
 * answer leaving first.
 */
@Component
public class FinishedAnswers {

    static final long MAX_BYTES = 64L << 20;

    private final Cache<String, byte[]> answers = Caffeine.newBuilder()
            .maximumWeight(MAX_BYTES)
            .weigher((String key, byte[] body) -> key.length() + body.length)
            .build();
    private final JsonMapper json;

    FinishedAnswers(JsonMapper json) {
        this.json = json;
    }

    /**
     * The answer kept under {@code key}, else {@code read}'s, kept when it says its runs have ended. {@code read}
     * must learn that the runs have ended before it reads what it answers, so that nothing it answers predates the
     * end.
     */
    public ResponseEntity<byte[]> json(String key, Supplier<Answer> read) {
        byte[] body = answers.getIfPresent(key);
        if (body == null) {
            // read outside the cache's locks: a running run's answer is never kept, and its read may wait seconds
            // for an unreachable database
            Answer answer = read.get();
            body = json.writeValueAsBytes(answer.body());
            if (answer.ended()) {
                answers.put(key, body);
            }
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    /** What to answer, and whether every run it is about had ended before it was read. */
    public record Answer(Object body, boolean ended) {}
}
