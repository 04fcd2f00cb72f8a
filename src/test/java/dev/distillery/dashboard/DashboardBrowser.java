package dev.distillery.dashboard;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.distillery.interop.MultipartBody;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's chromium and chromium-driver) for the dashboard tests, plus a
 * watcher that saves a screenshot of the page when a test fails (target/dashboard-screenshots).
 */
public final class DashboardBrowser implements TestWatcher {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private WebDriver driver;

    public WebDriver start() {
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "dashboard browser tests skipped: install Debian's chromium and chromium-driver "
                        + "(apt-get install -y chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,800");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return driver;
    }

    public void quit() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }

    WebDriverWait waiting(Duration patience) {
        return new WebDriverWait(driver, patience, Duration.ofMillis(100));
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (driver == null) {
            return;
        }
        try {
            Path dir = Files.createDirectories(Path.of("target", "dashboard-screenshots"));
            Path file = dir.resolve(context.getRequiredTestClass().getSimpleName() + "-"
                    + context.getRequiredTestMethod().getName() + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            System.err.println("dashboard screenshot of the failure: " + file.toAbsolutePath());
        } catch (IOException | RuntimeException e) {
            System.err.println("no screenshot: " + e);
        }
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {}

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {}

    /** A small JSON-over-HTTP client of the service, for arranging data and reading the truth. */
    static final class Api {

        private final HttpClient http = HttpClient.newHttpClient();
        private final String base;
        private final String key;

        Api(int port, String key) {
            this.base = "http://localhost:" + port;
            this.key = key;
        }

        HttpResponse<String> send(String method, String path, String json) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .method(
                            method,
                            json == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            return dispatch(request);
        }

        /** A multipart/form-data POST: the fields, then {@code content} as the part {@code file}. */
        HttpResponse<String> upload(String path, java.util.Map<String, String> fields, byte[] content) {
            MultipartBody body = MultipartBody.of(fields, "model.safetensors", content);
            return dispatch(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", body.contentType())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())));
        }

        /** Sends with this client's key (if any) and a 30 s limit. */
        private HttpResponse<String> dispatch(HttpRequest.Builder request) {
            request.timeout(Duration.ofSeconds(30));
            if (key != null) {
                request.header("X-API-Key", key);
            }
            try {
                return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        String get(String path) {
            return send("GET", path, null).body();
        }
    }
}
