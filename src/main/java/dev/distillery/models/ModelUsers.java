package dev.distillery.models;

import java.util.UUID;

/** Who still needs a model: a model that some unfinished experiment uses as its teacher cannot be deleted. */
public interface ModelUsers {

    /** Whether an experiment that has not ended names the model as its teacher. */
    boolean inUse(UUID modelId);
}
