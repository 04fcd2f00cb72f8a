package dev.distillery.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.distillery.access.AccessProperties;
import dev.distillery.access.ApiRole;
import dev.distillery.experiments.AttemptProperties;
import dev.distillery.experiments.submission.SubmissionLimits;
import dev.distillery.queue.DeviceProperties;
import dev.distillery.queue.QueueProperties;
import dev.distillery.queue.WorkerProperties;
import dev.distillery.shared.DistilleryProperties;
import dev.distillery.tracking.CheckpointProperties;
import dev.distillery.training.DatasetLocations;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Every environment variable that the Dockerfile, docker-compose.yml and the helm chart hand to the service is
 * one it reads: each is bound, with Spring Boot's own relaxed binding, into the service's real
 * {@code @ConfigurationProperties} records, and the record must come out holding the value the file set. The
 * few variables read below Spring (glibc, DJL) are checked against the libraries themselves.
 */
class DeployEnvironmentTest {

    /** What the service made of one environment: its configuration records, bound as at startup. */
    record Bound(
            Binder binder,
            DistilleryProperties service,
            WorkerProperties workers,
            DeviceProperties devices,
            QueueProperties queue,
            AttemptProperties attempts,
            CheckpointProperties checkpoints,
            DatasetLocations datasets,
            AccessProperties access,
            SubmissionLimits limits) {

        static Bound of(Map<String, String> env) {
            MutablePropertySources sources = new MutablePropertySources();
            String json = env.get("SPRING_APPLICATION_JSON");
            if (json != null) {
                // Spring Boot puts SPRING_APPLICATION_JSON above the plain environment variables
                sources.addLast(new MapPropertySource(
                        "spring.application.json",
                        flatten("", JsonParserFactory.getJsonParser().parseMap(json))));
            }
            sources.addLast(new SystemEnvironmentPropertySource(
                    StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.copyOf(env)));
            Binder binder = new Binder(ConfigurationPropertySources.from(sources));
            return new Bound(
                    binder,
                    binder.bindOrCreate("distillery", DistilleryProperties.class),
                    binder.bindOrCreate("distillery", WorkerProperties.class),
                    binder.bindOrCreate("distillery", DeviceProperties.class),
                    binder.bindOrCreate("distillery.queue", QueueProperties.class),
                    binder.bindOrCreate("distillery", AttemptProperties.class),
                    binder.bindOrCreate("distillery.checkpoints", CheckpointProperties.class),
                    binder.bindOrCreate("distillery.datasets", DatasetLocations.class),
                    binder.bindOrCreate("distillery.security", AccessProperties.class),
                    binder.bindOrCreate("distillery.queue", SubmissionLimits.class));
        }

        Object property(String name, Class<?> type) {
            return binder.bind(name, type).orElse(null);
        }

        String dataset(String name) {
            return datasets.defaultPaths().get(name);
        }

        /**
         * A field of a configured API key, by its property below {@code distillery.security.keys[i]}
         * ({@code name}, {@code hash}, {@code roles[j]}, {@code max-queued}); null if the service did not bind it.
         */
        Object key(int index, String field) {
            if (index >= access.keys().size()) {
                return null;
            }
            AccessProperties.ConfiguredKey key = access.keys().get(index);
            Matcher role = Pattern.compile("roles\\[(\\d+)]").matcher(field);
            if (role.matches()) {
                int j = Integer.parseInt(role.group(1));
                return key.roles() == null || j >= key.roles().size()
                        ? null
                        : key.roles().get(j);
            }
            return switch (field) {
                case "name" -> key.name();
                case "hash" -> key.hash();
                case "max-queued" -> key.maxQueued();
                default -> null;
            };
        }
    }

    /** Environment variables the service reads, and where each ends up. */
    static final Map<String, Function<Bound, Object>> READ_BY_THE_SERVICE = Map.ofEntries(
            Map.entry("DISTILLERY_ROLE", b -> b.service().role()),
            Map.entry("DISTILLERY_DATA_DIR", b -> b.service().dataDir()),
            Map.entry("DISTILLERY_WORKERS", b -> b.workers().workers()),
            Map.entry("DISTILLERY_DEVICES", b -> b.devices().devices()),
            Map.entry("DISTILLERY_WORKERS_PER_DEVICE", b -> b.devices().workersPerDevice()),
            Map.entry("DISTILLERY_MAX_ATTEMPTS", b -> b.attempts().maxAttempts()),
            Map.entry("DISTILLERY_QUEUE_SHUTDOWN_GRACE", b -> b.queue().shutdownGrace()),
            Map.entry("DISTILLERY_QUEUE_HEARTBEAT_INTERVAL", b -> b.queue().heartbeatInterval()),
            Map.entry("DISTILLERY_QUEUE_MISSED_HEARTBEATS_LIMIT", b -> b.queue().missedHeartbeatsLimit()),
            Map.entry("DISTILLERY_CHECKPOINTS_DIR", b -> b.checkpoints().dir()),
            Map.entry("DISTILLERY_CHECKPOINTS_KEEP_EVERY", b -> b.checkpoints().keepEvery()),
            Map.entry("DISTILLERY_DATASETS_MNIST", b -> b.dataset("mnist")),
            Map.entry("DISTILLERY_QUEUE_MAX_QUEUED", b -> b.limits().maxQueued()),
            Map.entry("DISTILLERY_QUEUE_RETRY_AFTER", b -> b.limits().retryAfter()),
            Map.entry("DISTILLERY_SECURITY_ENABLED", b -> b.access().enabled()),
            Map.entry("DISTILLERY_SECURITY_PUBLIC_READ", b -> b.access().publicRead()),
            Map.entry("DISTILLERY_SECURITY_MAX_QUEUED_PER_KEY", b -> b.access().maxQueuedPerKey()),
            // bound by the training module's configuration (distillery.training.threads-per-worker)
            Map.entry(
                    "DISTILLERY_TRAINING_THREADS_PER_WORKER",
                    b -> b.property("distillery.training.threads-per-worker", String.class)),
            Map.entry("SPRING_DATASOURCE_URL", b -> b.property("spring.datasource.url", String.class)),
            Map.entry("SPRING_DATASOURCE_USERNAME", b -> b.property("spring.datasource.username", String.class)),
            Map.entry("SPRING_DATASOURCE_PASSWORD", b -> b.property("spring.datasource.password", String.class)),
            Map.entry("SERVER_PORT", b -> b.property("server.port", Integer.class)));

    /** Read below Spring: by glibc's allocator, by DJL when it loads LibTorch, by the JVM launcher. */
    static final Set<String> READ_BY_THE_RUNTIME = Set.of(
            "MALLOC_MMAP_THRESHOLD_",
            "MALLOC_TRIM_THRESHOLD_",
            "MALLOC_TOP_PAD_",
            "DJL_CACHE_DIR",
            "PYTORCH_LIBRARY_PATH",
            "PYTORCH_VERSION",
            "PYTORCH_FLAVOR",
            "JAVA_HOME",
            "PATH");

    /** Configured API keys as environment variables (relaxed binding of distillery.security.keys[n].*). */
    static final Pattern KEY_VARIABLE = Pattern.compile("DISTILLERY_SECURITY_KEYS_(\\d+)_(NAME|HASH|ROLES|MAX_QUEUED)");

    /** Configured API keys in SPRING_APPLICATION_JSON, flattened as Spring Boot flattens it. */
    static final Pattern KEY_SETTING =
            Pattern.compile("distillery\\.security\\.keys\\[(\\d+)]\\.(name|hash|max-queued|roles\\[\\d+])");

    static final Path ROOT = Path.of("");

    /** Asserts that the service, started with {@code env}, reads every variable in it with the value given. */
    static void assertServiceReadsAll(String where, Map<String, String> env) {
        Bound bound = Bound.of(env);
        for (Map.Entry<String, String> variable : env.entrySet()) {
            String name = variable.getKey();
            String value = variable.getValue();
            if (name.equals("SPRING_APPLICATION_JSON")) {
                Map<String, Object> settings =
                        flatten("", JsonParserFactory.getJsonParser().parseMap(value));
                assertThat(settings).as("%s: SPRING_APPLICATION_JSON", where).isNotEmpty();
                settings.forEach((key, setting) -> {
                    Matcher apiKey = KEY_SETTING.matcher(key);
                    if (apiKey.matches()) {
                        Object read = bound.key(Integer.parseInt(apiKey.group(1)), apiKey.group(2));
                        assertThat(sameValue(read, String.valueOf(setting)))
                                .as("%s: SPRING_APPLICATION_JSON %s=%s is read as %s", where, key, setting, read)
                                .isTrue();
                        return;
                    }
                    assertThat(key).as(where).startsWith("distillery.datasets.");
                    assertThat(bound.dataset(key.substring("distillery.datasets.".length())))
                            .as("%s: %s", where, key)
                            .isEqualTo(setting);
                });
                continue;
            }
            Matcher keyVariable = KEY_VARIABLE.matcher(name);
            if (keyVariable.matches()) {
                assertKeyVariableRead(
                        where, bound, name, value, Integer.parseInt(keyVariable.group(1)), keyVariable.group(2));
                continue;
            }
            Function<Bound, Object> read = READ_BY_THE_SERVICE.get(name);
            assertThat(read)
                    .as("%s sets %s, which the service does not read", where, name)
                    .isNotNull();
            assertThat(sameValue(read.apply(bound), value))
                    .as("%s: %s=%s is read as %s", where, name, value, read.apply(bound))
                    .isTrue();
        }
    }

    static void assertKeyVariableRead(String where, Bound bound, String name, String value, int index, String field) {
        if (field.equals("ROLES")) {
            // a comma-separated list, bound element by element
            List<String> roles = List.of(value.split(","));
            for (int j = 0; j < roles.size(); j++) {
                Object read = bound.key(index, "roles[" + j + "]");
                assertThat(sameValue(read, roles.get(j).trim()))
                        .as("%s: %s=%s, role %d is read as %s", where, name, value, j, read)
                        .isTrue();
            }
            assertThat(bound.access().keys().get(index).roles())
                    .as("%s: %s", where, name)
                    .hasSameSizeAs(roles);
            return;
        }
        Object read = bound.key(index, field.toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        assertThat(sameValue(read, value))
                .as("%s: %s=%s is read as %s", where, name, value, read)
                .isTrue();
    }

    @Test
    void theCheckRefusesVariablesTheServiceIgnoresOrReadsDifferently() {
        // a misspelt name, and a map key with a dash that an environment variable cannot spell
        assertThatThrownBy(() -> assertServiceReadsAll("x", Map.of("DISTILLERY_WORKER", "2")))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> assertServiceReadsAll("x", Map.of("DISTILLERY_DATASETS_FASHION_MNIST", "/d")))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> assertServiceReadsAll(
                        "x", Map.of("SPRING_APPLICATION_JSON", "{\"distillery\":{\"dataset\":{\"mnist\":\"/d\"}}}")))
                .isInstanceOf(AssertionError.class);
        // an API key field the service does not have, and a role it does not know
        assertThatThrownBy(() -> assertServiceReadsAll(
                        "x",
                        Map.of(
                                "SPRING_APPLICATION_JSON",
                                "{\"distillery\":{\"security\":{\"keys\":[{\"name\":\"a\",\"max-queue\":3}]}}}")))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> assertServiceReadsAll("x", Map.of("DISTILLERY_SECURITY_KEY_0_NAME", "a")))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> assertServiceReadsAll(
                        "x",
                        Map.of(
                                "DISTILLERY_SECURITY_KEYS_0_NAME",
                                "a",
                                "DISTILLERY_SECURITY_KEYS_0_ROLES",
                                "reader,owner")))
                .isInstanceOf(RuntimeException.class);
        // and accepts what Spring binds
        assertServiceReadsAll(
                "x",
                Map.of(
                        "DISTILLERY_QUEUE_SHUTDOWN_GRACE",
                        "90s",
                        "DISTILLERY_ROLE",
                        "worker",
                        "SPRING_APPLICATION_JSON",
                        "{\"distillery\":{\"datasets\":{\"fashion-mnist\":\"/d\"}}}"));
        assertServiceReadsAll(
                "x",
                Map.of(
                        "DISTILLERY_QUEUE_RETRY_AFTER",
                        "2m",
                        "DISTILLERY_SECURITY_ENABLED",
                        "true",
                        "SPRING_APPLICATION_JSON",
                        "{\"distillery\":{\"security\":{\"keys\":[{\"name\":\"a\"," + "\"hash\":\"" + "ab".repeat(32)
                                + "\",\"roles\":[\"reader\",\"admin\"],\"max-queued\":3}]}}}"));
        assertServiceReadsAll(
                "x",
                Map.of(
                        "DISTILLERY_SECURITY_KEYS_0_NAME",
                        "a",
                        "DISTILLERY_SECURITY_KEYS_0_HASH",
                        "ab".repeat(32),
                        "DISTILLERY_SECURITY_KEYS_0_ROLES",
                        "reader,admin",
                        "DISTILLERY_SECURITY_KEYS_0_MAX_QUEUED",
                        "3"));
    }

    static boolean sameValue(Object bound, String raw) {
        if (bound instanceof Duration duration) {
            return duration.equals(DurationStyle.detectAndParse(raw));
        }
        if (bound instanceof Enum<?> constant) {
            return constant.name().equalsIgnoreCase(raw);
        }
        return bound != null && bound.toString().equals(raw);
    }

    // ---------------------------------------------------------------------------------------------- compose

    @Test
    void composeHandsTheServiceOnlyVariablesItReads() throws IOException {
        Map<String, Object> compose = compose();
        Map<String, Map<String, Object>> services = cast(compose.get("services"));
        assertThat(services).containsOnlyKeys("postgres", "api", "worker", "worker-gpu");

        for (String service : List.of("api", "worker", "worker-gpu")) {
            Map<String, String> env = environment(services.get(service));
            assertServiceReadsAll("docker-compose.yml " + service, env);
        }
        assertThat(environment(services.get("api"))).containsEntry("DISTILLERY_ROLE", "api");
        assertThat(environment(services.get("worker")))
                .containsEntry("DISTILLERY_ROLE", "worker")
                .containsEntry("DISTILLERY_DEVICES", "cpu");
        assertThat(environment(services.get("worker-gpu"))).containsEntry("DISTILLERY_ROLE", "worker");
    }

    @Test
    void composeRunsPostgresApiAndAWorkerForCpuOrGpu() throws IOException {
        Map<String, Map<String, Object>> services = cast(compose().get("services"));

        assertThat(Manifests.value(services.get("postgres"), "healthcheck", "test")
                        .toString())
                .contains("pg_isready");
        assertThat(services.get("api").get("ports")).isEqualTo(List.of("${DISTILLERY_PORT:-8080}:8080"));
        assertThat(services.get("api")).doesNotContainKey("profiles");
        assertThat(services.get("worker").get("profiles")).isEqualTo(List.of("cpu"));
        assertThat(services.get("worker-gpu").get("profiles")).isEqualTo(List.of("gpu"));
        assertThat(services.get("worker")).doesNotContainKey("deploy");
        List<Map<String, Object>> devices =
                Manifests.at(services.get("worker-gpu"), "deploy", "resources", "reservations", "devices");
        assertThat(devices).singleElement().satisfies(d -> assertThat(d)
                .containsEntry("driver", "nvidia")
                .containsEntry("capabilities", List.of("gpu")));
        assertThat(Manifests.value(services.get("worker-gpu"), "build", "args", "FLAVOR"))
                .isEqualTo("cu128");

        for (String service : List.of("api", "worker", "worker-gpu")) {
            assertThat(Manifests.value(services.get(service), "depends_on", "postgres", "condition"))
                    .isEqualTo("service_healthy");
            assertThat(services.get(service).get("volumes"))
                    .asList()
                    .contains("checkpoints:/var/lib/distillery/checkpoints");
        }
        // Docker waits longer than the workers' shutdown grace before it kills them
        for (String worker : List.of("worker", "worker-gpu")) {
            Duration stop =
                    DurationStyle.detectAndParse((String) services.get(worker).get("stop_grace_period"));
            Duration grace = DurationStyle.detectAndParse(
                    environment(services.get(worker)).get("DISTILLERY_QUEUE_SHUTDOWN_GRACE"));
            assertThat(stop).isGreaterThan(grace);
        }
    }

    @Test
    void theComposeOverrideWithKeysInTheDocsGivesApiAndWorkersTheSameValidKeys() throws IOException {
        Map<String, Object> override = docsBlock("# docker-compose.override.yml");
        Map<String, Map<String, Object>> services = cast(compose().get("services"));
        Map<String, Map<String, Object>> overridden = cast(override.get("services"));
        assertThat(overridden).containsOnlyKeys("api", "worker", "worker-gpu");

        List<AccessProperties.ConfiguredKey> apiKeys = null;
        for (String service : overridden.keySet()) {
            // docker compose merges the override's environment into the service's
            Map<String, String> env = new LinkedHashMap<>(environment(services.get(service)));
            Map<String, Object> added = cast(overridden.get(service).get("environment"));
            added.forEach((name, value) -> env.put(name, String.valueOf(value)));
            env.put("DISTILLERY_SECURITY_ENABLED", "true");
            assertServiceReadsAll("docs/deploy.md override " + service, env);

            List<AccessProperties.ConfiguredKey> keys = Bound.of(env).access().keys();
            assertThat(keys).isNotEmpty().allSatisfy(key -> {
                assertThat(key.name()).matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
                assertThat(key.hash()).matches("[0-9a-f]{64}");
                assertThat(key.roles()).isNotEmpty();
            });
            assertThat(keys).anySatisfy(key -> assertThat(key.roles()).contains(ApiRole.ADMIN));
            apiKeys = apiKeys == null ? keys : apiKeys;
            assertThat(keys).as("%s has the api's keys", service).isEqualTo(apiKeys);
        }
    }

    @Test
    void composeConfiguresNoKeysThatCouldBeEmpty() throws IOException {
        // the service checks configured keys even with security off: an empty name or hash stops it
        Map<String, Map<String, Object>> services = cast(compose().get("services"));
        for (String service : List.of("api", "worker", "worker-gpu")) {
            Map<String, String> env = environment(services.get(service));
            assertThat(env.keySet()).noneMatch(name -> name.startsWith("DISTILLERY_SECURITY_KEYS"));
            assertThat(Bound.of(env).access().keys()).as(service).isEmpty();
        }
    }

    @Test
    void everyVariableOfTheEnvExampleIsUsedByTheComposeFileAndViceVersa() throws IOException {
        String composeText = Files.readString(ROOT.resolve("docker-compose.yml"));
        Set<String> used = new TreeSet<>();
        Matcher m = INTERPOLATION.matcher(composeText);
        while (m.find()) {
            used.add(m.group(1));
        }
        Set<String> documented = new TreeSet<>(envExample().keySet());
        documented.remove("COMPOSE_PROFILES"); // read by docker compose itself: which worker starts

        assertThat(used).isEqualTo(documented);
    }

    // ---------------------------------------------------------------------------------------------- helm

    @Test
    void helmHandsTheServiceOnlyVariablesItReads() {
        for (Manifests manifests : List.of(Manifests.render(), Manifests.render(Manifests.GPU_VALUES))) {
            for (String component : List.of("api", "worker")) {
                Map<String, String> env = new LinkedHashMap<>(manifests.configMap());
                env.putAll(manifests.env(component));
                env.put("SPRING_DATASOURCE_PASSWORD", "from-the-secret");
                assertServiceReadsAll("helm " + component, env);

                List<Map<String, Object>> entries = Manifests.at(manifests.container(component), "env");
                assertThat(entries)
                        .allSatisfy(e -> assertThat(READ_BY_THE_SERVICE).containsKey((String) e.get("name")));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- Dockerfile

    @Test
    void theDockerfileSetsOnlyVariablesTheServiceOrItsRuntimeReads() throws IOException {
        Map<String, String> env = dockerfileEnv();
        assertThat(env)
                .containsKeys(
                        "DISTILLERY_DATA_DIR",
                        "DJL_CACHE_DIR",
                        "PYTORCH_LIBRARY_PATH",
                        "PYTORCH_VERSION",
                        "PYTORCH_FLAVOR",
                        "MALLOC_MMAP_THRESHOLD_");

        Map<String, String> serviceEnv = new LinkedHashMap<>();
        env.forEach((name, value) -> {
            if (!READ_BY_THE_RUNTIME.contains(name)) {
                serviceEnv.put(name, value);
            }
        });
        assertServiceReadsAll("Dockerfile", serviceEnv);

        // the allocator settings are the ones the README and pom.xml use
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        assertThat(pom)
                .contains("<malloc.mmap.threshold>" + env.get("MALLOC_MMAP_THRESHOLD_") + "<")
                .contains("<malloc.trim.threshold>" + env.get("MALLOC_TRIM_THRESHOLD_") + "<")
                .contains("<malloc.top.pad>" + env.get("MALLOC_TOP_PAD_") + "<");
        // DJL 0.36's LibTorch loader reads the PYTORCH_* overrides and DJL_CACHE_DIR, and ships a cu128 JNI
        assertThat(classConstants("ai/djl/pytorch/jni/LibUtils.class"))
                .contains("PYTORCH_LIBRARY_PATH", "PYTORCH_VERSION", "PYTORCH_FLAVOR");
        assertThat(classConstants("ai/djl/util/Utils.class")).contains("DJL_CACHE_DIR");
        assertThat(env.get("PYTORCH_VERSION")).isEqualTo(pomProperty(pom, "pytorch.version"));
        assertThat(getClass()
                        .getClassLoader()
                        .getResource("jnilib/linux-x86_64/" + env.get("PYTORCH_FLAVOR") + "/libdjl_torch.so"))
                .isNotNull();
    }

    @Test
    void theDockerfileRunsOfflineAsANonRootUserWithAHealthcheck() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));

        assertThat(dockerfile)
                .containsPattern("(?m)^USER 10001:10001$")
                .contains("\"-Dai.djl.offline=true\"")
                .contains("-XX:MaxRAMPercentage=")
                .containsPattern("(?m)^HEALTHCHECK .*\\n\\s+CMD curl -fsS .*/actuator/health")
                .containsPattern("(?m)^ARG FLAVOR=cpu$")
                .contains("FROM runtime-${FLAVOR} AS runtime");
        // the build context has what the build stage copies, and nothing of the tests or the build output
        String dockerignore = Files.readString(ROOT.resolve(".dockerignore"));
        assertThat(dockerignore.lines()).contains("*", "!mvnw", "!pom.xml", "!.mvn/", "!src/main/");
    }

    // ---------------------------------------------------------------------------------------------- parsing

    static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?:(:?[-?])([^}]*))?}");

    static Map<String, Object> compose() throws IOException {
        try (InputStream in = Files.newInputStream(ROOT.resolve("docker-compose.yml"))) {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
    }

    /** A compose service's environment, interpolated as docker compose does with the .env example. */
    static Map<String, String> environment(Map<String, Object> service) throws IOException {
        Map<String, String> dotEnv = envExample();
        Map<String, Object> raw = cast(service.get("environment"));
        Map<String, String> env = new LinkedHashMap<>();
        raw.forEach((name, value) -> env.put(name, interpolate(String.valueOf(value), dotEnv)));
        return env;
    }

    static String interpolate(String text, Map<String, String> dotEnv) {
        Matcher m = INTERPOLATION.matcher(text.replace("$$", "\u0000"));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = dotEnv.get(m.group(1));
            String operator = Objects.requireNonNullElse(m.group(2), "");
            boolean unset = value == null || (operator.startsWith(":") && value.isEmpty());
            if (unset && operator.endsWith("?")) {
                throw new AssertionError("${" + m.group(1) + "} is required but not in .env.example");
            }
            m.appendReplacement(
                    out,
                    Matcher.quoteReplacement(
                            unset && operator.endsWith("-") ? m.group(3) : Objects.requireNonNullElse(value, "")));
        }
        m.appendTail(out);
        return out.toString().replace("\u0000", "$");
    }

    /** The YAML of the indented code block of docs/deploy.md whose first line is {@code firstLine}. */
    static Map<String, Object> docsBlock(String firstLine) throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("docs/deploy.md"));
        int start = lines.indexOf("    " + firstLine);
        assertThat(start)
                .as("docs/deploy.md has a code block starting with %s", firstLine)
                .isNotNegative();
        StringBuilder block = new StringBuilder();
        for (int i = start;
                i < lines.size() && (lines.get(i).isBlank() || lines.get(i).startsWith("    "));
                i++) {
            block.append(lines.get(i).isBlank() ? "" : lines.get(i).substring(4))
                    .append('\n');
        }
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(block.toString());
    }

    static Map<String, String> envExample() throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(ROOT.resolve(".env.example"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int eq = line.indexOf('=');
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }

    /** Every ENV of every stage of the Dockerfile (KEY=VALUE form). */
    static Map<String, String> dockerfileEnv() throws IOException {
        String joined = Files.readString(ROOT.resolve("Dockerfile")).replaceAll("\\\\\\n", " ");
        Map<String, String> env = new LinkedHashMap<>();
        joined.lines().filter(l -> l.startsWith("ENV ")).forEach(line -> Stream.of(
                        line.substring(4).trim().split("\\s+"))
                .forEach(pair -> {
                    int eq = pair.indexOf('=');
                    assertThat(eq).as("ENV %s: use KEY=VALUE", pair).isPositive();
                    env.put(pair.substring(0, eq), pair.substring(eq + 1));
                }));
        return env;
    }

    static String pomProperty(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]*)<").matcher(pom);
        assertThat(m.find()).as(name).isTrue();
        return m.group(1);
    }

    /** The class file's bytes as text: its string constants are in there verbatim. */
    String classConstants(String resource) throws IOException {
        try (InputStream in =
                Objects.requireNonNull(getClass().getClassLoader().getResourceAsStream(resource), resource)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** Flattens parsed JSON as Spring Boot flattens SPRING_APPLICATION_JSON: {@code a.b}, lists as {@code a[0]}. */
    static Map<String, Object> flatten(String prefix, Map<String, Object> map) {
        Map<String, Object> flat = new LinkedHashMap<>();
        map.forEach((key, value) -> extract(prefix.isEmpty() ? key : prefix + "." + key, value, flat));
        return flat;
    }

    private static void extract(String name, Object value, Map<String, Object> flat) {
        if (value instanceof Map<?, ?> nested && !nested.isEmpty()) {
            flat.putAll(flatten(name, cast(nested)));
        } else if (value instanceof Collection<?> list && !list.isEmpty()) {
            int index = 0;
            for (Object element : list) {
                extract(name + "[" + index++ + "]", element, flat);
            }
        } else {
            flat.put(name, value);
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T cast(Object value) {
        return (T) value;
    }
}
