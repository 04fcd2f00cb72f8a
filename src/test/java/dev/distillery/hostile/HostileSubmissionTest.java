package dev.distillery.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import tools.jackson.databind.JsonNode;

/**
 * Hostile submissions to POST /api/v1/experiments: valid random specs are 201, everything else a
 * 4xx problem, never a 5xx, and only 201 answers leave experiments behind.
 */
class HostileSubmissionTest {

    private static final String EXPERIMENTS = "/api/v1/experiments";
    private final HostileApp app = HostileApp.get();

    /** Submits and checks the answer and that exactly the experiments a 201 announces were created. */
    static HttpResponse<String> submit(HostileApp app, String property, byte[] body) {
        HostileApp.tally(property);
        String shown = new String(body, StandardCharsets.UTF_8);
        long before = app.countExperiments();
        HttpResponse<String> response = app.postJson(EXPERIMENTS, body);
        HostileApp.assertSaneAnswer(response, shown);
        long created = app.countExperiments() - before;
        if (response.statusCode() == 201) {
            JsonNode sent = HostileApp.JSON.readTree(body);
            int repeats = sent.path("repeats").isNumber() ? sent.path("repeats").asInt() : 1;
            assertThat(created)
                    .as("experiments created by 201 to %s", HostileApp.abbreviate(shown))
                    .isEqualTo(repeats);
            app.expectMore(created);
        } else {
            assertThat(response.statusCode())
                    .as("answer to %s", HostileApp.abbreviate(shown))
                    .isNotEqualTo(200);
            assertThat(created)
                    .as(
                            "experiments left by rejected %s → %s",
                            HostileApp.abbreviate(shown), HostileApp.abbreviate(response.body()))
                    .isZero();
        }
        return response;
    }

    @Property(tries = 250, shrinking = ShrinkingMode.OFF)
    void validRandomSpecsAreCreated(@ForAll("validSpecs") Map<String, Object> spec) {
        String body = Json.write(spec);
        HttpResponse<String> response =
                submit(app, "submission.validRandomSpec", body.getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode())
                .as("valid %s → %s", body, response.body())
                .isEqualTo(201);
        assertThat(response.headers().firstValue("Location")).isPresent();
    }

    @Property(tries = 1400, shrinking = ShrinkingMode.OFF)
    void everyFieldWithHostileValues(
            @ForAll("validSpecs") Map<String, Object> spec,
            @ForAll("paths") String path,
            @ForAll("hostileValues") Object value,
            @ForAll("paths") String secondPath,
            @ForAll("hostileValues") Object secondValue,
            @ForAll boolean two) {
        Hostile.set(spec, path, value);
        if (two) {
            Hostile.set(spec, secondPath, secondValue);
        }
        submit(app, "submission.hostileFieldValue", Json.write(spec).getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 300, shrinking = ShrinkingMode.OFF)
    void missingFields(@ForAll("validSpecs") Map<String, Object> spec, @ForAll("paths") String path) {
        Hostile.set(spec, path, Hostile.REMOVE);
        submit(app, "submission.missingField", Json.write(spec).getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 1200, shrinking = ShrinkingMode.OFF)
    void malformedJson(
            @ForAll("validSpecs") Map<String, Object> spec,
            @ForAll("mutations") int mutation,
            @ForAll("positions") double where,
            @ForAll("junk") String junk) {
        String text = Json.write(spec);
        int at = (int) (where * text.length());
        String mutated =
                switch (mutation) {
                    case 0 -> text.substring(0, at);
                    case 1 -> text.substring(0, at) + text.substring(Math.min(text.length(), at + 1));
                    case 2 -> text.substring(0, at) + junk + text.substring(at);
                    case 3 ->
                        text.substring(0, at) + junk + text.substring(Math.min(text.length(), at + junk.length()));
                    case 4 -> text + junk;
                    case 5 -> junk + text;
                    case 6 -> text.substring(at) + text.substring(0, at);
                    default -> text.replace(':', junk.isEmpty() ? '=' : junk.charAt(0));
                };
        submit(app, "submission.malformedJson", mutated.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 500, shrinking = ShrinkingMode.OFF)
    void randomJsonTrees(@ForAll("trees") Object tree) {
        submit(app, "submission.randomJsonTree", Json.write(tree).getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 300, shrinking = ShrinkingMode.OFF)
    void randomBytes(@ForAll("bytes") byte[] body) {
        submit(app, "submission.randomBytes", body);
    }

    @Property(tries = 400, shrinking = ShrinkingMode.OFF)
    void unicodeNamesAndTags(
            @ForAll("validSpecs") Map<String, Object> spec,
            @ForAll("nasty") String name,
            @ForAll("nasty") String tagKey,
            @ForAll("nasty") String tagValue) {
        spec.put("name", name);
        spec.put("tags", Map.of(tagKey, tagValue));
        HttpResponse<String> response =
                submit(app, "submission.unicodeNameAndTag", Json.write(spec).getBytes(StandardCharsets.UTF_8));
        if (response.statusCode() == 201) {
            String id = HostileApp.JSON.readTree(response.body()).path("id").asString();
            HttpResponse<String> read = app.get(EXPERIMENTS + "/" + id);
            HostileApp.assertSaneAnswer(read, "GET " + id);
            assertThat(read.statusCode()).isEqualTo(200);
        }
    }

    @Property(tries = 24, shrinking = ShrinkingMode.OFF)
    void bodiesAroundTheOneMebibyteLimit(
            @ForAll("validSpecs") Map<String, Object> spec,
            @ForAll("sizes") int size,
            @ForAll boolean padWithWhitespace) {
        spec.put("name", "n");
        String json = Json.write(spec);
        String body;
        if (padWithWhitespace) {
            body = json.substring(0, json.length() - 1) + " ".repeat(Math.max(0, size - json.length())) + "}";
        } else {
            spec.put("name", "y".repeat(Math.max(1, size - json.length())));
            body = Json.write(spec);
        }
        HttpResponse<String> response =
                submit(app, "submission.bodyAroundLimit", body.getBytes(StandardCharsets.UTF_8));
        int bytes = body.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > 1_048_576) {
            assertThat(response.statusCode()).as("%d bytes", bytes).isEqualTo(413);
        } else if (padWithWhitespace) {
            assertThat(response.statusCode())
                    .as("%d bytes of valid JSON → %s", bytes, response.body())
                    .isEqualTo(201);
        } else {
            assertThat(response.statusCode())
                    .as("%d bytes, name too long", bytes)
                    .isEqualTo(400);
        }
    }

    @Example
    void hugeArraysAndStringsOverTheLimitAre413() {
        for (String body : new String[] {
            "{\"tags\": {\"a\": \"" + "z".repeat(2_000_000) + "\"}}",
            "[" + "1,".repeat(1_000_000) + "1]",
            "{\"name\": \"" + "😀".repeat(300_000) + "\"}"
        }) {
            HttpResponse<String> response =
                    submit(app, "submission.hugeOverLimit", body.getBytes(StandardCharsets.UTF_8));
            assertThat(response.statusCode()).isEqualTo(413);
        }
    }

    @AfterContainer
    static void report() {
        HostileApp.get().assertNoStrayExperiments("all generated submissions");
        HostileApp.printTally("HostileSubmissionTest");
    }

    @Provide
    Arbitrary<Map<String, Object>> validSpecs() {
        return Hostile.validSpecs();
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.of(Hostile.PATHS);
    }

    @Provide
    Arbitrary<Object> hostileValues() {
        return Hostile.hostileValues();
    }

    @Provide
    Arbitrary<Integer> mutations() {
        return Arbitraries.integers().between(0, 7);
    }

    @Provide
    Arbitrary<Double> positions() {
        return Arbitraries.doubles().between(0, 1);
    }

    @Provide
    Arbitrary<String> junk() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("{}[],:\"\\ 0-eE.tfn/*'").ofMaxLength(5),
                Arbitraries.strings().all().ofMaxLength(5),
                Arbitraries.of("\\u", "\\uD800", "\"\\", "/*", "//", "\u0000", "NaN", ",,", "}}}}", "[[[["));
    }

    @Provide
    Arbitrary<Object> trees() {
        return Hostile.jsonTrees(4);
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    }

    @Provide
    Arbitrary<String> nasty() {
        return Hostile.nastyStrings();
    }

    @Provide
    Arbitrary<Integer> sizes() {
        return Arbitraries.of(1_000_000, 1_048_000, 1_048_570, 1_048_576, 1_048_577, 1_048_600, 1_100_000, 3_000_000);
    }
}
