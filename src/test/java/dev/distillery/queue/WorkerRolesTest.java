package dev.distillery.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.DistilleryApplication;
import dev.distillery.experiments.ExperimentQueries;
import dev.distillery.experiments.ExperimentStatus;
import dev.distillery.experiments.ExperimentSummary;
import dev.distillery.experiments.submission.ExperimentSubmission;
import dev.distillery.shared.Caller;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Scale-out on one external PostgreSQL: an api-role instance takes submissions, two worker-role
 * instances train them, and no experiment is ever run twice.
 */
class WorkerRolesTest {

    @Test
    void twoWorkerInstancesShareTheQueueAndRunEachExperimentOnce() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                ConfigurableApplicationContext api = start(postgres, "api");
                ConfigurableApplicationContext first = start(postgres, "worker");
                ConfigurableApplicationContext second = start(postgres, "worker")) {
            assertThat(api.getBeansOfType(com.github.kagkarlsson.scheduler.Scheduler.class))
                    .isEmpty();
            assertThat(first.getBeansOfType(com.github.kagkarlsson.scheduler.Scheduler.class))
                    .hasSize(1);
            assertThat(status(first, "/api/v1/catalog")).isEqualTo(404);
            assertThat(status(first, "/actuator/health")).isEqualTo(200);

            ExperimentSubmission submission = api.getBean(ExperimentSubmission.class);
            List<UUID> ids = IntStream.range(0, 6)
                    .mapToObj(i -> submission
                            .submit(TinyExperiments.spec("shared " + i, 2, i, 0), Caller.ANONYMOUS)
                            .id())
                    .toList();
            ExperimentQueries queries = api.getBean(ExperimentQueries.class);
            List<ExperimentSummary> finished = TinyExperiments.awaitTerminal(queries, ids);

            assertThat(finished).allSatisfy(experiment -> {
                assertThat(experiment.status()).as(experiment.error()).isEqualTo(ExperimentStatus.SUCCEEDED);
                assertThat(experiment.attempts()).isEqualTo(1);
            });
        }
    }

    private static ConfigurableApplicationContext start(EmbeddedPostgres postgres, String role) {
        return new SpringApplicationBuilder(DistilleryApplication.class)
                .profiles("test")
                .run(
                        "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                        "--spring.datasource.username=postgres",
                        "--distillery.role=" + role,
                        "--distillery.workers=1",
                        "--server.port=0",
                        "--spring.main.banner-mode=off");
    }

    private static int status(ConfigurableApplicationContext context, String path) throws Exception {
        String port = context.getEnvironment().getProperty("local.server.port");
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
