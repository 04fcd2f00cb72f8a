package dev.distillery.queue;

import ai.djl.engine.Engine;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.distillery.shared.DistilleryProperties;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * db-scheduler wired by hand (it has no Boot 4 starter). Every instance gets a client, so
 * submissions queue inside their own transaction; only instances with workers run a scheduler,
 * with one thread per device lease, after Flyway has created its table.
 */
@Configuration(proxyBeanMethods = false)
class SchedulerConfiguration {

    /** The client submissions schedule with (the worker's Scheduler is a client too, but not this one). */
    @Bean
    @Primary
    SchedulerClient schedulerClient(DataSource dataSource) {
        return SchedulerClient.Builder.create(new TransactionAwareDataSourceProxy(dataSource))
                .enablePriority()
                .build();
    }

    /**
     * Runs an experiment; one that needs a GPU is put back for a later poll when this worker's
     * device is the CPU, so a GPU worker takes it.
     */
    @Bean
    Task<Void> runExperimentTask(ExperimentRunner runner, QueueProperties properties, Clock clock) {
        return Tasks.custom(QueueTasks.RUN_EXPERIMENT)
                .onDeadExecutionRevive()
                .execute((instance, context) -> switch (runner.run(UUID.fromString(instance.getId()))) {
                    case DONE -> new CompletionHandler.OnCompleteRemove<>();
                    case OFFER_AGAIN ->
                        (complete, operations) -> operations.reschedule(
                                complete,
                                clock.instant().plus(properties.pollInterval().multipliedBy(5)));
                    // the entry was revived for the attempt that superseded this one: it is no longer ours to touch
                    case SUPERSEDED -> (complete, operations) -> {};
                });
    }

    @Bean
    GpuCounter gpuCounter() {
        return () -> {
            try {
                return Engine.getEngine("PyTorch").getGpuCount();
            } catch (RuntimeException | UnsatisfiedLinkError noEngine) {
                return 0;
            }
        };
    }

    @Bean
    DeviceLeases deviceLeases(
            DeviceProperties devices, WorkerProperties workers, GpuCounter gpus, DistilleryProperties service) {
        boolean trains = service.role().trains() && workers.workers() > 0;
        return new DeviceLeases(devices, trains ? workers.workers() : 0, trains ? gpus : () -> 0);
    }

    @Bean
    RecurringTask<Void> reconcileQueueTask(QueueReconciler reconciler, QueueProperties properties) {
        return Tasks.recurring(QueueTasks.RECONCILE, FixedDelay.of(properties.reconcileInterval()))
                .execute((instance, context) -> reconciler.reconcile());
    }

    @Bean(initMethod = "start", destroyMethod = "stop")
    @ConditionalOnExpression("'${distillery.role:all}'.toLowerCase() != 'api' and ${distillery.workers:1} > 0")
    Scheduler scheduler(
            DataSource dataSource,
            Task<Void> runExperimentTask,
            RecurringTask<Void> reconcileQueueTask,
            QueueProperties queue,
            DeviceLeases leases,
            List<FlywayMigrationInitializer> migrated) {
        return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), List.of(runExperimentTask))
                .startTasks(reconcileQueueTask)
                .threads(leases.size())
                .pollingInterval(queue.pollInterval())
                .heartbeatInterval(queue.heartbeatInterval())
                .missedHeartbeatsLimit(queue.missedHeartbeatsLimit())
                .shutdownMaxWait(queue.shutdownGrace())
                .enablePriority()
                .build();
    }
}
