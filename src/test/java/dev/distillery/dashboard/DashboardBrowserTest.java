package dev.distillery.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The dashboard at {@code /} in a real headless Chromium against the real service: what the pages
 * show is compared with what the REST API returns (values, not element names).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "distillery.workers=1")
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

    private static final Duration TRAINING = Duration.ofMinutes(3);
    private static final String TINY =
            """
            "method": "ce", "student": {"architecture": "lenet5"},
            "dataset": {"name": "synthetic", "trainLimit": 100, "testLimit": 50},
            "training": {"epochs": 1, "batchSize": 50, "learningRate": 0.05}""";
    private static final String IMG = "<img src=x onerror=alert(1)>";
    private static final String SCRIPT = "<script>window.__pwned=2</script>\"'&";
    private static final String LINK = "javascript:window.__pwned=3";

    @RegisterExtension
    final DashboardBrowser browser = new DashboardBrowser();

    @LocalServerPort
    int port;

    private WebDriver driver;
    private DashboardBrowser.Api api;
    private String formRun;
    private String sweep;
    private final List<String> hostileRuns = new ArrayList<>();

    @BeforeAll
    void start() {
        driver = browser.start();
        api = new DashboardBrowser.Api(port, null);
    }

    @AfterAll
    void stop() {
        browser.quit();
    }

    @Test
    @Order(1)
    void aRunSubmittedThroughTheFormIsWatchedLiveUntilItsCurvesHoldEveryEpoch() {
        open("/#/submit");
        browser.waiting(Duration.ofSeconds(10))
                .until(d -> !d.findElements(By.id("spec-form")).isEmpty());
        new Select(driver.findElement(By.id("in-method"))).selectByValue("ce");
        new Select(driver.findElement(By.id("in-student-architecture"))).selectByValue("lenet5");
        new Select(driver.findElement(By.id("in-dataset-name"))).selectByValue("synthetic");
        type("in-name", "form run");
        type("in-dataset-trainLimit", "300");
        type("in-dataset-testLimit", "100");
        type("in-training-epochs", "2");
        type("in-training-batchSize", "50");
        type("in-training-learningRate", "0.05");
        type("in-seed", "5");
        driver.findElement(By.id("submit-form")).click();

        browser.waiting(Duration.ofSeconds(10)).until(d -> hash().startsWith("#/experiment/"));
        formRun = hash().substring("#/experiment/".length());
        browser.waiting(TRAINING)
                .until(d -> "SUCCEEDED".equals(attribute("summary", "data-status"))
                        && "2".equals(attribute("charts", "data-epochs")));

        DocumentContext experiment = JsonPath.parse(api.get("/api/v1/experiments/" + formRun));
        assertThat(experiment.read("$.name", String.class)).isEqualTo("form run");
        assertThat(experiment.read("$.spec.training.epochs", Integer.class)).isEqualTo(2);
        assertThat(experiment.read("$.spec.seed", Long.class)).isEqualTo(5L);

        List<Map<String, Object>> epochs = JsonPath.parse(api.get("/api/v1/experiments/" + formRun + "/metrics"))
                .read("$.epochs");
        assertThat(epochs).hasSize(2);
        assertThat(plotted("loss")).as("loss chart: epochs, train, test").satisfies(data -> {
            assertThat(data).hasSize(3);
            assertSeries(data.get(0), epochs, "epoch");
            assertSeries(data.get(1), epochs, "trainLoss");
            assertSeries(data.get(2), epochs, "testLoss");
        });
        List<List<Double>> accuracy = plotted("accuracy");
        assertSeries(accuracy.get(1), epochs, "trainTop1");
        assertSeries(accuracy.get(2), epochs, "testTop1");
        assertSeries(accuracy.get(3), epochs, "testTop5");
        assertSeries(plotted("lr").get(1), epochs, "learningRate");
        List<List<Double>> terms = plotted("lossTerms");
        for (int i = 0; i < epochs.size(); i++) {
            @SuppressWarnings("unchecked")
            Map<String, Number> lossTerms = (Map<String, Number>) epochs.get(i).get("lossTerms");
            assertThat(terms.get(1).get(i)).isCloseTo(lossTerms.get("ce").doubleValue(), within(1e-12));
        }
        List<List<Double>> logits = plotted("logits");
        for (int i = 0; i < epochs.size(); i++) {
            @SuppressWarnings("unchecked")
            Map<String, Number> diagnostics =
                    (Map<String, Number>) epochs.get(i).get("diagnostics");
            assertThat(logits.get(1).get(i))
                    .isCloseTo(diagnostics.get("studentLogitMean").doubleValue(), within(1e-12));
            assertThat(logits.get(2).get(i))
                    .isCloseTo(diagnostics.get("studentLogitStd").doubleValue(), within(1e-12));
        }

        List<String> shas = JsonPath.parse(api.get("/api/v1/experiments/" + formRun + "/checkpoints"))
                .read("$[*].sha256");
        assertThat(shas).isNotEmpty();
        String checkpointText = driver.findElement(By.id("checkpoint-table")).getText();
        assertThat(shas).allSatisfy(sha -> assertThat(checkpointText).contains(sha));
        assertThat(driver.findElements(By.id("cancel")))
                .as("no Cancel for a finished run")
                .isEmpty();
    }

    @Test
    @Order(2)
    void aValidationErrorOfTheApiIsShownNextToTheFieldItNames() {
        open("/#/submit");
        browser.waiting(Duration.ofSeconds(10))
                .until(d -> !d.findElements(By.id("spec-form")).isEmpty());
        new Select(driver.findElement(By.id("in-method"))).selectByValue("ce");
        new Select(driver.findElement(By.id("in-student-architecture"))).selectByValue("lenet5");
        new Select(driver.findElement(By.id("in-dataset-name"))).selectByValue("synthetic");
        type("in-training-epochs", "0");
        driver.findElement(By.id("submit-form")).click();

        WebElement next = driver.findElement(By.cssSelector(".field-error[data-for='training.epochs']"));
        browser.waiting(Duration.ofSeconds(10)).until(d -> !next.getText().isBlank());
        var refused = api.send(
                "POST",
                "/api/v1/experiments",
                """
                {"method": "ce", "student": {"architecture": "lenet5"}, "dataset": {"name": "synthetic"},
                 "training": {"epochs": 0}}""");
        assertThat(refused.statusCode()).isEqualTo(400);
        DocumentContext problem = JsonPath.parse(refused.body());
        assertThat(problem.read("$.errors[0].field", String.class)).isEqualTo("training.epochs");
        assertThat(next.getText()).isEqualTo(problem.read("$.errors[0].message", String.class));
        assertThat(hash()).isEqualTo("#/submit");
    }

    @Test
    @Order(3)
    void hostileNamesAndTagsAreShownAsTextAndRunNothing() {
        for (String name : List.of(IMG, SCRIPT, LINK)) {
            var created = api.send(
                    "POST",
                    "/api/v1/experiments",
                    "{\"name\": " + quote(name) + ", \"tags\": {\"link\": " + quote(LINK) + ", \"img\": " + quote(IMG)
                            + ", \"script\": " + quote(SCRIPT) + "}, " + TINY + "}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            hostileRuns.add(JsonPath.parse(created.body()).read("$.id", String.class));
        }
        open("/#/experiments");
        browser.waiting(Duration.ofSeconds(10))
                .until(d -> !d.findElements(By.cssSelector("tr[data-id='" + hostileRuns.get(2) + "']"))
                        .isEmpty());
        for (int i = 0; i < hostileRuns.size(); i++) {
            WebElement link = driver.findElement(By.cssSelector("tr[data-id='" + hostileRuns.get(i) + "'] td.name a"));
            assertThat(link.getText())
                    .isEqualTo(List.of(IMG, SCRIPT, LINK).get(i).trim());
            assertThat(link.getAttribute("href")).endsWith("#/experiment/" + hostileRuns.get(i));
        }
        assertNothingInjected();

        open("/#/experiment/" + hostileRuns.get(0));
        browser.waiting(Duration.ofSeconds(10))
                .until(d -> !d.findElements(By.id("spec")).isEmpty());
        assertThat(driver.findElement(By.id("experiment-name")).getText()).isEqualTo(IMG);
        String spec = driver.findElement(By.id("spec")).getText();
        assertThat(spec).contains(LINK, IMG, SCRIPT);
        assertNothingInjected();

        // the submit page, pre-filled from the hostile run: its JSON shows the payloads as text
        driver.findElement(By.id("run-again")).click();
        browser.waiting(Duration.ofSeconds(10))
                .until(d -> !d.findElements(By.id("json-experiment")).isEmpty());
        assertThat(driver.findElement(By.id("json-experiment")).getAttribute("value"))
                .contains(IMG, LINK, "<script>window.__pwned=2</script>");
        assertNothingInjected();
    }

    @Test
    @Order(12)
    void theContentSecurityPolicyAllowsNoInlineScript() {
        open("/#/experiments");
        rowsLoaded();
        JavascriptExecutor js = (JavascriptExecutor) driver;
        String policy = (String) js.executeScript(
                "return document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]').content;");
        String scripts = java.util.Arrays.stream(policy.split(";"))
                .map(String::trim)
                .filter(d -> d.startsWith("script-src"))
                .findFirst()
                .orElseThrow();
        assertThat(scripts).isEqualTo("script-src 'self'");
        assertThat(js.executeScript("return [...document.scripts].every(s => s.src && !s.textContent.trim());"))
                .as("the page's own scripts are files")
                .isEqualTo(true);
        // an inline script or handler that got into the page anyway is refused by the browser, and reported
        js.executeScript(
                """
                window.__violations = [];
                document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective));
                const s = document.createElement('script');
                s.textContent = 'window.__inline = true;';
                document.body.append(s);
                const i = document.createElement('img');
                i.setAttribute('onerror', 'window.__inline = true;');
                i.src = 'data:,x';
                document.body.append(i);""");
        browser.waiting(Duration.ofSeconds(5))
                .until(d -> ((Number) js.executeScript("return window.__violations.length;")).intValue() >= 2);
        assertThat(js.executeScript("return window.__inline === undefined;")).isEqualTo(true);
    }

    @Test
    @Order(4)
    void theExperimentTableShowsTheApisRowsAndItsFiltersAndSortAskTheApi() {
        awaitTerminal(hostileRuns);
        open("/#/experiments");
        assertRowsEqual("/api/v1/experiments?page=0&size=20&sort=createdAt,desc");

        type("f-name", "form");
        driver.findElement(By.id("apply-filters")).click();
        browser.waiting(Duration.ofSeconds(10)).until(d -> hash().contains("name=form"));
        assertRowsEqual("/api/v1/experiments?page=0&size=20&sort=createdAt,desc&name=form");
        assertThat(rowIds()).containsExactly(formRun);

        open("/#/experiments");
        rowsLoaded();
        driver.findElement(By.cssSelector("button[data-sort='name']")).click();
        browser.waiting(Duration.ofSeconds(10)).until(d -> hash().contains("sort=name"));
        assertRowsEqual("/api/v1/experiments?page=0&size=20&sort=name,desc");

        new Select(driver.findElement(By.id("f-status"))).selectByValue("FAILED");
        browser.waiting(Duration.ofSeconds(10)).until(d -> hash().contains("status=FAILED"));
        assertRowsEqual("/api/v1/experiments?page=0&size=20&sort=name,desc&status=FAILED");
    }

    @Test
    @Order(8)
    void rowsUpdateLiveWithoutReloadingThePage() {
        open("/#/experiments");
        rowsLoaded();
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript("window.__samePage = true;");
        var created = api.send("POST", "/api/v1/experiments", "{\"name\": \"live row\", " + TINY + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JsonPath.parse(created.body()).read("$.id", String.class);
        By status = By.cssSelector("tr[data-id='" + id + "'] td[data-status]");
        browser.waiting(Duration.ofSeconds(60))
                .until(d -> !d.findElements(status).isEmpty()
                        && "SUCCEEDED".equals(d.findElement(status).getAttribute("data-status")));
        assertThat(js.executeScript("return window.__samePage === true;"))
                .as("updated in place, not by a reload")
                .isEqualTo(true);
        String best = driver.findElement(By.cssSelector("tr[data-id='" + id + "'] td[data-best]"))
                .getAttribute("data-best");
        Number apiBest = JsonPath.parse(api.get("/api/v1/experiments/" + id)).read("$.best.testTop1");
        assertThat(Double.parseDouble(best)).isCloseTo(apiBest.doubleValue(), within(1e-12));
    }

    @Test
    @Order(5)
    void twoRunsInCompareShowTheApisDeltasAndOverlaidCurves() {
        String other = hostileRuns.get(0);
        open("/#/experiments");
        rowsLoaded();
        driver.findElement(By.cssSelector("tr[data-id='" + formRun + "'] input[type=checkbox]"))
                .click();
        driver.findElement(By.cssSelector("tr[data-id='" + other + "'] input[type=checkbox]"))
                .click();
        driver.findElement(By.id("compare")).click();
        browser.waiting(Duration.ofSeconds(10))
                .until(d -> !d.findElements(By.id("compare-table")).isEmpty());

        DocumentContext comparison =
                JsonPath.parse(api.get("/api/v1/comparisons?ids=" + formRun + "," + other + "&baseline=" + formRun));
        List<Map<String, Object>> runs = comparison.read("$.runs");
        assertThat(runs).hasSize(2);
        for (Map<String, Object> run : runs) {
            String id = (String) run.get("id");
            Number expected = JsonPath.parse(run).read("$.delta.bestTestTop1");
            String shown = driver.findElement(By.cssSelector("#compare-table tr[data-id='" + id + "'] .delta-best"))
                    .getAttribute("data-value");
            assertThat(Double.parseDouble(shown)).isCloseTo(expected.doubleValue(), within(1e-12));
        }
        String otherDelta = driver.findElement(By.cssSelector("#compare-table tr[data-id='" + other + "'] .delta-best"))
                .getText();
        Number delta = comparison.read("$.runs[1].delta.bestTestTop1");
        assertThat(otherDelta).isEqualTo((delta.doubleValue() > 0 ? "+" : "") + "%.4f".formatted(delta.doubleValue()));

        List<Integer> epochs = comparison.read("$.series.epochs");
        List<List<Double>> plotted = plotted("compare");
        assertThat(plotted.get(0))
                .containsExactlyElementsOf(
                        epochs.stream().map(Integer::doubleValue).toList());
        List<Number> otherTop1 = comparison.read("$.series.metrics.testTop1['" + other + "']");
        for (int i = 0; i < otherTop1.size(); i++) {
            Number value = otherTop1.get(i);
            if (value == null) {
                assertThat(plotted.get(2).get(i)).isNull();
            } else {
                assertThat(plotted.get(2).get(i)).isCloseTo(value.doubleValue(), within(1e-12));
            }
        }
        Map<String, List<Object>> specDiff = comparison.read("$.specDiff");
        assertThat(driver.findElements(By.cssSelector("#spec-diff tbody tr"))).hasSize(specDiff.size());
        assertThat(driver.findElements(By.cssSelector("#spec-diff td.diff"))).hasSize(specDiff.size());
        assertNothingInjected();
    }

    @Test
    @Order(6)
    void theSweepPageShowsItsCellsAndTheHeatmap() {
        var created = api.send(
                "POST",
                "/api/v1/sweeps",
                "{\"spec\": {" + TINY + "}, \"grid\": {\"training.learningRate\": [0.02, 0.05], \"seed\": [1]}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        sweep = JsonPath.parse(created.body()).read("$.id", String.class);
        List<String> runs = JsonPath.parse(created.body()).read("$.cells[*].runs[*]");
        awaitTerminal(runs);

        open("/#/sweep/" + sweep);
        browser.waiting(Duration.ofSeconds(15))
                .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d)
                        .executeScript("const i = document.getElementById('heatmap-image');"
                                + " return !!i && i.complete && i.naturalWidth > 0;")));
        DocumentContext summary = JsonPath.parse(api.get("/api/v1/sweeps/" + sweep));
        List<Number> means = summary.read("$.cells[*].bestTestTop1.mean");
        List<WebElement> rows = driver.findElements(By.cssSelector("#sweep-cells tbody tr"));
        assertThat(rows).hasSize(means.size()).hasSize(2);
        double best = means.stream().mapToDouble(Number::doubleValue).max().orElseThrow();
        for (int i = 0; i < rows.size(); i++) {
            String text = rows.get(i).getText();
            assertThat(text).contains("%.4f".formatted(means.get(i).doubleValue()));
            assertThat(text.contains("★ best")).isEqualTo(means.get(i).doubleValue() == best);
        }
        assertThat(driver.findElement(By.id("sweep-progress")).getText()).contains("100 %");

        // the heatmap shown is the API's picture of the two axes the page names
        String x = new Select(driver.findElement(By.id("heat-x")))
                .getFirstSelectedOption()
                .getAttribute("value");
        String y = new Select(driver.findElement(By.id("heat-y")))
                .getFirstSelectedOption()
                .getAttribute("value");
        assertThat(List.of(x, y)).containsExactlyInAnyOrder("training.learningRate", "seed");
        String svg = api.get("/api/v1/sweeps/" + sweep + "/heatmap?x=" + x + "&y=" + y + "&format=svg");
        assertThat(svg).contains("<svg");
        // drawn side by side on canvases, the page's image and the API's SVG give the same pixels
        Object differing = ((JavascriptExecutor) driver)
                .executeAsyncScript(
                        """
                const done = arguments[arguments.length - 1];
                const pixels = (img) => {
                  const c = document.createElement('canvas');
                  c.width = img.naturalWidth;
                  c.height = img.naturalHeight;
                  c.getContext('2d').drawImage(img, 0, 0);
                  return c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                };
                const api = new Image();
                api.onload = () => {
                  const a = pixels(document.getElementById('heatmap-image'));
                  const b = pixels(api);
                  if (a.length !== b.length || a.length === 0) return done('sizes ' + a.length + ' vs ' + b.length);
                  let n = 0;
                  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
                  done(n);
                };
                api.onerror = () => done('the API SVG did not load');
                api.src = 'data:image/svg+xml;base64,' + arguments[0];""",
                        java.util.Base64.getEncoder()
                                .encodeToString(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(differing).isEqualTo(0L);
    }

    @Test
    @Order(7)
    void aDistilledRunShowsThePapersDiagnosticsAndItsTeacherPhaseApart() throws Exception {
        var created = api.send(
                "POST",
                "/api/v1/experiments",
                """
                {"name": "kd zscore", "method": "kd", "zscore": true,
                 "teacher": {"architecture": "mlp", "training": {"epochs": 1}},
                 "student": {"architecture": "mlp"},
                 "dataset": {"name": "synthetic", "trainLimit": 200, "testLimit": 100},
                 "training": {"epochs": 3, "batchSize": 50, "learningRate": 0.05}, "seed": 9}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JsonPath.parse(created.body()).read("$.id", String.class);
        open("/#/experiment/" + id);
        browser.waiting(TRAINING)
                .until(d -> "SUCCEEDED".equals(attribute("summary", "data-status"))
                        && "3".equals(attribute("charts", "data-epochs")));

        List<Map<String, Object>> all = JsonPath.parse(api.get("/api/v1/experiments/" + id + "/metrics"))
                .read("$.epochs");
        List<Map<String, Object>> student =
                all.stream().filter(m -> "student".equals(m.get("phase"))).toList();
        List<Map<String, Object>> teacher =
                all.stream().filter(m -> "teacher".equals(m.get("phase"))).toList();
        assertThat(student).hasSize(3);
        assertThat(teacher).hasSize(1);
        assertSeries(plotted("loss").get(1), student, "trainLoss");
        assertSeries(plotted("teacherLoss").get(1), teacher, "trainLoss");
        assertSeries(plotted("teacherAccuracy").get(2), teacher, "testTop1");
        List<Map<String, Object>> diagnostics = student.stream()
                .map(m -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> d = (Map<String, Object>) m.get("diagnostics");
                    return d;
                })
                .toList();
        List<List<Double>> kl = plotted("kl");
        assertSeries(kl.get(1), diagnostics, "kl");
        assertSeries(kl.get(2), diagnostics, "standardizedKl");
        List<List<Double>> logits = plotted("logits");
        assertThat(logits).hasSize(5);
        assertSeries(logits.get(1), diagnostics, "studentLogitMean");
        assertSeries(logits.get(2), diagnostics, "studentLogitStd");
        assertSeries(logits.get(3), diagnostics, "teacherLogitMean");
        assertSeries(logits.get(4), diagnostics, "teacherLogitStd");
        assertSeries(plotted("agreement").get(1), diagnostics, "teacherAgreement");
        List<List<Double>> terms = plotted("lossTerms");
        assertThat(terms).hasSize(3);

        // the README's picture of the run page, taken here so it shows a real run
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1800));
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0);");
        java.nio.file.Path dir =
                java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "dashboard-screenshots"));
        java.nio.file.Files.write(
                dir.resolve("run-page.png"),
                ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    }

    @Test
    @Order(9)
    void everyPageIsFreeOfCriticalAccessibilityViolations() throws Exception {
        String axe = new String(
                getClass().getResourceAsStream("/axe/axe.min.js").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        Map<String, By> pages = new java.util.LinkedHashMap<>();
        pages.put("/#/experiments", By.cssSelector("#experiment-rows tr[data-id]"));
        pages.put("/#/experiment/" + formRun, By.id("checkpoint-table"));
        pages.put("/#/compare?ids=" + formRun + "," + hostileRuns.get(0), By.id("compare-table"));
        pages.put("/#/submit", By.id("spec-form"));
        pages.put("/#/sweep/" + sweep, By.id("heatmap-image"));
        JavascriptExecutor js = (JavascriptExecutor) driver;
        for (var page : pages.entrySet()) {
            open(page.getKey());
            browser.waiting(Duration.ofSeconds(10))
                    .until(d -> !d.findElements(page.getValue()).isEmpty());
            js.executeScript(axe + "\n;if (typeof axe !== 'undefined') { window.axe = axe; }");
            @SuppressWarnings("unchecked")
            List<String> critical = (List<String>)
                    js.executeAsyncScript(
                            """
                    const done = arguments[arguments.length - 1];
                    window.axe.run(document, { resultTypes: ['violations'] })
                      .then(r => done(r.violations.filter(v => v.impact === 'critical')
                        .map(v => v.id + ': ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
                      .catch(e => done(['axe failed: ' + e]));""");
            assertThat(critical)
                    .as("critical axe violations on " + page.getKey())
                    .isEmpty();
        }
    }

    @Test
    @Order(10)
    void aPhoneWidthNeedsNoSidewaysScrollingOfThePage() {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            JavascriptExecutor js = (JavascriptExecutor) driver;
            for (String page : List.of("/#/experiments", "/#/experiment/" + formRun, "/#/submit")) {
                open(page);
                browser.waiting(Duration.ofSeconds(10)).until(d -> page.substring(3)
                        .startsWith(String.valueOf(js.executeScript("return document.body.dataset.page;"))));
                sleep();
                Number overflow = (Number) js.executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                assertThat(overflow.intValue())
                        .as("sideways overflow on " + page)
                        .isLessThanOrEqualTo(0);
            }
        } finally {
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));
        }
    }

    @Test
    @Order(11)
    void anImportedModelCanBeChosenAsTheTeacherInTheForm() {
        var imported = api.upload(
                "/api/v1/models",
                Map.of(
                        "format",
                        "safetensors",
                        "architecture",
                        "lenet5",
                        "dataset",
                        "synthetic",
                        "name",
                        "lenet5 import"),
                dev.distillery.interop.SafetensorsBytes.of(dev.distillery.interop.SafetensorsBytes.LENET5_28));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        String model = JsonPath.parse(imported.body()).read("$.id", String.class);
        List<String> listed = JsonPath.parse(api.get("/api/v1/models")).read("$[*].id");
        assertThat(listed).contains(model);

        driver.get("about:blank"); // a fresh load: the form reads the models when it is built
        open("/#/submit");
        browser.waiting(Duration.ofSeconds(10))
                .until(d -> !d.findElements(By.id("in-teacher-modelId")).isEmpty());
        new Select(driver.findElement(By.id("in-method"))).selectByValue("kd");
        new Select(driver.findElement(By.id("in-student-architecture"))).selectByValue("mlp");
        new Select(driver.findElement(By.id("in-dataset-name"))).selectByValue("synthetic");
        new Select(driver.findElement(By.id("in-teacher-kind"))).selectByValue("model");
        Select models = new Select(driver.findElement(By.id("in-teacher-modelId")));
        assertThat(models.getOptions()).extracting(o -> o.getAttribute("value")).containsExactlyElementsOf(listed);
        models.selectByValue(model);
        type("in-name", "from an imported teacher");
        type("in-dataset-trainLimit", "100");
        type("in-dataset-testLimit", "50");
        type("in-training-epochs", "1");
        type("in-training-batchSize", "50");
        driver.findElement(By.id("submit-form")).click();

        browser.waiting(Duration.ofSeconds(10)).until(d -> hash().startsWith("#/experiment/"));
        String id = hash().substring("#/experiment/".length());
        DocumentContext experiment = JsonPath.parse(api.get("/api/v1/experiments/" + id));
        assertThat(experiment.read("$.spec.teacher.modelId", String.class)).isEqualTo(model);
        assertThat(experiment.read("$.spec.teacher.architecture", String.class)).isEqualTo("lenet5");
        browser.waiting(TRAINING).until(d -> "SUCCEEDED".equals(attribute("summary", "data-status")));
        assertThat(JsonPath.parse(api.get("/api/v1/experiments/" + id)).read("$.teacher.testTop1", Double.class))
                .as("the imported teacher was scored before the student's first epoch")
                .isNotNull();
    }

    // ---------- helpers ----------

    private void open(String path) {
        driver.get("http://localhost:" + port + path);
    }

    private String hash() {
        return (String) ((JavascriptExecutor) driver).executeScript("return location.hash;");
    }

    private String attribute(String id, String name) {
        List<WebElement> found = driver.findElements(By.id(id));
        return found.isEmpty() ? null : found.get(0).getAttribute(name);
    }

    private void type(String id, String text) {
        WebElement input = driver.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    /**
     * The data a uPlot chart of the page plots: x first, then each series. The chart is scrolled into view first,
     * as a reader would: a chart out of view takes a live run's new epochs when it comes into view.
     */
    @SuppressWarnings("unchecked")
    private List<List<Double>> plotted(String chart) {
        List<List<Object>> raw = (List<List<Object>>) ((JavascriptExecutor) driver)
                .executeAsyncScript(
                        """
                        const done = arguments[arguments.length - 1];
                        const plot = window.distillery.charts[arguments[0]];
                        plot.root.scrollIntoView();
                        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(
                          () => done(plot.data.map(s => Array.from(s))), 50)));""",
                        chart);
        return raw.stream()
                .map(series -> series.stream()
                        .map(v -> v == null ? null : ((Number) v).doubleValue())
                        .toList())
                .toList();
    }

    private static void assertSeries(List<Double> plotted, List<Map<String, Object>> epochs, String field) {
        assertThat(plotted).as(field).hasSize(epochs.size());
        for (int i = 0; i < epochs.size(); i++) {
            assertThat(plotted.get(i))
                    .as(field + " of epoch " + (i + 1))
                    .isCloseTo(((Number) epochs.get(i).get(field)).doubleValue(), within(1e-12));
        }
    }

    private void rowsLoaded() {
        browser.waiting(Duration.ofSeconds(10)).until(d -> attribute("main", "data-loaded") != null);
    }

    private List<String> rowIds() {
        return driver.findElements(By.cssSelector("#experiment-rows tr[data-id]")).stream()
                .map(row -> row.getAttribute("data-id"))
                .toList();
    }

    private void assertRowsEqual(String apiQuery) {
        List<String> expected = JsonPath.parse(api.get(apiQuery)).read("$.items[*].id");
        browser.waiting(Duration.ofSeconds(10)).until(d -> rowIds().equals(expected));
        assertThat(rowIds()).containsExactlyElementsOf(expected);
    }

    private void assertNothingInjected() {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        assertThat(js.executeScript("return window.__pwned === undefined;")).isEqualTo(true);
        assertThat(js.executeScript(
                        "return document.querySelectorAll('main img:not(#heatmap-image), main script').length;"))
                .isEqualTo(0L);
        try {
            driver.switchTo().alert();
            throw new AssertionError("an alert ran");
        } catch (NoAlertPresentException expected) {
            // nothing ran
        }
    }

    private void awaitTerminal(List<String> ids) {
        Instant deadline = Instant.now().plus(TRAINING);
        for (String id : ids) {
            while (!List.of("SUCCEEDED", "FAILED", "CANCELLED")
                    .contains(
                            JsonPath.parse(api.get("/api/v1/experiments/" + id)).read("$.status", String.class))) {
                assertThat(Instant.now()).as("run " + id + " ends in time").isBefore(deadline);
                sleep();
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
