package dev.distillery.methods;

import ai.djl.ndarray.NDManager;
import dev.distillery.training.DjlTestThreads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** Loss-maths tests on tiny NDArrays: a fresh NDManager per test, closed after it. */
abstract class NDManagerTest {

    protected NDManager manager;

    @BeforeAll
    static void oneThread() {
        DjlTestThreads.oneThreadUnlessConfigured();
    }

    @BeforeEach
    void openManager() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }
}
