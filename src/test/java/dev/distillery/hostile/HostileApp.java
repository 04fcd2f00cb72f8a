package dev.distillery.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.DistilleryApplication;
import dev.distillery.shared.Sha256;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The whole service (real embedded PostgreSQL, no workers, CPU only) on a real port, started once
 * for all hostile-input properties of this JVM, and the checks every answer must pass.
 */
final class HostileApp {

    static final ObjectMapper JSON = new ObjectMapper();

    private static HostileApp instance;

    private final ConfigurableApplicationContext context;
    private final HttpClient http;
    private final String base;
    private final JdbcClient jdbc;
    /** Experiments that 201 answers (submissions and sweeps) created so far. */
    private final AtomicLong expectedExperiments = new AtomicLong();

    private static final Map<String, AtomicInteger> CASES = new ConcurrentHashMap<>();

    /** The one valid key of the {@link #secured()} instance (role submitter). */
    static final String SUBMITTER_KEY = "hostile-submitter-key-4c1d";

    private static HostileApp secured;

    private HostileApp(String... settings) {
        List<String> args = new ArrayList<>(List.of(
                "--distillery.workers=0",
                "--distillery.devices=cpu",
                "--server.port=0",
                // thousands of valid submissions pile up (no workers): keep back-pressure out of the way
                "--distillery.queue.max-queued=1000000",
                "--spring.main.banner-mode=off"));
        args.addAll(List.of(settings));
        context = new SpringApplicationBuilder(DistilleryApplication.class)
                .profiles("test")
                .run(args.toArray(String[]::new));
        base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
        http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        jdbc = context.getBean(JdbcClient.class);
        expectedExperiments.set(countExperiments());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (context.isActive()) {
                context.close();
            }
        }));
    }

    static synchronized HostileApp get() {
        if (instance == null) {
            instance = new HostileApp();
        }
        return instance;
    }

    /** A second instance with API-key security on and one submitter key, {@link #SUBMITTER_KEY}. */
    static synchronized HostileApp secured() {
        if (secured == null) {
            secured = new HostileApp(
                    "--distillery.security.enabled=true",
                    "--distillery.security.keys[0].name=hostile",
                    "--distillery.security.keys[0].roles=submitter",
                    "--distillery.security.keys[0].hash=" + Sha256.hex(SUBMITTER_KEY));
        }
        return secured;
    }

    /** Counts one generated case of the named property. */
    static void tally(String property) {
        CASES.computeIfAbsent(property, p -> new AtomicInteger()).incrementAndGet();
    }

    /** Prints the cases each property ran (called after each container). */
    static void printTally(String container) {
        Map<String, AtomicInteger> sorted = new TreeMap<>(CASES);
        int total = 0;
        StringBuilder out = new StringBuilder("[hostile] after " + container + ":\n");
        for (Map.Entry<String, AtomicInteger> entry : sorted.entrySet()) {
            out.append(String.format(
                    "[hostile]   %-45s %6d cases%n",
                    entry.getKey(), entry.getValue().get()));
            if (!entry.getKey().startsWith("(")) {
                total += entry.getValue().get();
            }
        }
        out.append("[hostile]   total so far ").append(total).append(" generated cases");
        System.out.println(out);
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    long countExperiments() {
        return jdbc.sql("select count(*) from experiments").query(Long.class).single();
    }

    void expectMore(long experiments) {
        expectedExperiments.addAndGet(experiments);
    }

    /** The database holds exactly the experiments 201 answers created: no rejected submission left one. */
    void assertNoStrayExperiments(String lastRequest) {
        assertThat(countExperiments())
                .as("experiments in the database after %s", abbreviate(lastRequest))
                .isEqualTo(expectedExperiments.get());
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(
                    request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> postJson(String path, String body) {
        return postJson(path, body.getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> postJson(String path, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, application/problem+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    HttpResponse<String> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET());
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(base + pathAndQuery));
    }

    /**
     * Every answer to a hostile request: a 2xx, or a 4xx RFC 9457 problem whose {@code status}
     * is the HTTP status; never a 5xx.
     */
    static void assertSaneAnswer(HttpResponse<String> response, String request) {
        int code = response.statusCode();
        assertThat(code)
                .as("status of %s → %s", abbreviate(request), abbreviate(response.body()))
                .isBetween(200, 499)
                .matches(c -> c < 300 || c >= 400, "not a redirect");
        if (code >= 400) {
            assertProblem(response, request);
        }
    }

    /** The problem type of the 400 that Tomcat itself answers (through the host's ProblemErrorReportValve). */
    static final String CONTAINER_REJECTION_TYPE = "urn:problem-type:distillery:malformed-request";

    /**
     * As {@link #assertSaneAnswer}, for requests Tomcat itself may refuse before any application code
     * runs (request line too long, percent-encoding that is not UTF-8, illegal characters): those
     * answers must be problem+json 400s too (no HTML error page), and are counted.
     */
    static void assertSaneAnswerOrContainerRejection(HttpResponse<String> response, String request) {
        assertSaneAnswer(response, request);
        if (response.statusCode() == 400
                && CONTAINER_REJECTION_TYPE.equals(
                        JSON.readTree(response.body()).path("type").asString())) {
            tally("(tomcat-level 400, problem+json)");
        }
    }

    static void assertProblem(HttpResponse<String> response, String request) {
        int code = response.statusCode();
        assertThat(code)
                .as("status of %s → %s", abbreviate(request), abbreviate(response.body()))
                .isBetween(400, 499);
        assertThat(response.headers().firstValue("Content-Type").orElse(""))
                .as("content type of %d to %s → %s", code, abbreviate(request), abbreviate(response.body()))
                .startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt(-1))
                .as("problem status of %s → %s", abbreviate(request), abbreviate(response.body()))
                .isEqualTo(code);
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() <= 600 ? text : text.substring(0, 600) + "…(" + text.length() + " chars)";
    }
}
