package dev.distillery.experiments;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import org.springframework.modulith.NamedInterface;

/**
 * The group of repeats each experiment belongs to, for the experiments API to show. Implemented by the module that
 * keeps groups (comparison), so experiments needs no dependency on it.
 */
@NamedInterface("groups")
public interface ExperimentGroups {

    /** The group of each of these experiments that belongs to one; experiments submitted alone are absent. */
    Map<UUID, UUID> groupsOf(Collection<UUID> experimentIds);
}
