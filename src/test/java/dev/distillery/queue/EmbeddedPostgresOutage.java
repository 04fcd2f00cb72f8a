package dev.distillery.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Takes the service's embedded PostgreSQL away and brings it back, on the same data directory: frozen (every process
 * SIGSTOPped: connections hang with no reset) or stopped ({@code pg_ctl stop -m fast}: connections are refused) and
 * started again with the command line it ran with. As root, {@code pg_ctl} runs in a user namespace where it is not
 * root ({@code unshare -U}), as zonky itself starts it.
 */
final class EmbeddedPostgresOutage {

    private final Path dataDirectory;
    private List<String> frozen = List.of();
    private String postgresBinary;
    private List<String> postgresArguments;

    /** {@code serviceDataDir} is the service's {@code distillery.data-dir}; PostgreSQL's data lie in postgres/. */
    EmbeddedPostgresOutage(Path serviceDataDir) {
        this.dataDirectory = serviceDataDir.resolve("postgres");
    }

    void freeze() throws Exception {
        frozen = processes();
        signal("-STOP", frozen);
    }

    void thaw() throws Exception {
        signal("-CONT", frozen);
    }

    /** Stops the cluster; the postmaster's command line is kept to start it again as it was (same port, settings). */
    void stop() throws Exception {
        ProcessHandle postmaster = postmaster();
        postgresBinary = postmaster.info().command().orElseThrow();
        postgresArguments = List.of(postmaster.info().arguments().orElseThrow());
        pgCtl(List.of("-D", dataDirectory.toString(), "stop", "-m", "fast", "-w"));
    }

    void start() {
        List<String> options = new ArrayList<>(postgresArguments);
        int data = options.indexOf("-D");
        options.subList(data, data + 2).clear();
        try {
            pgCtl(List.of(
                    "-D",
                    dataDirectory.toString(),
                    "-o",
                    String.join(" ", options),
                    "-l",
                    dataDirectory.resolveSibling("postgres-restarted.log").toString(),
                    "-w",
                    "start"));
        } catch (Exception notStarted) {
            throw new IllegalStateException("PostgreSQL did not start again on " + dataDirectory, notStarted);
        }
    }

    private void pgCtl(List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(Path.of(postgresBinary).resolveSibling("pg_ctl").toString());
        command.addAll(arguments);
        assertThat(new ProcessBuilder(command).inheritIO().start().waitFor())
                .as(String.join(" ", command))
                .isZero();
    }

    private ProcessHandle postmaster() throws Exception {
        long pid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid"))
                .get(0)
                .trim());
        return ProcessHandle.of(pid).orElseThrow();
    }

    /** The postmaster and every process under it. */
    private List<String> processes() throws Exception {
        ProcessHandle root = postmaster();
        return Stream.concat(Stream.of(root), root.descendants())
                .map(process -> Long.toString(process.pid()))
                .toList();
    }

    private static void signal(String signal, List<String> pids) throws Exception {
        List<String> command = new ArrayList<>(List.of("kill", signal));
        command.addAll(pids);
        assertThat(new ProcessBuilder(command).inheritIO().start().waitFor()).isZero();
    }
}
