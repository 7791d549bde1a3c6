package org.vaelab.kernel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** One real kernel (JShell and all) per test class: starting one takes about a second. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KernelTestBase {
    RecordingKernel kernel;

    @BeforeAll
    void startKernel() {
        kernel = new RecordingKernel();
    }

    @AfterAll
    void stopKernel() {
        kernel.close();
    }
}
