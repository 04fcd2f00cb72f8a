package dev.distillery.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Hostile inputs that used to get a 500 (NUL characters headed for jsonb or SQL, undecodable query
 * strings, empty comparison ids); each must now be a 4xx problem and create nothing.
 */
class HostileNulAndMalformedInputTest {

    private static final String CE =
            "\"method\": \"ce\", \"student\": {\"architecture\": \"mlp\"}, " + "\"dataset\": {\"name\": \"synthetic\"}";

    /** While true, generated query strings avoid percent-encodings that are not UTF-8. */
    static final boolean BAD_PERCENT_ENCODING_IN_QUERY_IS_500 = false;

    /** While true, generated comparison ids are never blank. */
    static final boolean BLANK_UUID_IN_COMPARISON_IS_500 = false;

    private final HostileApp app = HostileApp.get();

    private void rejectedWithoutTrace(String path, String body) {
        long before = app.countExperiments();
        HttpResponse<String> response = app.postJson(path, body);
        HostileApp.assertSaneAnswer(response, body);
        assertThat(response.statusCode()).as("%s → %s", body, response.body()).isEqualTo(400);
        assertThat(app.countExperiments()).as("experiments left by %s", body).isEqualTo(before);
    }

    @Test
    void nulInNameIsA400() {
        rejectedWithoutTrace("/api/v1/experiments", "{" + CE + ", \"name\": \"a\\u0000b\"}");
    }

    @Test
    void nulInTagValueIsA400() {
        rejectedWithoutTrace("/api/v1/experiments", "{" + CE + ", \"tags\": {\"k\": \"\\u0000\"}}");
    }

    @Test
    void nulInDatasetPathIsA400() {
        rejectedWithoutTrace(
                "/api/v1/experiments",
                "{\"method\": \"ce\", \"student\": {\"architecture\": \"mlp\"}, "
                        + "\"dataset\": {\"name\": \"synthetic\", \"path\": \"a\\u0000\"}}");
    }

    @Test
    void nulInSweepSpecIsA400() {
        rejectedWithoutTrace(
                "/api/v1/sweeps",
                "{\"spec\": {" + CE + ", \"name\": \"\\u0000\"}, " + "\"grid\": {\"temperature\": [1, 2]}}");
    }

    @Test
    void nulInSearchFiltersIsA400OrEmpty() {
        for (String parameter : new String[] {"name", "method", "tag"}) {
            String value = parameter.equals("tag") ? "k:\u0000" : "a\u0000";
            HttpResponse<String> response = app.get(
                    "/api/v1/experiments?" + parameter + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            HostileApp.assertSaneAnswer(response, parameter + "=" + value);
            assertThat(response.statusCode()).isIn(200, 400);
        }
    }

    @Test
    void badPercentEncodingInQueryIsA400() {
        for (String path : new String[] {
            "/api/v1/comparisons?ids=E7eBe%CC,E7eBe%CC",
            "/api/v1/comparisons/chart?ids=%FF,%FF",
            "/api/v1/experiments?name=%C3%28",
            "/api/v1/sweeps/" + java.util.UUID.randomUUID() + "/heatmap?x=%ED%A0%80&y=zscore"
        }) {
            HttpResponse<String> response = app.get(path);
            HostileApp.assertSaneAnswer(response, "GET " + path);
            assertThat(response.statusCode()).as("GET %s", path).isEqualTo(400);
        }
    }

    @Test
    void blankIdInComparisonIsA400() {
        String id = java.util.UUID.randomUUID().toString();
        for (String path : new String[] {
            "/api/v1/comparisons?ids=" + id + ",+&baseline=+",
            "/api/v1/comparisons?ids=" + id + ",+",
            "/api/v1/comparisons?ids=" + id + "," + id + "&baseline=+",
            "/api/v1/comparisons/chart?ids=" + id + ",+",
            "/api/v1/comparisons?ids=+,+"
        }) {
            HttpResponse<String> response = app.get(path);
            HostileApp.assertSaneAnswer(response, "GET " + path);
            assertThat(response.statusCode()).as("GET %s", path).isIn(400, 404);
        }
    }
}
