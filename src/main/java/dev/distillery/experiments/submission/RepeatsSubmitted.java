package dev.distillery.experiments.submission;

import java.util.List;
import java.util.UUID;
import org.springframework.modulith.NamedInterface;

/**
 * Published inside the submitting transaction, once the experiments' rows are written: these experiments are repeats of
 * one spec (seeds seed, seed+1, …) and form a new group. The comparison module keeps groups; experiments only names
 * them.
 *
 * @param experimentIds in order of seed
 */
@NamedInterface({"submission", "groups"})
public record RepeatsSubmitted(UUID groupId, List<UUID> experimentIds) {}
