package dev.distillery.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import tools.jackson.databind.JsonNode;

/**
 * SQL-injection-shaped search filters, path traversal in checkpoint names, garbage ids in every
 * path with an id, and oversized headers.
 */
class HostileSearchPathAndHeaderTest {

    private static final List<String> INJECTIONS = List.of(
            "' OR '1'='1",
            "' OR 1=1 --",
            "%' OR '%'='",
            "'; DROP TABLE experiments; --",
            "\" OR \"\"=\"",
            "1; SELECT pg_sleep(5)",
            "') OR ('a'='a",
            "%",
            "_",
            "%%",
            "\\",
            "\\%",
            "' UNION SELECT * FROM experiments --",
            "$$; select 1; $$",
            "*/ OR /*",
            "\u0000",
            "' OR name LIKE '%",
            "createdAt; DROP TABLE experiments",
            "name,desc; --",
            "name desc",
            "(select 1)",
            "status,asc,extra",
            "name,(CASE WHEN 1=1 THEN 1 END)",
            "priority,desc nulls first",
            "createdAt,ASC",
            "id",
            "spec",
            "x:y",
            ":",
            "a:",
            ":b",
            "project:demo' OR 'x'='x",
            "ÄÖÜ",
            "😀",
            "\uD800",
            "𝔘",
            "İ",
            "ß");

    private static String orphanId;
    private final HostileApp app = HostileApp.get();

    @BeforeContainer
    static void seedExperiments() {
        HostileApp hostile = HostileApp.get();
        for (String spec : List.of(
                "{\"name\": \"alpha run\", \"method\": \"ce\", \"student\": {\"architecture\": \"mlp\"}, "
                        + "\"dataset\": {\"name\": \"synthetic\"}, \"tags\": {\"project\": \"demo\"}}",
                "{\"name\": \"50% off_sale\", \"method\": \"ce\", \"student\": {\"architecture\": \"mlp\"}, "
                        + "\"dataset\": {\"name\": \"synthetic\"}, \"tags\": {\"project\": \"other\"}}")) {
            HttpResponse<String> response =
                    HostileSubmissionTest.submit(hostile, "search.seed", spec.getBytes(StandardCharsets.UTF_8));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            orphanId = HostileApp.JSON.readTree(response.body()).path("id").asString();
        }
    }

    @Property(tries = 700, shrinking = ShrinkingMode.OFF)
    void searchFiltersShapedLikeSqlInjection(
            @ForAll("filters") String name,
            @ForAll("filters") String tag,
            @ForAll("filters") String method,
            @ForAll("filters") String status,
            @ForAll("filters") String sort,
            @ForAll("which") int which) {
        HostileApp.tally("search.injection");
        StringBuilder query = new StringBuilder("/api/v1/experiments?size=200");
        if ((which & 1) != 0) {
            query.append("&name=").append(encode(name));
        }
        if ((which & 2) != 0) {
            query.append("&tag=").append(encode(tag));
        }
        if ((which & 4) != 0) {
            query.append("&method=").append(encode(method));
        }
        if ((which & 8) != 0) {
            query.append("&status=").append(encode(status));
        }
        if ((which & 16) != 0) {
            query.append("&sort=").append(encode(sort));
        }
        HttpResponse<String> response = app.get(query.toString());
        HostileApp.assertSaneAnswerOrContainerRejection(response, "GET " + query);
        assertThat(response.statusCode())
                .as("GET %s → %s", query, response.body())
                .isIn(200, 400);
        if (response.statusCode() == 200) {
            JsonNode page = HostileApp.JSON.readTree(response.body());
            long total = page.path("totalItems").asLong();
            assertThat(total).as("GET %s", query).isLessThanOrEqualTo(app.countExperiments());
            if ((which & 1) != 0 && !name.isBlank() && name.chars().allMatch(c -> c > 0 && c < 128)) {
                long legitimate = app.jdbc()
                        .sql("select count(*) from experiments where strpos(lower(name), ?) > 0")
                        .param(name.toLowerCase(Locale.ROOT))
                        .query(Long.class)
                        .single();
                assertThat(total).as("name filter %s in GET %s", name, query).isLessThanOrEqualTo(legitimate);
            }
            if ((which & 4) != 0 && !method.isBlank()) {
                for (JsonNode item : page.path("items")) {
                    assertThat(item.path("spec")
                                    .path("method")
                                    .asString(item.path("method").asString()))
                            .as("GET %s", query)
                            .isEqualTo(method);
                }
            }
        }
    }

    @Property(tries = 600, shrinking = ShrinkingMode.OFF)
    void checkpointNamesWithPathTraversal(@ForAll("checkpointNames") String name, @ForAll boolean knownExperiment) {
        HostileApp.tally("checkpoints.traversal");
        String id = knownExperiment ? orphanId : UUID.randomUUID().toString();
        String path = "/api/v1/experiments/" + id + "/checkpoints/" + name;
        HttpResponse<String> response;
        try {
            response = app.send(app.request(path)
                    .header("Accept", "application/octet-stream, application/problem+json")
                    .GET());
        } catch (IllegalArgumentException unsendable) {
            return; // not a URI the client can send
        }
        HostileApp.assertSaneAnswerOrContainerRejection(response, "GET " + path);
        assertThat(response.statusCode())
                .as("GET %s → %s", path, response.body())
                .isIn(400, 404);
        assertThat(response.body()).doesNotContain("root:").doesNotContain("PATH=");
    }

    @Property(tries = 700, shrinking = ShrinkingMode.OFF)
    void garbageIdsInEveryPath(@ForAll("ids") String id, @ForAll("idPaths") String template) {
        if (template.contains("?")
                && id.contains("%")
                && HostileNulAndMalformedInputTest.BAD_PERCENT_ENCODING_IN_QUERY_IS_500) {
            id = id.replace("%", "%25"); // see HostileNulAndMalformedInputTest.badPercentEncodingInQueryIsA400
        }
        if (template.contains("?")
                && HostileNulAndMalformedInputTest.BLANK_UUID_IN_COMPARISON_IS_500
                && java.net.URLDecoder.decode(id, StandardCharsets.UTF_8).isBlank()) {
            id = "blank"; // see HostileNulAndMalformedInputTest.blankIdInComparisonIsA400
        }
        HostileApp.tally("paths.garbageId");
        String path = template.replace("{id}", id);
        HttpRequest.Builder request;
        try {
            request = app.request(path).header("Accept", "application/json, application/problem+json");
        } catch (IllegalArgumentException unsendable) {
            return;
        }
        HttpResponse<String> response =
                app.send(path.endsWith("/cancel") ? request.POST(HttpRequest.BodyPublishers.noBody()) : request.GET());
        HostileApp.assertSaneAnswerOrContainerRejection(response, "GET/POST " + path);
        assertThat(response.statusCode()).as("%s → %s", path, response.body()).isIn(400, 404, 405, 406);
    }

    @Property(tries = 40, shrinking = ShrinkingMode.OFF)
    void oversizedHeaders(@ForAll("headerSizes") int size, @ForAll("headerNames") String header) {
        HostileApp.tally("headers.oversized");
        HttpResponse<String> response;
        try {
            response = app.send(app.request("/api/v1/catalog")
                    .header(header, "a".repeat(size))
                    .GET());
        } catch (java.io.UncheckedIOException closed) {
            HostileApp.tally("(oversized header: connection dropped, no answer)");
            return; // the server may drop the connection instead of answering: no 5xx either way
        }
        assertThat(response.statusCode()).as("%d-byte %s header", size, header).isLessThan(500);
        if (size >= 16 * 1024) {
            assertThat(response.statusCode()).as("%d-byte header", size).isBetween(400, 499);
        }
        if (response.statusCode() == 400) {
            // over Tomcat's max-http-request-header-size: its own 400, a problem+json since ProblemErrorReportValve
            HostileApp.assertProblem(response, size + "-byte " + header + " header");
        }
    }

    @Example
    void sixtyFourKibibyteHeaderIsA4xx() {
        HostileApp.tally("headers.64KiB");
        HttpResponse<String> response = app.send(app.request("/api/v1/experiments")
                .header("X-Hostile", "h".repeat(64 * 1024))
                .GET());
        assertThat(response.statusCode()).isBetween(400, 499);
        HostileApp.assertProblem(response, "64 KiB X-Hostile header");
    }

    @AfterContainer
    static void report() {
        HostileApp.get().assertNoStrayExperiments("search, path and header cases");
        HostileApp.printTally("HostileSearchPathAndHeaderTest");
    }

    private static String encode(String text) {
        return URLEncoder.encode(Json.withoutNul(text), StandardCharsets.UTF_8);
    }

    @Provide
    Arbitrary<String> filters() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.of(INJECTIONS)),
                net.jqwik.api.Tuple.of(
                        2,
                        Arbitraries.of(
                                "alpha",
                                "ALPHA",
                                "run",
                                "50%",
                                "off_",
                                "ce",
                                "kd",
                                "QUEUED",
                                "queued",
                                "project:demo",
                                "project:other",
                                "createdAt,desc",
                                "name,asc",
                                "priority")),
                net.jqwik.api.Tuple.of(2, Hostile.nastyStrings()),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().ascii().ofMaxLength(40)),
                net.jqwik.api.Tuple.of(
                        1, Arbitraries.integers().between(1000, 20000).map("x"::repeat)));
    }

    @Provide
    Arbitrary<Integer> which() {
        return Arbitraries.integers().between(1, 31);
    }

    @Provide
    Arbitrary<String> checkpointNames() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(
                        4,
                        Arbitraries.of(
                                "..%2F..%2Fetc%2Fpasswd",
                                "%2e%2e",
                                "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                                "last/../x",
                                "last%2F..%2Fx",
                                "..",
                                "...",
                                "%2E%2E",
                                "..%5C..%5Cwindows",
                                "best%00.pt",
                                "%00",
                                "last%2Fstate",
                                ".",
                                "%2F",
                                "best;x=..",
                                "best%3B",
                                "..;",
                                "%252e%252e%252f",
                                "....//....//etc/passwd",
                                "best/..%2F..%2F..%2Fproc%2Fself%2Fenviron",
                                "..%c0%af",
                                "%c0%ae%c0%ae",
                                "last%20",
                                "BEST",
                                "best.pt",
                                "~",
                                "%7e",
                                "*",
                                "best%0d%0aX:1",
                                "%ff%fe",
                                "last%2500")),
                net.jqwik.api.Tuple.of(
                        2, Arbitraries.integers().between(256, 20_000).map("n"::repeat)),
                net.jqwik.api.Tuple.of(3, Hostile.nastyStrings().map(s -> encode(s))),
                net.jqwik.api.Tuple.of(
                        2,
                        Arbitraries.strings()
                                .withChars("./%2eEfFc5C\\~")
                                .ofMinLength(1)
                                .ofMaxLength(30)));
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.create(UUID::randomUUID).map(UUID::toString)),
                net.jqwik.api.Tuple.of(
                        3,
                        Arbitraries.of(
                                "not-a-uuid",
                                "00000000-0000-0000-0000-000000000000",
                                "ffffffff-ffff-ffff-ffff-ffffffffffff",
                                "1",
                                "-1",
                                "null",
                                "undefined",
                                "%00",
                                "%2e%2e",
                                "..%2F..",
                                "8a0e7f4e-3f7c-4b43-9a34-4a8c1bb0c0de%27%20OR%201=1",
                                "8a0e7f4e3f7c4b439a344a8c1bb0c0de",
                                "{8a0e7f4e-3f7c-4b43-9a34-4a8c1bb0c0de}",
                                "8a0e7f4e-3f7c-4b43-9a34-4a8c1bb0c0dex",
                                "8A0E7F4E-3F7C-4B43-9A34-4A8C1BB0C0DE",
                                "g-g-g-g-g",
                                "1-1-1-1-1",
                                "%F0%9F%98%80",
                                "%ED%A0%80",
                                "%27%3B--",
                                "a".repeat(3000))),
                net.jqwik.api.Tuple.of(
                        2,
                        Arbitraries.strings()
                                .withChars("0123456789abcdefABCDEF-xg%")
                                .ofMinLength(1)
                                .ofMaxLength(45)),
                net.jqwik.api.Tuple.of(
                        1, Hostile.nastyStrings().filter(s -> !s.isEmpty()).map(s -> encode(s))));
    }

    @Provide
    Arbitrary<String> idPaths() {
        return Arbitraries.of(
                "/api/v1/experiments/{id}",
                "/api/v1/experiments/{id}/cancel",
                "/api/v1/experiments/{id}/metrics",
                "/api/v1/experiments/{id}/checkpoints",
                "/api/v1/experiments/{id}/checkpoints/best",
                "/api/v1/groups/{id}",
                "/api/v1/sweeps/{id}",
                "/api/v1/sweeps/{id}/heatmap?x=zscore&y=temperature",
                "/api/v1/comparisons?ids={id},{id}",
                "/api/v1/comparisons?ids={id}",
                "/api/v1/comparisons/chart?ids={id},{id}&metric=testTop1",
                "/api/v1/comparisons?ids=" + UUID.randomUUID() + ",{id}&baseline={id}");
    }

    @Provide
    Arbitrary<Integer> headerSizes() {
        return Arbitraries.of(100, 4_000, 7_900, 8_200, 9_000, 16 * 1024, 32 * 1024, 64 * 1024, 200_000);
    }

    @Provide
    Arbitrary<String> headerNames() {
        return Arbitraries.of(
                "X-Hostile",
                "Cookie",
                "Authorization",
                "Accept",
                "Accept-Language",
                "User-Agent",
                "Idempotency-Key",
                "If-None-Match",
                "Referer");
    }
}
