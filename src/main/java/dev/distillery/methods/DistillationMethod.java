package dev.distillery.methods;

import java.util.List;
import java.util.Set;

/**
 * One training objective, registered by {@link #name()} in the {@link MethodRegistry}. The method object itself is
 * stateless and thread-safe; whatever a run needs across steps (learnable parameters, schedules) lives in the
 * {@link MethodRun} that {@link #start} returns, and the trainer has no special cases for any method.
 */
public interface DistillationMethod {

    /** Registry key, e.g. {@code kd}. */
    String name();

    /** One line for the catalog. */
    String description();

    /** Whether the method needs teacher logits. */
    boolean needsTeacher();

    /**
     * Reference hyperparameters for the given standardization switch, shown in the catalog and used when a spec
     * leaves them out. The result's {@code zscore} is the argument, and its {@link LossSettings#params()} holds the
     * default of every parameter in {@link #parameters()}.
     */
    LossSettings defaults(boolean zscore);

    /**
     * The method's own hyperparameters, read from {@link LossSettings#params()} (a missing one takes its default).
     * None by default.
     */
    default List<MethodParameter> parameters() {
        return List.of();
    }

    /** Which of the common settings the loss reads; a spec that sets any other one is refused. All by default. */
    default Set<CommonSetting> reads() {
        return Set.of(CommonSetting.values());
    }

    /** Training settings of the method's reference configuration that differ from the general recipe. */
    default MethodRecipe recipe() {
        return MethodRecipe.GENERAL;
    }

    /** The views of each training image the method trains on. */
    default Views views() {
        return Views.PLAIN;
    }

    /**
     * Starts the method for one run: creates its learnable parameters (in {@link RunContext#manager()}) and any
     * per-run state.
     */
    MethodRun start(RunContext context);
}
