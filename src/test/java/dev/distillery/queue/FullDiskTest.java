package dev.distillery.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.DistilleryApplication;
import dev.distillery.experiments.ExperimentQueries;
import dev.distillery.experiments.ExperimentStatus;
import dev.distillery.experiments.ExperimentSummary;
import dev.distillery.experiments.submission.ExperimentSubmission;
import dev.distillery.shared.Caller;
import dev.distillery.tracking.CheckpointRecord;
import dev.distillery.tracking.CheckpointRecords;
import dev.distillery.tracking.CheckpointStore;
import dev.distillery.tracking.Checkpointing;
import dev.distillery.training.EpochListener.ParameterWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The disk fills up while a run writes its epoch-3 checkpoint (a store that answers ENOSPC from then on): the run
 * FAILS saying so, its epoch-2 checkpoints stay intact and readable, the service keeps serving, and the same spec
 * resubmitted after space is freed succeeds.
 */
class FullDiskTest {

    @Test
    void aFullDiskFailsTheRunKeepsEarlierCheckpointsAndAResubmissionSucceeds() throws Exception {
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(
                        DistilleryApplication.class, WithAFillingDisk.class)
                .profiles("test")
                .run("--distillery.workers=1", "--distillery.devices=cpu", "--server.port=0")) {
            ExperimentSubmission submission = service.getBean(ExperimentSubmission.class);
            ExperimentQueries queries = service.getBean(ExperimentQueries.class);
            UUID id = submission
                    .submit(TinyExperiments.spec("fills the disk", 5, 3, 0), Caller.ANONYMOUS)
                    .id();

            ExperimentSummary failed =
                    TinyExperiments.awaitTerminal(queries, List.of(id)).get(0);

            assertThat(failed.status()).isEqualTo(ExperimentStatus.FAILED);
            assertThat(failed.error())
                    .contains("no space left while writing checkpoint 'resume-0003' of epoch 3")
                    .contains("the previous checkpoints are intact");
            assertThat(queries.metrics(id)).hasSize(2);
            CheckpointRecord last =
                    service.getBean(CheckpointRecords.class).find(id, "last").orElseThrow();
            assertThat(last.epoch()).isEqualTo(2);
            Path verified = service.getBean(Checkpointing.class).verifiedFile(id, "last");
            assertThat(Files.size(verified)).isEqualTo(last.sizeBytes()).isPositive();
            try (InputStream download = service.getBean(CheckpointStore.class).open(id, "best")) {
                assertThat(download.readAllBytes()).isNotEmpty();
            }

            FillingDisk.full = false;
            UUID again = submission
                    .submit(TinyExperiments.spec("after space was freed", 5, 3, 0), Caller.ANONYMOUS)
                    .id();
            ExperimentSummary succeeded =
                    TinyExperiments.awaitTerminal(queries, List.of(again)).get(0);
            assertThat(succeeded.status()).as(succeeded.error()).isEqualTo(ExperimentStatus.SUCCEEDED);
            assertThat(queries.metrics(again)).hasSize(5);
        } finally {
            FillingDisk.full = false;
            FillingDisk.armed = true;
        }
    }

    /** Wraps the real checkpoint store; a source of this context only (not a {@code @Configuration}). */
    static class WithAFillingDisk {

        @Bean
        static BeanPostProcessor fillingDisk() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof CheckpointStore store ? new FillingDisk(store) : bean;
                }
            };
        }
    }

    /** The disk fills up at the first write of an epoch-3 training state, and stays full until the test frees it. */
    static final class FillingDisk implements CheckpointStore {

        static volatile boolean armed = true;
        static volatile boolean full;

        private final CheckpointStore disk;

        FillingDisk(CheckpointStore disk) {
            this.disk = disk;
        }

        @Override
        public StoredBytes write(UUID experimentId, String name, ParameterWriter writer) throws IOException {
            if (armed && name.equals("resume-0003")) {
                armed = false;
                full = true;
            }
            check(name);
            return disk.write(experimentId, name, writer);
        }

        @Override
        public StoredBytes copy(UUID experimentId, String from, String to) throws IOException {
            check(to);
            return disk.copy(experimentId, from, to);
        }

        @Override
        public InputStream open(UUID experimentId, String name) throws IOException {
            return disk.open(experimentId, name);
        }

        @Override
        public void delete(UUID experimentId, String name) throws IOException {
            disk.delete(experimentId, name);
        }

        @Override
        public Path localFile(UUID experimentId, String name) throws IOException {
            return disk.localFile(experimentId, name);
        }

        private static void check(String name) throws FileSystemException {
            if (full) {
                throw new FileSystemException(name + ".tmp", null, "No space left on device");
            }
        }
    }
}
