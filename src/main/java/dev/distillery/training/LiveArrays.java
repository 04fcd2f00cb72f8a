package dev.distillery.training;

import ai.djl.Device;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.lang.reflect.Field;
import java.util.Map;

/**
 * DJL's count of live NDArrays: every array still attached to a manager under the engine's system manager, walked
 * through the manager tree. For soak tests and benchmarks (a count that grows with epochs is a native leak); DJL
 * exposes the tree only through its managers' {@code resources}, read here by reflection.
 */
public final class LiveArrays {

    private static final Field RESOURCES = resourcesField();

    private LiveArrays() {}

    /** Live NDArrays of the PyTorch engine now. */
    public static long count() {
        NDManager probe = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        try {
            return count(probe.getParentManager()) - count(probe);
        } finally {
            probe.close();
        }
    }

    private static long count(NDManager manager) {
        if (!(manager instanceof BaseNDManager base)) {
            return 0;
        }
        long arrays = 0;
        try {
            for (Object resource : ((Map<?, ?>) RESOURCES.get(base)).values()) {
                if (resource instanceof NDArray) {
                    arrays++;
                } else if (resource instanceof NDManager child) {
                    arrays += count(child);
                }
            }
        } catch (IllegalAccessException impossible) {
            throw new IllegalStateException(impossible);
        }
        return arrays;
    }

    private static Field resourcesField() {
        try {
            Field field = BaseNDManager.class.getDeclaredField("resources");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("DJL's BaseNDManager has no 'resources' field", e);
        }
    }
}
