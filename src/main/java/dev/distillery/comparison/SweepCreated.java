package dev.distillery.comparison;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A sweep just submitted: its id and, per grid cell, the group and experiments it created. */
public record SweepCreated(UUID id, int experiments, List<Cell> cells) {

    /** One grid cell: its values by spec path, its group of repeats and their experiment ids. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "SweepCreatedCell")
    public record Cell(Map<String, Object> values, UUID group, List<UUID> runs) {}
}
