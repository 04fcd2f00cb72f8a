package dev.distillery.queue;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
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
 * with one thread per worker, after Flyway has created its table.
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

    @Bean
    Task<Void> runExperimentTask(ExperimentRunner runner) {
        return Tasks.oneTime(QueueTasks.RUN_EXPERIMENT)
                .onDeadExecutionRevive()
                .execute((instance, context) -> runner.run(UUID.fromString(instance.getId())));
    }

    @Bean
    RecurringTask<Void> reconcileQueueTask(QueueReconciler reconciler, QueueProperties properties) {
        return Tasks.recurring(QueueTasks.RECONCILE, FixedDelay.of(properties.reconcileInterval()))
                .execute((instance, context) -> reconciler.reconcile());
    }

    @Bean(initMethod = "start", destroyMethod = "stop")
    @ConditionalOnExpression("'${distillery.role:all}'.toLowerCase() != 'api' and ${distillery.workers:1} > 0")
    Scheduler scheduler(DataSource dataSource, Task<Void> runExperimentTask, RecurringTask<Void> reconcileQueueTask,
            QueueProperties queue, WorkerProperties workers, List<FlywayMigrationInitializer> migrated) {
        return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), List.of(runExperimentTask))
                .startTasks(reconcileQueueTask)
                .threads(workers.workers())
                .pollingInterval(queue.pollInterval())
                .heartbeatInterval(queue.heartbeatInterval())
                .missedHeartbeatsLimit(queue.missedHeartbeatsLimit())
                .shutdownMaxWait(queue.shutdownGrace())
                .enablePriority()
                .build();
    }
}
