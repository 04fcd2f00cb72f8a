package dev.distillery.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * With API-key security on: every key that is not the key (random, near misses, injections, huge,
 * in every header form) gets 401 on every endpoint class, never a 2xx or 403, never an echo of
 * itself, and creates nothing.
 */
class HostileAuthTest {

    private static final String SPEC = "{\"method\": \"ce\", \"student\": {\"architecture\": \"mlp\"}, "
            + "\"dataset\": {\"name\": \"synthetic\"}}";
    private static String experimentId;
    private final HostileApp app = HostileApp.secured();

    /** An endpoint of each class: read, submit, cancel, download, admin. */
    private record Endpoint(String method, String path, String body) {}

    @BeforeContainer
    static void oneExperiment() {
        HostileApp secured = HostileApp.secured();
        HttpResponse<String> created = secured.send(secured.request("/api/v1/experiments")
                .header("Content-Type", "application/json")
                .header("X-API-Key", HostileApp.SUBMITTER_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(SPEC)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        secured.expectMore(1);
        experimentId = HostileApp.JSON.readTree(created.body()).path("id").asString();
    }

    @Property(tries = 1500, shrinking = ShrinkingMode.OFF)
    void anythingButTheKeyIsUnauthorized(
            @ForAll("keys") String key, @ForAll("presentations") int presentation, @ForAll("endpoints") int endpoint) {
        HostileApp.tally("auth.not-the-key");
        Endpoint target = targets().get(endpoint);
        HttpResponse<String> response;
        try {
            response = app.send(withKey(request(target), key, presentation));
        } catch (java.io.UncheckedIOException closed) {
            // over Tomcat's header limit the server answers 400 and closes, possibly before the client has
            // written the whole header: the client then sees a broken pipe, never an answer that lets it in
            assertThat(key.length())
                    .as("a dropped connection for a %d-character key", key.length())
                    .isGreaterThanOrEqualTo(8_000);
            HostileApp.tally("(huge key: connection dropped, no answer)");
            return;
        }
        String described = target.method() + " " + target.path() + " with key form " + presentation;
        HostileApp.assertSaneAnswerOrContainerRejection(response, described);
        assertThat(response.statusCode())
                .as("%s → %s", described, HostileApp.abbreviate(response.body()))
                .isIn(400, 401);
        if (key.length() >= 8) {
            assertThat(response.body()).as("the answer never echoes the key").doesNotContain(key.strip());
        }
    }

    @Example
    void theKeyItselfGetsInWithItsRoleOnly() {
        assertThat(app.send(withKey(request(targets().get(0)), HostileApp.SUBMITTER_KEY, 0))
                        .statusCode())
                .isEqualTo(200);
        assertThat(app.send(withKey(request(targets().get(2)), HostileApp.SUBMITTER_KEY, 2))
                        .statusCode())
                .isEqualTo(201);
        app.expectMore(1);
        assertThat(app.send(withKey(request(targets().get(5)), HostileApp.SUBMITTER_KEY, 1))
                        .statusCode())
                .isEqualTo(403);
    }

    @AfterContainer
    static void report() {
        HostileApp.secured().assertNoStrayExperiments("auth cases");
        HostileApp.printTally("HostileAuthTest");
    }

    private static List<Endpoint> targets() {
        String id = experimentId;
        return List.of(
                new Endpoint("GET", "/api/v1/experiments/" + id, null),
                new Endpoint("GET", "/api/v1/experiments?name=a", null),
                new Endpoint("POST", "/api/v1/experiments", SPEC),
                new Endpoint("POST", "/api/v1/sweeps", "{\"spec\": " + SPEC + ", \"grid\": {\"zscore\": [true]}}"),
                new Endpoint("POST", "/api/v1/experiments/" + id + "/cancel", null),
                new Endpoint("GET", "/api/v1/admin/keys", null),
                new Endpoint("POST", "/api/v1/admin/keys", "{\"name\": \"intruder\", \"roles\": [\"admin\"]}"),
                new Endpoint("GET", "/api/v1/experiments/" + id + "/checkpoints/last", null),
                new Endpoint("GET", "/actuator/prometheus", null));
    }

    private HttpRequest.Builder request(Endpoint endpoint) {
        HttpRequest.Builder request = app.request(endpoint.path()).header("Accept", "application/json");
        return endpoint.body() == null
                ? request.method(endpoint.method(), HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json")
                        .method(
                                endpoint.method(),
                                HttpRequest.BodyPublishers.ofString(endpoint.body(), StandardCharsets.UTF_8));
    }

    private static HttpRequest.Builder withKey(HttpRequest.Builder request, String key, int presentation) {
        return switch (presentation) {
            case 0 -> request.header("Authorization", "Bearer " + key);
            case 1 -> request.header("Authorization", "bearer " + key);
            case 2 -> request.header("X-API-Key", key);
            case 3 -> request.header("Authorization", "Basic " + key);
            case 4 -> request.header("Authorization", key);
            // the real key next to another one: two different keys are refused, whichever is right
            case 5 -> request.header("X-API-Key", HostileApp.SUBMITTER_KEY).header("Authorization", "Bearer " + key);
            default -> request.header("X-API-Key", key).header("Authorization", "Bearer " + HostileApp.SUBMITTER_KEY);
        };
    }

    @Provide
    Arbitrary<Integer> presentations() {
        return Arbitraries.integers().between(0, 6);
    }

    @Provide
    Arbitrary<Integer> endpoints() {
        return Arbitraries.integers().between(0, 8);
    }

    @Provide
    Arbitrary<String> keys() {
        String real = HostileApp.SUBMITTER_KEY;
        Arbitrary<String> printable = Arbitraries.strings()
                .withCharRange('!', '~')
                .withChars(' ')
                .ofMinLength(1)
                .ofMaxLength(200);
        Arbitrary<String> nearMisses = Arbitraries.integers()
                .between(0, real.length() - 1)
                .flatMap(at -> Arbitraries.chars().range('!', '~').map(c -> switch (at % 4) {
                    case 0 -> real.substring(0, at) + c + real.substring(at + 1);
                    case 1 -> real.substring(0, at) + real.substring(at + 1);
                    case 2 -> real + c;
                    default -> real.toUpperCase(Locale.ROOT);
                }));
        Arbitrary<String> huge = Arbitraries.integers().between(8_000, 70_000).map("k"::repeat);
        Arbitrary<String> injections = Arbitraries.of(
                "' OR '1'='1",
                "admin",
                "null",
                "undefined",
                "*",
                "%",
                real + "\t",
                real.substring(1),
                "dk_",
                "0".repeat(64));
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(5, printable), net.jqwik.api.Tuple.of(4, nearMisses),
                        net.jqwik.api.Tuple.of(1, huge), net.jqwik.api.Tuple.of(2, injections))
                .filter(key -> !key.strip().equals(real) && !key.isBlank());
    }
}
