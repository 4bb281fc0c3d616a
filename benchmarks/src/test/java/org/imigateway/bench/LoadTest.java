package org.imigateway.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.IntStream;

import org.imigateway.pmode.SecurityProfile;
import org.junit.jupiter.api.Test;

class LoadTest {

    /**
     * phase4's sender is synchronous: the message counts as complete (its receipt) a moment before
     * its send returns the id. The last one must still be listed, or the run reports one message
     * fewer than it measured.
     */
    @Test
    void aSynchronousSenderThatCompletesBeforeItReturnsHasEveryMessageListed() throws Exception {
        Completions completed = new Completions();
        RunPlan plan = new RunPlan(SecurityProfile.EDELIVERY_2_0_EDDSA, 10_000, 6, 2, 2, OptionalDouble.empty());

        List<Load.Sent> sent = Load.run(plan, i -> {
            completed.add();
            Thread.sleep(100);
            return "message-" + i;
        }, completed, 60);

        assertEquals(IntStream.range(0, 8).boxed().toList(), sent.stream().map(Load.Sent::index).toList());
    }
}
