package dev.distillery.training.architectures;

import dev.distillery.training.Architecture;

import java.util.List;

/** The architectures shipped with Distillery; add one line per new architecture class. */
public final class BuiltInArchitectures {

    private BuiltInArchitectures() {
    }

    public static List<Architecture> all() {
        return List.of(new Mlp(), new LeNet5());
    }
}
