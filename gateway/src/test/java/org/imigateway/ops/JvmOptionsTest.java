package org.imigateway.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;

/** The flag is read from the running JVM (route.OutOfMemoryExitTest sees it set in a JVM started with it). */
class JvmOptionsTest {

    @Test
    void aTestJvmStartedWithoutTheFlagIsReportedAsNotExiting() {
        boolean started = ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:+ExitOnOutOfMemoryError");
        assertEquals(started, JvmOptions.exitsOnOutOfMemoryError());
    }
}
