package dev.distillery.training.engine;

import ai.djl.nn.Block;
import dev.distillery.training.Architecture;
import dev.distillery.training.InputShape;

/**
 * The "architecture" of a TorchScript teacher: a black box that is only ever loaded from its module file (see
 * {@link TeacherPhase#load}), never built or trained.
 */
public final class TorchScriptTeacher implements Architecture {

    public static final TorchScriptTeacher INSTANCE = new TorchScriptTeacher();

    private TorchScriptTeacher() {}

    @Override
    public String name() {
        return "torchscript";
    }

    @Override
    public String description() {
        return "a TorchScript module (torch.jit.save), used as a frozen teacher";
    }

    @Override
    public Block build(InputShape shape, int classes) {
        throw new UnsupportedOperationException("a TorchScript teacher is loaded from its file, not built");
    }
}
