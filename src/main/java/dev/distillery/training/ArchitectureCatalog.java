package dev.distillery.training;

import dev.distillery.training.architectures.BuiltInArchitectures;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * All model architectures, keyed by name. Thread-safe. Parameter counts are computed on first use (building and
 * initializing each network once) and cached, so that startup stays fast.
 */
@Component
public class ArchitectureCatalog {

    /** The input shape catalog parameter counts refer to: CIFAR's 3x32x32. */
    public static final InputShape REFERENCE_INPUT = new InputShape(3, 32, 32);

    /** The class count catalog parameter counts refer to: CIFAR-100's. */
    public static final int REFERENCE_CLASSES = 100;

    private final Map<String, Architecture> architectures = new TreeMap<>();
    private final Map<String, Long> parameterCounts = new ConcurrentHashMap<>();

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

    /**
     * Name, description and parameter count (at {@link #REFERENCE_INPUT}, {@link #REFERENCE_CLASSES} classes) of
     * every architecture, sorted by name. The first call builds every network once; use {@link #names()} when
     * only the names are needed.
     */
    public List<ArchitectureInfo> architectures() {
        return architectures.values().stream()
                .map(a -> new ArchitectureInfo(a.name(), a.description(), parameters(a)))
                .toList();
    }

    /** The names of all architectures, sorted; cheap. */
    public List<String> names() {
        return List.copyOf(architectures.keySet());
    }

    /** The architecture called {@code name}, or empty. */
    public Optional<Architecture> find(String name) {
        return Optional.ofNullable(name).map(architectures::get);
    }

    /** Why {@code name} cannot be trained on inputs of this shape (unknown name, too small input), or empty. */
    public Optional<String> problem(String name, InputShape shape, int classes) {
        Optional<Architecture> architecture = find(name);
        if (architecture.isEmpty()) {
            return Optional.of(
                    "unknown architecture '" + name + "'; known: " + String.join(", ", architectures.keySet()));
        }
        return architecture.get().problem(shape, classes);
    }

    private long parameters(Architecture architecture) {
        return parameterCounts.computeIfAbsent(
                architecture.name(), name -> architecture.parameterCount(REFERENCE_INPUT, REFERENCE_CLASSES));
    }
}
