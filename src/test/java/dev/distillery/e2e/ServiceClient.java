package dev.distillery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A real HTTP client of a running service, for end-to-end tests. */
final class ServiceClient {

    private static final List<String> TERMINAL = List.of("SUCCEEDED", "FAILED", "CANCELLED");

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    ServiceClient(int port) {
        this.port = port;
    }

    /** Submits a spec, expects 201 and returns the experiment's location. */
    String submit(String spec) {
        HttpResponse<String> created = post("/api/v1/experiments", spec);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return created.headers().firstValue("Location").orElseThrow();
    }

    HttpResponse<String> post(String path, String json) {
        HttpRequest.BodyPublisher body =
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json);
        return send(
                request(path).header("Content-Type", "application/json").POST(body),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String accept) {
        return send(request(path).header("Accept", accept).GET(), HttpResponse.BodyHandlers.ofString());
    }

    /** A multipart/form-data POST: the fields, then {@code content} as the part {@code file}. */
    HttpResponse<String> upload(String path, java.util.Map<String, String> fields, String fileName, byte[] content) {
        dev.distillery.interop.MultipartBody body = dev.distillery.interop.MultipartBody.of(fields, fileName, content);
        return send(
                request(path)
                        .header("Content-Type", body.contentType())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> delete(String path) {
        return send(request(path).DELETE(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> download(String path) {
        return send(request(path).GET(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The lines of a Server-Sent Events stream, until the server ends it. */
    java.util.stream.Stream<String> stream(String path) {
        return send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .timeout(Duration.ofMinutes(3))
                                .header("Accept", "text/event-stream")
                                .GET(),
                        HttpResponse.BodyHandlers.ofLines())
                .body();
    }

    DocumentContext json(String path) {
        return JsonPath.parse(get(path, "application/json").body());
    }

    DocumentContext awaitTerminal(String location, Duration patience) throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        while (true) {
            DocumentContext view = json(location);
            if (TERMINAL.contains(view.read("$.status", String.class))
                    || Instant.now().isAfter(deadline)) {
                return view;
            }
            Thread.sleep(250);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30));
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request.build(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
