package dev.distillery.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Slow clients (slowloris): a request whose headers or body trickle in one byte at a time, each byte well within the
 * read timeout, is dropped once the receive time is up; normal requests keep their latency meanwhile.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "distillery.workers=0",
            "distillery.devices=cpu",
            "distillery.api.read-timeout=2s",
            "distillery.api.request-receive-timeout=3s"
        })
@ActiveProfiles("test")
class SlowClientTest {

    /** How long a trickle goes on at most; without the limits Tomcat would keep it for all of it. */
    private static final long TRICKLE_MILLIS = 15_000;

    @LocalServerPort
    int port;

    @Test
    void aTrickledHeaderIsDroppedOnceTheReceiveTimeIsUp() throws Exception {
        assertThat(trickle("GET /api/v1/catalog HTTP/1.1\r\nHost: localhost\r\nX-Slow: ", 500))
                .isLessThan(8_000);
    }

    @Test
    void aTrickledBodyIsAnswered408OrDroppedOnceTheReceiveTimeIsUp() throws Exception {
        assertThat(trickle(
                        "POST /api/v1/analysis/kl HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                                + "Content-Length: 500\r\n\r\n{\"teacher\": [[1, 2]], \"student\": [[2, 1]], \"x\": \"",
                        500))
                .isLessThan(8_000);
    }

    @Test
    void aBodyThatStallsPastTheReadTimeoutIsA408NotADatabaseOutage() throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(8_000);
            socket.getOutputStream()
                    .write(("POST /api/v1/analysis/kl HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                                    + "Content-Length: 500\r\n\r\n{\"teacher\": ")
                            .getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 408 ").doesNotContain("Database unavailable");
        }
    }

    @Test
    void normalRequestsKeepTheirLatencyWhileSlowClientsTrickle() throws Exception {
        ExecutorService slow = Executors.newFixedThreadPool(30);
        try {
            List<Future<Long>> trickles = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String head = i % 2 == 0
                        ? "GET /api/v1/catalog HTTP/1.1\r\nHost: localhost\r\nX-Slow: "
                        : "POST /api/v1/analysis/kl HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                                + "Content-Length: 500\r\n\r\n{\"x\": \"";
                trickles.add(slow.submit(() -> trickle(head, 500)));
            }
            Thread.sleep(1_000);
            HttpClient http = HttpClient.newHttpClient();
            List<Long> latencies = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                long start = System.nanoTime();
                HttpResponse<String> answer = http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/catalog"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).isEqualTo(200);
                latencies.add((System.nanoTime() - start) / 1_000_000);
            }
            assertThat(latencies.stream().sorted().toList().get(latencies.size() / 2))
                    .as("median latency (ms) of %s", latencies)
                    .isLessThan(1_000);
            for (Future<Long> trickle : trickles) {
                assertThat(trickle.get()).isLessThan(8_000);
            }
        } finally {
            slow.shutdownNow();
        }
    }

    /**
     * Sends {@code head}, then one byte every {@code pause} ms until the server answers or closes, or
     * {@link #TRICKLE_MILLIS} pass.
     *
     * @return the milliseconds the server kept the connection
     */
    private long trickle(String head, long pause) throws Exception {
        long start = System.nanoTime();
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout((int) pause);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            while ((System.nanoTime() - start) / 1_000_000 < TRICKLE_MILLIS) {
                try {
                    in.read();
                    break; // an answer (e.g. 408) or the end of the connection
                } catch (java.net.SocketTimeoutException stillOpen) {
                    // nothing yet
                }
                try {
                    out.write('a');
                    out.flush();
                } catch (IOException closed) {
                    break;
                }
            }
        } catch (IOException reset) {
            // the server dropped the connection
        }
        return (System.nanoTime() - start) / 1_000_000;
    }
}
