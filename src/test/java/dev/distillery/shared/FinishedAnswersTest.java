package dev.distillery.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class FinishedAnswersTest {

    private final FinishedAnswers answers =
            new FinishedAnswers(JsonMapper.builder().build());
    private final AtomicInteger reads = new AtomicInteger();

    @Test
    void anEndedAnswerIsReadOnceAndServedAsWrittenThen() {
        assertThat(body("a", Map.of("epochs", List.of(0.25, 0.5)), true)).isEqualTo("{\"epochs\":[0.25,0.5]}");
        assertThat(body("a", Map.of("epochs", List.of(0.75)), true)).isEqualTo("{\"epochs\":[0.25,0.5]}");
        assertThat(reads).hasValue(1);
    }

    @Test
    void anAnswerAboutARunningRunIsReadEveryTime() {
        assertThat(body("b", List.of(1), false)).isEqualTo("[1]");
        assertThat(body("b", List.of(1, 2), false)).isEqualTo("[1,2]");
        assertThat(body("b", List.of(1, 2), true)).isEqualTo("[1,2]");
        assertThat(reads).hasValue(3);
    }

    @Test
    void aFailedReadIsThrownAsItWasAndNotKept() {
        IllegalStateException unreachable = new IllegalStateException("database away");
        assertThatThrownBy(() -> answers.json("c", () -> {
                    throw unreachable;
                }))
                .isSameAs(unreachable);
        assertThat(body("c", List.of(3), true)).isEqualTo("[3]");
    }

    @Test
    void requestsThatComeDuringAReadShareItsAnswer() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch reading = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            List<Future<String>> bodies = new ArrayList<>();
            bodies.add(clients.submit(() -> new String(
                    answers.json("d", () -> {
                                reads.incrementAndGet();
                                reading.countDown();
                                await(release);
                                return new FinishedAnswers.Answer(List.of(4), false);
                            })
                            .getBody(),
                    StandardCharsets.UTF_8)));
            assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 3; i++) {
                bodies.add(clients.submit(() -> body("d", List.of(5), false)));
            }
            Thread.sleep(1_000); // the three are waiting for the first read
            release.countDown();
            for (Future<String> body : bodies) {
                assertThat(body.get(10, TimeUnit.SECONDS)).isEqualTo("[4]");
            }
            assertThat(reads).hasValue(1);
            assertThat(body("d", List.of(6), false))
                    .as("not kept: it was running")
                    .isEqualTo("[6]");
        } finally {
            clients.shutdownNow();
        }
    }

    private String body(String key, Object answer, boolean ended) {
        return new String(
                answers.json(key, () -> {
                            reads.incrementAndGet();
                            return new FinishedAnswers.Answer(answer, ended);
                        })
                        .getBody(),
                StandardCharsets.UTF_8);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
