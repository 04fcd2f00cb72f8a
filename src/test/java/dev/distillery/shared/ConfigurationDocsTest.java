package dev.distillery.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The README's configuration table and application.yml name the same {@code distillery.*} settings. */
class ConfigurationDocsTest {

    private static final Pattern CODE = Pattern.compile("`([a-z0-9.*-]+)`");

    @Test
    void everySettingInApplicationYmlIsInTheReadmeTableAndTheReverse() throws IOException {
        TreeSet<String> yml = new TreeSet<>();
        flatten("", load(), yml);
        yml.removeIf(key -> !key.startsWith("distillery."));
        List<String> documented = readmeSettings();

        for (String key : yml) {
            assertThat(documented)
                    .as("README configuration table documents %s", key)
                    .anyMatch(setting -> setting.equals(key)
                            || setting.endsWith(".*") && key.startsWith(setting.substring(0, setting.length() - 1)));
        }
        for (String setting : documented) {
            String prefix = setting.endsWith(".*") ? setting.substring(0, setting.length() - 1) : null;
            assertThat(yml)
                    .as("application.yml sets %s, which the README documents", setting)
                    .anyMatch(key -> key.equals(setting) || prefix != null && key.startsWith(prefix));
        }
        assertThat(documented).contains("distillery.workers", "distillery.training.threads-per-worker");
    }

    /** The {@code distillery.*} names of the "Configuration" table; `a.b.c` / `d` stands for a.b.c and a.b.d. */
    private static List<String> readmeSettings() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("## Configuration"));
        section = section.substring(0, section.indexOf("\n## ", 1));
        List<String> settings = new ArrayList<>();
        for (String line : section.split("\n")) {
            if (!line.startsWith("| `distillery.")) {
                continue;
            }
            String first = line.substring(1, line.indexOf('|', 1));
            Matcher names = CODE.matcher(first);
            String parent = null;
            while (names.find()) {
                String name = names.group(1);
                if (name.startsWith("distillery.")) {
                    parent = name.substring(0, name.lastIndexOf('.') + 1);
                    settings.add(name);
                } else if (parent != null) {
                    settings.add(parent + name);
                }
            }
        }
        return settings;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load() throws IOException {
        try (var in = Files.newInputStream(Path.of("src", "main", "resources", "application.yml"))) {
            return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> tree, TreeSet<String> keys) {
        tree.forEach((name, value) -> {
            String key = prefix + name;
            if (value instanceof Map<?, ?> child) {
                flatten(key + ".", (Map<String, Object>) child, keys);
            } else {
                keys.add(key);
            }
        });
    }
}
