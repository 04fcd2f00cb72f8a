package dev.distillery.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.DistilleryApplication;
import dev.distillery.experiments.EpochScore;
import dev.distillery.experiments.ExperimentQueries;
import dev.distillery.experiments.ExperimentStatus;
import dev.distillery.experiments.ExperimentSummary;
import dev.distillery.experiments.submission.ExperimentSubmission;
import dev.distillery.shared.Caller;
import dev.distillery.training.Architecture;
import dev.distillery.training.ArchitectureCatalog;
import dev.distillery.training.EpochMetrics;
import dev.distillery.training.NonFiniteAtInference;
import dev.distillery.training.architectures.BuiltInArchitectures;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Through the real service: a student whose test logits turn NaN at epoch 2 of 3 ends FAILED with the evaluation's
 * message as its error, keeping epoch 1 (valid) as its only recorded epoch, its best and its last.
 */
class NonFiniteExperimentTest {

    @Test
    void anExperimentWhoseTestLogitsGoNonFiniteFailsNamingTheEpochAndTheCount() throws Exception {
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(
                        DistilleryApplication.class, WithNonFiniteArchitecture.class)
                .profiles("test")
                .run(
                        "--distillery.workers=1",
                        "--distillery.devices=cpu",
                        "--server.port=0",
                        "--spring.main.banner-mode=off")) {
            UUID id = service.getBean(ExperimentSubmission.class)
                    .submit(TinyExperiments.spec("goes NaN", NonFiniteAtInference.NAME, 3, 1, 0), Caller.ANONYMOUS)
                    .id();
            ExperimentQueries queries = service.getBean(ExperimentQueries.class);

            ExperimentSummary failed =
                    TinyExperiments.awaitTerminal(queries, List.of(id)).get(0);

            assertThat(failed.status()).isEqualTo(ExperimentStatus.FAILED);
            // 64 test images of 10 classes, one batch: 11 bad logits of 640
            assertThat(failed.error())
                    .isEqualTo("TrainingException: student non-finite-at-inference (ce) "
                            + "evaluation after epoch 2: 11 of 640 test logits are not finite (NaN or infinite); "
                            + "the run is invalid");
            List<EpochMetrics> epochs = queries.metrics(id);
            assertThat(epochs).hasSize(1);
            EpochMetrics first = epochs.get(0);
            assertThat(first.phase()).isEqualTo(EpochMetrics.STUDENT);
            assertThat(first.epoch()).isEqualTo(1);
            assertThat(first.testLoss()).isFinite().isPositive();
            assertThat(first.testTop1()).isBetween(0.0, 1.0);
            assertThat(first.testTop5()).isBetween(first.testTop1(), 1.0);
            assertThat(failed.best()).isEqualTo(new EpochScore(1, first.testTop1(), first.testTop5()));
            assertThat(failed.last()).isEqualTo(failed.best());
        }
    }

    /**
     * The built-in architectures and one whose inference output goes bad from its second pass on. A source of this
     * context only: not a {@code @Configuration}, so the component scans of other tests' contexts never find it.
     */
    static class WithNonFiniteArchitecture {

        @Bean
        @Primary
        ArchitectureCatalog architecturesWithANonFiniteOne() {
            List<Architecture> architectures = new ArrayList<>(BuiltInArchitectures.all());
            architectures.add(new NonFiniteAtInference(2));
            return new ArchitectureCatalog(architectures);
        }
    }
}
