package dev.distillery.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.shared.ProblemTypes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Requests embedded Tomcat rejects itself, before Spring MVC sees them, are answered with RFC 9457
 * problem+json rather than Tomcat's HTML error page. Sent as raw bytes over a socket: HTTP clients
 * refuse to send such requests.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"distillery.workers=0", "distillery.devices=cpu"})
@ActiveProfiles("test")
class TomcatErrorPagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @ParameterizedTest(name = "GET /api/v1/experiments/{0}")
    @ValueSource(
            strings = {
                "%zz", // not percent-encoding at all
                "%4", // truncated percent-encoding
                "%FF%FE", // percent-encoded bytes that are not UTF-8
                "a%2Fb", // encoded solidus, rejected by default
                "%00", // encoded NUL
                "a|b", // illegal character in the request target
                "{id}", // raw braces
                "a\"b" // raw quote
            })
    void aMalformedRequestTargetIsAProblem(String segment) throws IOException {
        RawResponse response = send("GET /api/v1/experiments/" + segment + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n");

        assertMalformedRequestProblem(response);
        assertThat(response.body()).doesNotContain(segment).doesNotContain("/api/v1/experiments");
    }

    @Test
    void aRequestLineOverTheHeaderSizeLimitIsAProblem() throws IOException {
        String longSegment = "a".repeat(20_000);
        RawResponse response = send("GET /api/v1/experiments/" + longSegment + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n");

        assertMalformedRequestProblem(response);
        assertThat(response.body()).doesNotContain("aaaa");
    }

    /** The header-size 400 is raised while Http11Processor parses the headers; Tomcat still routes it through the host's valve. */
    @ParameterizedTest(name = "{0}-byte header")
    @ValueSource(ints = {16 * 1024, 64 * 1024})
    void aHeaderSectionOverTheSizeLimitIsAProblem(int size) throws IOException {
        RawResponse response = send("GET /api/v1/catalog HTTP/1.1\r\nHost: localhost\r\nX-Secret-Token: "
                + "s".repeat(size) + "\r\nConnection: close\r\n\r\n");

        assertMalformedRequestProblem(response);
        assertThat(response.body()).doesNotContain("X-Secret-Token").doesNotContain("ssss");
    }

    @ParameterizedTest(name = "header line {0}")
    @ValueSource(strings = {"Bad(Name): x", "Bad Name: x", "NoColonAtAll", "X-Ctl: a\u0001b"})
    void anIllegalHeaderIsAProblem(String headerLine) throws IOException {
        RawResponse response = send(
                "GET /api/v1/catalog HTTP/1.1\r\nHost: localhost\r\n" + headerLine + "\r\nConnection: close\r\n\r\n");

        assertMalformedRequestProblem(response);
    }

    @Test
    void aGarbageRequestLineIsAProblem() throws IOException {
        assertMalformedRequestProblem(send("HELLO\r\n\r\n"));
    }

    @Test
    void otherStatusesTomcatAnswersItselfAreProblemsWithThatStatus() throws IOException {
        RawResponse version = send("GET /api/v1/catalog HTTP/9.9\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(version.status()).as(version.raw()).isEqualTo(505);
        assertProblem(version);

        RawResponse coding = send("POST /api/v1/experiments HTTP/1.1\r\nHost: localhost\r\n"
                + "Transfer-Encoding: gzip\r\nConnection: close\r\n\r\n");
        assertThat(coding.status()).as(coding.raw()).isEqualTo(501);
        assertProblem(coding);
    }

    @Test
    void answersOfTheApplicationItselfAreLeftAlone() throws IOException {
        RawResponse invalidId =
                send("GET /api/v1/experiments/x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(invalidId.status()).as(invalidId.raw()).isEqualTo(400);
        JsonNode problem = assertProblem(invalidId);
        assertThat(problem.path("type").asString()).isEqualTo(ProblemTypes.INVALID_REQUEST.toString());
        assertThat(problem.path("errors").isArray()).as(invalidId.raw()).isTrue();

        RawResponse catalog = send("GET /api/v1/catalog HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(catalog.status()).as(catalog.raw()).isEqualTo(200);
        assertThat(catalog.header("Content-Type")).startsWith("application/json");
    }

    private static void assertMalformedRequestProblem(RawResponse response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(400);
        JsonNode problem = assertProblem(response);
        assertThat(problem.path("type").asString()).isEqualTo(ProblemTypes.MALFORMED_REQUEST.toString());
        assertThat(problem.path("title").asString()).isEqualTo("Malformed request");
        assertThat(problem.path("detail").asString()).isEqualTo(ServerErrorProblem.MALFORMED_DETAIL);
        assertThat(problem.has("instance"))
                .as("no request URI echoed: %s", response.raw())
                .isFalse();
    }

    private static JsonNode assertProblem(RawResponse response) {
        assertThat(response.header("Content-Type")).as(response.raw()).isEqualTo("application/problem+json");
        assertThat(response.body())
                .as("no HTML, server banner or stack trace")
                .doesNotContainIgnoringCase("<html")
                .doesNotContain("Tomcat")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt(-1)).as(response.raw()).isEqualTo(response.status());
        assertThat(problem.path("type").asString()).as(response.raw()).isNotEmpty();
        assertThat(problem.path("title").asString()).as(response.raw()).isNotEmpty();
        assertThat(problem.path("detail").asString()).as(response.raw()).isNotEmpty();
        return problem;
    }

    /** Sends the bytes as they are (ISO-8859-1) and reads the answer until the server closes. */
    private RawResponse send(String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return RawResponse.parse(all.toString(StandardCharsets.ISO_8859_1));
        }
    }

    private record RawResponse(String raw, int status, Map<String, String> headers, String body) {

        static RawResponse parse(String raw) {
            int end = raw.indexOf("\r\n\r\n");
            assertThat(end).as("a complete HTTP head in %s", raw).isPositive();
            String[] lines = raw.substring(0, end).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new TreeMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            String body = raw.substring(end + 4);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = dechunk(body);
            }
            return new RawResponse(raw, status, headers, body);
        }

        private static String dechunk(String chunked) {
            StringBuilder body = new StringBuilder();
            int at = 0;
            while (true) {
                int lineEnd = chunked.indexOf("\r\n", at);
                int size = Integer.parseInt(
                        chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
                if (size == 0) {
                    return body.toString();
                }
                body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
                at = lineEnd + 2 + size + 2;
            }
        }

        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }
    }
}
