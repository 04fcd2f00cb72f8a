package dev.distillery.training;

import dev.distillery.training.architectures.BuiltInArchitectures;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** All model architectures, keyed by name. Immutable and thread-safe. */
@Component
public class ArchitectureCatalog {

    private final Map<String, Architecture> architectures = new TreeMap<>();

    /** The built-in architectures. */
    public ArchitectureCatalog() {
        this(BuiltInArchitectures.all());
    }

    public ArchitectureCatalog(Collection<? extends Architecture> architectures) {
        for (Architecture architecture : architectures) {
            if (this.architectures.putIfAbsent(architecture.name(), architecture) != null) {
                throw new IllegalArgumentException("duplicate architecture name " + architecture.name());
            }
        }
    }

    /** Name and description of every architecture, sorted by name. */
    public List<ArchitectureInfo> architectures() {
        return architectures.values().stream()
                .map(a -> new ArchitectureInfo(a.name(), a.description()))
                .toList();
    }

    /** The architecture called {@code name}, or empty. */
    public Optional<Architecture> find(String name) {
        return Optional.ofNullable(name).map(architectures::get);
    }

    /** Why {@code name} cannot be trained on inputs of this shape (unknown name, too small input), or empty. */
    public Optional<String> problem(String name, InputShape shape, int classes) {
        Optional<Architecture> architecture = find(name);
        if (architecture.isEmpty()) {
            return Optional.of("unknown architecture '" + name + "'; known: "
                    + String.join(", ", architectures.keySet()));
        }
        return architecture.get().problem(shape, classes);
    }
}
