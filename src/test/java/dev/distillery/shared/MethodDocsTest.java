package dev.distillery.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.experiments.spec.ExperimentSpec;
import dev.distillery.methods.CommonSetting;
import dev.distillery.methods.DistillationMethod;
import dev.distillery.methods.MethodParameter;
import dev.distillery.methods.MethodRegistry;
import io.swagger.v3.oas.annotations.media.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's method table and the OpenAPI text of {@code method} cannot go stale: every registered method is in
 * both, with the settings it reads and its own parameters as the code declares them, and nothing else is.
 */
class MethodDocsTest {

    private final MethodRegistry registry = new MethodRegistry();

    @Test
    void theReadmeTableListsEveryMethodWithWhatItReadsAndItsParameters() throws IOException {
        Map<String, String[]> rows = readmeRows();

        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(registry.names());
        for (DistillationMethod method : registry.methods()) {
            String[] cells = rows.get(method.name());
            assertThat(words(cells[4]))
                    .as(method.name() + " reads")
                    .isEqualTo(method.reads().stream()
                            .map(CommonSetting::field)
                            .collect(Collectors.toCollection(TreeSet::new)));
            assertThat(words(cells[5]))
                    .as(method.name() + " parameters")
                    .isEqualTo(method.parameters().stream()
                            .map(MethodParameter::name)
                            .collect(Collectors.toCollection(TreeSet::new)));
        }
    }

    @Test
    void theOpenApiTextOfMethodNamesEveryMethod() throws NoSuchFieldException {
        Schema schema = Arrays.stream(ExperimentSpec.class.getRecordComponents())
                .filter(c -> c.getName().equals("method"))
                .findFirst()
                .orElseThrow()
                .getAccessor()
                .getAnnotation(Schema.class);
        String text = schema != null ? schema.description() : fieldSchema().description();

        for (String name : registry.names()) {
            assertThat(text).contains(name + " (");
        }
    }

    private static Schema fieldSchema() throws NoSuchFieldException {
        return ExperimentSpec.class.getDeclaredField("method").getAnnotation(Schema.class);
    }

    /** The rows of the table under "### Methods": method name → cells. */
    private static Map<String, String[]> readmeRows() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int start = lines.indexOf("### Methods");
        assertThat(start).as("README has a ### Methods section").isPositive();
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (String line : lines.subList(start, lines.size())) {
            if (line.startsWith("| `")) {
                String[] cells = Arrays.stream(line.split("\\|", -1))
                        .skip(1)
                        .map(String::trim)
                        .toArray(String[]::new);
                rows.put(cells[0].replace("`", ""), cells);
            } else if (!rows.isEmpty() && !line.startsWith("|")) {
                break;
            }
        }
        return rows;
    }

    private static Set<String> words(String cell) {
        if (cell.equals("none") || cell.equals("–")) {
            return new TreeSet<>();
        }
        return Arrays.stream(cell.split(",")).map(String::trim).collect(Collectors.toCollection(TreeSet::new));
    }
}
