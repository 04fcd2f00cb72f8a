package dev.distillery.experiments;

import java.util.List;
import java.util.UUID;

/**
 * Published inside the submitting transaction, once the experiments' rows are written: these experiments are repeats of
 * one spec (seeds seed, seed+1, …) and form a new group. The comparison module keeps groups; experiments only names
 * them.
 *
 * @param experimentIds in order of seed
 */
public record RepeatsSubmitted(UUID groupId, List<UUID> experimentIds) {}
