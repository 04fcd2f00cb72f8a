package dev.distillery.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * What a new user copies first still works now that specs default to the paper's 240-epoch recipe: the README's
 * "Try it" submissions and every Swagger example of {@code POST /api/v1/experiments} set their own few epochs and
 * train to SUCCEEDED.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "distillery.workers=1")
@ActiveProfiles("test")
class DocumentedExamplesTest {

    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final Pattern CURL_BODY = Pattern.compile(
            "curl[^\\n]*-X POST localhost:8080/api/v1/experiments[^\\n]*-d '(\\{.*?})'", Pattern.DOTALL);

    @LocalServerPort
    int port;

    private ServiceClient service;

    @BeforeEach
    void client() {
        service = new ServiceClient(port);
    }

    @Test
    void theReadmesTryItSubmissionsTrainInAFewEpochs() throws Exception {
        List<String> bodies = tryItBodies();
        assertThat(bodies).as("the ce run and the kd student that names it").hasSize(2);

        String teacher = trained(bodies.get(0));
        String id = teacher.substring(teacher.lastIndexOf('/') + 1);
        trained(bodies.get(1).replace("<id>", id));
    }

    @Test
    void everySwaggerExampleOfASubmissionTrainsInAFewEpochs() throws Exception {
        assumeTrue(
                Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist")),
                "Debian's dataset-fashion-mnist is installed by .ci/run");
        Map<String, Map<String, Object>> examples = service.json("/v3/api-docs")
                .read("$.paths['/api/v1/experiments'].post.requestBody.content['application/json'].examples");
        assertThat(examples).hasSizeGreaterThanOrEqualTo(4);

        for (Map.Entry<String, Map<String, Object>> example : examples.entrySet()) {
            String body = JsonPath.parse(example.getValue().get("value")).jsonString();
            trained(body);
        }
    }

    /** Submits the spec, which must give its own epochs (at most 5), and expects SUCCEEDED with every epoch recorded. */
    private String trained(String spec) throws Exception {
        int epochs = JsonPath.parse(spec).read("$.training.epochs", Integer.class);
        assertThat(epochs).as("epochs given by " + spec).isBetween(1, 5);
        String location = service.submit(spec);
        DocumentContext done = service.awaitTerminal(location, PATIENCE);
        assertThat(done.read("$.status", String.class)).as(done.jsonString()).isEqualTo("SUCCEEDED");
        assertThat(service.json(location + "/metrics").read("$.epochs[?(@.phase == 'student')].epoch", List.class))
                .as("student epochs of " + spec)
                .hasSize(epochs);
        return location;
    }

    private static List<String> tryItBodies() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("## Try it");
        String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
        List<String> bodies = new ArrayList<>();
        Matcher curl = CURL_BODY.matcher(section);
        while (curl.find()) {
            bodies.add(curl.group(1));
        }
        return bodies;
    }
}
