package dev.distillery.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The chart rendered by {@code helm template}, parsed into maps, with lookups by kind and component. */
record Manifests(List<Map<String, Object>> all) {

    static final Path CHART = Path.of("helm", "distillery");
    static final Path GPU_VALUES = Path.of("helm", "examples", "values-gpu.yaml");
    static final Path TEST_RESOURCES = Path.of("src", "test", "resources", "deploy");
    static final String RELEASE = "test";
    // helm template assumes Kubernetes 1.20 unless told; the chart needs 1.25+
    static final String KUBE_VERSION = "1.31.0";

    static Manifests render(Path... valuesFiles) {
        return render(Map.of(), valuesFiles);
    }

    static Manifests render(Map<String, String> set, Path... valuesFiles) {
        TemplateCommand template = new Helm(CHART)
                .template()
                .withName(RELEASE)
                .withNamespace("distillery")
                .withKubeVersion(KUBE_VERSION);
        for (Path file : valuesFiles) {
            template = template.withValuesFile(file.toAbsolutePath());
        }
        for (Map.Entry<String, String> entry : set.entrySet()) {
            template = template.set(entry.getKey(), entry.getValue());
        }
        return parse(template.call());
    }

    @SuppressWarnings("unchecked")
    static Manifests parse(String yaml) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            if (document != null) {
                documents.add((Map<String, Object>) document);
            }
        }
        return new Manifests(documents);
    }

    List<String> kinds() {
        return all.stream().map(m -> (String) m.get("kind")).toList();
    }

    Map<String, Object> single(String kind) {
        List<Map<String, Object>> found =
                all.stream().filter(m -> kind.equals(m.get("kind"))).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + ", found " + found.size());
        }
        return found.get(0);
    }

    /** Deployments by their app.kubernetes.io/component label. */
    Map<String, Map<String, Object>> deployments() {
        Map<String, Map<String, Object>> byComponent = new LinkedHashMap<>();
        all.stream()
                .filter(m -> "Deployment".equals(m.get("kind")))
                .forEach(m -> byComponent.put(at(m, "metadata", "labels", "app.kubernetes.io/component"), m));
        return byComponent;
    }

    Map<String, Object> deployment(String component) {
        return Objects.requireNonNull(deployments().get(component), component);
    }

    Map<String, Object> podSpec(String component) {
        return at(deployment(component), "spec", "template", "spec");
    }

    Map<String, Object> container(String component) {
        List<Map<String, Object>> containers = at(podSpec(component), "containers");
        return containers.get(0);
    }

    List<Map<String, Object>> volumes(String component) {
        return at(podSpec(component), "volumes");
    }

    /** The container's literal environment ({@code value:} entries). */
    Map<String, String> env(String component) {
        Map<String, String> env = new LinkedHashMap<>();
        List<Map<String, Object>> entries = at(container(component), "env");
        for (Map<String, Object> entry : entries) {
            if (entry.containsKey("value")) {
                env.put((String) entry.get("name"), String.valueOf(entry.get("value")));
            }
        }
        return env;
    }

    Map<String, Object> secretKeyRef(String component, String variable) {
        List<Map<String, Object>> entries = at(container(component), "env");
        return entries.stream()
                .filter(e -> variable.equals(e.get("name")))
                .findFirst()
                .map(e -> Manifests.<Map<String, Object>>at(e, "valueFrom", "secretKeyRef"))
                .orElseThrow(() -> new AssertionError(variable + " not in " + component + "'s env"));
    }

    /** The ConfigMap every Distillery container takes its environment from. */
    Map<String, String> configMap() {
        return at(single("ConfigMap"), "data");
    }

    static Object value(Map<String, Object> map, String... path) {
        return at(map, path);
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Map<String, Object> map, String... path) {
        Object current = map;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> m) || !m.containsKey(key)) {
                throw new AssertionError("no " + String.join(".", path) + " in " + map);
            }
            current = m.get(key);
        }
        return (T) current;
    }
}
