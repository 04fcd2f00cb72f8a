package dev.distillery.methods;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** All distillation methods, keyed by name. Immutable and thread-safe. */
@Component
public class MethodRegistry {

    private final Map<String, DistillationMethod> methods = new TreeMap<>();

    /** The built-in methods. */
    public MethodRegistry() {
        this(List.of(
                new CrossEntropyMethod(),
                new KnowledgeDistillation(),
                new DecoupledKnowledgeDistillation(),
                new CurriculumTemperatureDistillation(),
                new MultiLevelDistillation()));
    }

    public MethodRegistry(Collection<? extends DistillationMethod> methods) {
        for (DistillationMethod method : methods) {
            if (this.methods.putIfAbsent(method.name(), method) != null) {
                throw new IllegalArgumentException("duplicate method name " + method.name());
            }
        }
    }

    /** The method called {@code name}, or empty when there is none. */
    public Optional<DistillationMethod> find(String name) {
        return Optional.ofNullable(name).map(methods::get);
    }

    /** All methods, sorted by name. */
    public List<DistillationMethod> methods() {
        return List.copyOf(methods.values());
    }

    /** All method names, sorted. */
    public List<String> names() {
        return List.copyOf(methods.keySet());
    }
}
