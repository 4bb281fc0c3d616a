package org.imigateway.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.imigateway.bench.FanOutDeliveries.Copy;
import org.junit.jupiter.api.Test;

/** The exactly-once check a fan-out run fails on. */
class FanOutDeliveriesTest {

    private static final FanOutDirectory DIRECTORY = FanOutDirectory.of(6, 3);

    private static List<Copy> oneEach(String cause) {
        List<Copy> copies = new ArrayList<>();
        for (FanOutDirectory.Authority a : DIRECTORY.recipients()) {
            copies.add(new Copy(a.accessPoint(), "hub-" + a.id(), cause, a.id()));
        }
        return copies;
    }

    @Test
    void directorySpreadsTheRecipientsOverTheCountriesAndKeepsTheSenderApart() {
        assertEquals(List.of("AT-PQ-0001", "BE-PQ-0001", "BG-PQ-0001", "AT-PQ-0002", "BE-PQ-0002", "BG-PQ-0002"),
                DIRECTORY.recipients().stream().map(FanOutDirectory.Authority::id).toList());
        assertEquals(List.of("ap-at", "ap-be", "ap-bg"), DIRECTORY.accessPoints());
        assertEquals("AT-ALERT-DESK", DIRECTORY.sender().id());
        assertEquals(7, DIRECTORY.xml().split("<authority ").length - 1);
        assertFalse(DIRECTORY.xml().contains("<coordinator"), "a coordinator would take the alert instead of its country");
    }

    @Test
    void oneCopyEachAtTheRightAccessPointIsComplete() {
        assertTrue(FanOutDeliveries.check(DIRECTORY.recipients(), "alert-1", oneEach("alert-1")).complete());
    }

    @Test
    void aMissingADuplicatedAMisroutedAndAStrangeCopyAreEachNamed() {
        List<Copy> copies = new ArrayList<>(oneEach("alert-1"));
        copies.remove(0);
        copies.add(new Copy("ap-be", "hub-again", "alert-1", "BE-PQ-0001"));
        copies.set(1, new Copy("ap-at", "hub-x", "alert-1", "BG-PQ-0001"));
        copies.add(new Copy("ap-at", "hub-y", "alert-1", "AT-SOMEONE"));
        copies.addAll(oneEach("another-alert"));

        FanOutDeliveries.Check check = FanOutDeliveries.check(DIRECTORY.recipients(), "alert-1", copies);

        assertFalse(check.complete());
        assertEquals(List.of("AT-PQ-0001"), check.missing());
        assertEquals(Map.of("BE-PQ-0001", 2), check.duplicated());
        assertEquals(List.of("BG-PQ-0001"), check.wrongAccessPoint());
        assertEquals(List.of("AT-SOMEONE"), check.unexpected());
        assertTrue(check.describe().contains("missing 1 [AT-PQ-0001]"), check.describe());
    }
}
