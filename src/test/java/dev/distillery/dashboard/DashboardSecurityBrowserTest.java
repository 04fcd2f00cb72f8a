package dev.distillery.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.distillery.access.TestKeys;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With security on: the dashboard's files load without a key, the page asks for one on the API's
 * 401, keeps it in sessionStorage only and sends it as a header, and shows a 403 plainly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "distillery.workers=0")
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardSecurityBrowserTest {

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry registry) {
        TestKeys.configure(registry, 10);
    }

    @RegisterExtension
    final DashboardBrowser browser = new DashboardBrowser();

    @LocalServerPort
    int port;

    private WebDriver driver;

    @BeforeAll
    void start() {
        driver = browser.start();
    }

    @AfterAll
    void stop() {
        browser.quit();
    }

    @Test
    void withoutAKeyThePageAsksForOneAndAReaderKeyReadsButMayNotSubmit() {
        var anonymous = new DashboardBrowser.Api(port, null);
        assertThat(anonymous.send("GET", "/", null).statusCode()).isEqualTo(200);
        assertThat(anonymous.send("GET", "/dashboard/app.js", null).statusCode())
                .isEqualTo(200);
        assertThat(anonymous
                        .send("GET", "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js", null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(anonymous.send("GET", "/api/v1/experiments", null).statusCode())
                .isEqualTo(401);

        driver.get("http://localhost:" + port + "/");
        browser.waiting(Duration.ofSeconds(10))
                .until(d -> !d.findElements(By.id("api-key")).isEmpty()
                        && d.findElement(By.id("api-key")).isDisplayed());
        assertThat(driver.findElement(By.id("auth")).getText()).contains("401");

        driver.findElement(By.id("api-key")).sendKeys(TestKeys.READER);
        driver.findElement(By.cssSelector("#key-form button")).click();
        browser.waiting(Duration.ofSeconds(10))
                .until(d -> !d.findElements(By.id("experiment-rows")).isEmpty());
        JavascriptExecutor js = (JavascriptExecutor) driver;
        assertThat(js.executeScript("return sessionStorage.getItem('distillery.apiKey');"))
                .isEqualTo(TestKeys.READER);
        assertThat(js.executeScript("return localStorage.length;")).isEqualTo(0L);
        assertThat(js.executeScript("return document.cookie;")).isEqualTo("");

        // every API request of a page carries the key in the X-API-Key header, none in its URL
        js.executeScript(
                """
                window.__sent = [];
                const send = window.fetch;
                window.fetch = (url, options) => {
                  window.__sent.push([String(url), new Headers((options && options.headers) || {}).get('X-API-Key')]);
                  return send(url, options);
                };
                location.hash = '#/experiments?sort=name,asc';""");
        browser.waiting(Duration.ofSeconds(10))
                .until(d -> ((Number)
                                        js.executeScript(
                                                "return window.__sent.filter(s => s[0].startsWith('/api/v1/experiments?')).length;"))
                                .intValue()
                        > 0);
        @SuppressWarnings("unchecked")
        List<List<String>> sent = (List<List<String>>) js.executeScript("return window.__sent;");
        assertThat(sent).isNotEmpty().allSatisfy(request -> {
            assertThat(request.get(1)).as(request.get(0)).isEqualTo(TestKeys.READER);
            assertThat(request.get(0)).doesNotContain(TestKeys.READER);
        });

        assertThat(driver.findElement(By.id("nav-submit")).isDisplayed())
                .as("a reader gets no Submit")
                .isFalse();

        // alice's queued run (no workers here): the reader sees it without Cancel
        var alice = new DashboardBrowser.Api(port, TestKeys.ALICE);
        var created = alice.send(
                "POST",
                "/api/v1/experiments",
                """
                {"method": "ce", "student": {"architecture": "lenet5"}, "dataset": {"name": "synthetic"},
                 "training": {"epochs": 1}}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JsonPath.parse(created.body()).read("$.id", String.class);
        driver.get("http://localhost:" + port + "/#/experiment/" + id);
        browser.waiting(Duration.ofSeconds(10))
                .until(d -> "QUEUED".equals(d.findElement(By.id("summary")).getAttribute("data-status")));
        assertThat(driver.findElements(By.id("cancel")))
                .as("a reader gets no Cancel")
                .isEmpty();
        assertThat(driver.findElements(By.id("run-again"))).isEmpty();
        driver.get("http://localhost:" + port + "/#/submit");
        browser.waiting(Duration.ofSeconds(10))
                .until(d -> !d.findElements(By.id("may-not-submit")).isEmpty());
        assertThat(driver.findElements(By.id("spec-form"))).isEmpty();

        // bob may submit, so he sees Cancel, but the run is alice's: the API's 403 is shown plainly
        driver.findElement(By.cssSelector("#key-state button")).click();
        browser.waiting(Duration.ofSeconds(10))
                .until(d -> !d.findElements(By.id("api-key")).isEmpty()
                        && d.findElement(By.id("api-key")).isDisplayed());
        driver.findElement(By.id("api-key")).sendKeys(TestKeys.BOB);
        driver.findElement(By.cssSelector("#key-form button")).click();
        driver.get("http://localhost:" + port + "/#/experiment/" + id);
        browser.waiting(Duration.ofSeconds(10))
                .until(d -> !d.findElements(By.id("cancel")).isEmpty());
        assertThat(driver.findElement(By.id("nav-submit")).isDisplayed()).isTrue();
        driver.findElement(By.id("cancel")).click();
        browser.waiting(Duration.ofSeconds(10))
                .until(d -> d.findElement(By.id("auth")).getText().contains("403"));
        assertThat(driver.findElement(By.id("auth")).getAttribute("class")).isEqualTo("forbidden");
        assertThat(JsonPath.parse(alice.get("/api/v1/experiments/" + id)).read("$.status", String.class))
                .isEqualTo("QUEUED");

        @SuppressWarnings("unchecked")
        List<String> urls = (List<String>) js.executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name).concat([location.href]);");
        assertThat(urls).isNotEmpty().noneMatch(url -> url.contains(TestKeys.READER) || url.contains(TestKeys.BOB));
    }
}
