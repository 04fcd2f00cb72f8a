package dev.distillery.experiments;

import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;

/**
 * The GPU workers this deployment has seen: each worker instance with GPU device slots records itself when it starts;
 * a spec asking for a GPU is refused while none ever has (it would wait in the queue forever, holding quota).
 */
@NamedInterface("lifecycle")
@Component
public class GpuWorkers {

    private final JdbcClient jdbc;
    private final Clock clock;

    GpuWorkers(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Worker instance {@code instance} trains on {@code devices} (e.g. gpu0, gpu1). */
    public void seen(String instance, List<String> devices) {
        jdbc.sql(
                        """
                insert into gpu_workers (instance, devices, first_seen, last_seen) values (:instance, :devices, :now, :now)
                on conflict (instance) do update set devices = excluded.devices, last_seen = excluded.last_seen""")
                .param("instance", instance)
                .param("devices", String.join(",", devices))
                .param("now", java.sql.Timestamp.from(clock.instant()))
                .update();
    }

    /** Whether any GPU worker has ever started on this deployment's database. */
    public boolean anySeen() {
        return jdbc.sql("select exists (select 1 from gpu_workers)")
                .query(Boolean.class)
                .single();
    }
}
