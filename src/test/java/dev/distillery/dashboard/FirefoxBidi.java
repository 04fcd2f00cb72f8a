package dev.distillery.dashboard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A headless Firefox (Debian's firefox-esr) driven over WebDriver BiDi, which Firefox serves itself: Debian has no
 * geckodriver, so Selenium cannot start it. Enough to open a page, evaluate script in it and collect its console.
 */
final class FirefoxBidi implements AutoCloseable {

    static final Path FIREFOX = Path.of("/usr/bin/firefox-esr");
    private static final Pattern LISTENING = Pattern.compile("WebDriver BiDi listening on (ws://\\S+)");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    /** Console entries of level error, as "text (source)". */
    final List<String> consoleErrors = new CopyOnWriteArrayList<>();

    private final String context;

    FirefoxBidi() throws Exception {
        profile = Files.createTempDirectory("distillery-firefox");
        process = new ProcessBuilder(
                        FIREFOX.toString(),
                        "--headless",
                        "--no-remote",
                        "--profile",
                        profile.toString(),
                        "--remote-debugging-port=0",
                        "--width=1280",
                        "--height=800",
                        "about:blank")
                .redirectErrorStream(true)
                .start();
        String endpoint = endpoint();
        socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(URI.create(endpoint + "/session"), new Listener())
                .get(30, TimeUnit.SECONDS);
        send("session.new", Map.of("capabilities", Map.of()));
        send("session.subscribe", Map.of("events", List.of("log.entryAdded")));
        context = send("browsingContext.getTree", Map.of())
                .path("contexts")
                .get(0)
                .path("context")
                .asString();
    }

    /** Loads {@code url} in the tab and waits for its load event. */
    void open(String url) throws Exception {
        send("browsingContext.navigate", Map.of("context", context, "url", url, "wait", "complete"));
    }

    /** Evaluates {@code expression} (which may be a promise) in the page; its value as a string. */
    String evaluate(String expression) throws Exception {
        JsonNode result = send(
                "script.evaluate",
                Map.of("expression", expression, "target", Map.of("context", context), "awaitPromise", true));
        if (!"success".equals(result.path("type").asString())) {
            throw new IllegalStateException("script failed: " + result);
        }
        JsonNode value = result.path("result").path("value");
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }

    /** Evaluates {@code expression} until its value satisfies {@code done}; that value. */
    String await(String expression, Predicate<String> done, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        String value = evaluate(expression);
        while (!done.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still " + value + " after " + patience + ": " + expression);
            }
            Thread.sleep(100);
            value = evaluate(expression);
        }
        return value;
    }

    private JsonNode send(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText(JSON.writeValueAsString(Map.of("id", id, "method", method, "params", params)), true)
                .get(10, TimeUnit.SECONDS);
        JsonNode message = answer.get(60, TimeUnit.SECONDS);
        if (message.has("error")) {
            throw new IllegalStateException(method + ": " + message);
        }
        return message.path("result");
    }

    private String endpoint() throws IOException {
        BufferedReader output =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            Matcher listening = LISTENING.matcher(line);
            if (listening.find()) {
                Thread drain = new Thread(() -> output.lines().forEach(ignored -> {}), "firefox-output");
                drain.setDaemon(true);
                drain.start();
                return listening.group(1);
            }
        }
        throw new IOException("Firefox ended without opening WebDriver BiDi");
    }

    @Override
    public void close() throws Exception {
        socket.abort();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        org.springframework.util.FileSystemUtils.deleteRecursively(profile);
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode message = JSON.readTree(partial.toString());
                partial.setLength(0);
                if (message.has("id")) {
                    CompletableFuture<JsonNode> answer =
                            pending.remove(message.path("id").asInt());
                    if (answer != null) {
                        answer.complete(message);
                    }
                } else if ("log.entryAdded".equals(message.path("method").asString())
                        && "error".equals(message.path("params").path("level").asString())) {
                    JsonNode entry = message.path("params");
                    consoleErrors.add(entry.path("text").asString() + " (" + entry.path("source") + ")");
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
