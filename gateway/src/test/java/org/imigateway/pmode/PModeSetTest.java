package org.imigateway.pmode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Which leg a message to send takes when several legs share its Service and Action: the one
 * agreed with its receiver (as {@code partner add} writes a leg per pair), not the first in the file.
 */
class PModeSetTest {

    private static final String SERVICE = "urn:example:service";
    private static final String ACTION = "Deliver";

    private static Leg leg(String id, Set<String> initiators, SecurityProfile profile, boolean dynamic) {
        return new Leg(id, SERVICE, Optional.empty(), ACTION, Optional.of("urn:agreement:" + id), Optional.empty(),
                initiators, profile, true, true, true, Optional.empty(), true, Optional.empty(), Optional.empty(),
                dynamic);
    }

    private static final Leg WITH_X = leg("with-x", Set.of("us", "x"), SecurityProfile.EDELIVERY_1_15, false);
    private static final Leg WITH_Y = leg("with-y", Set.of("us", "y"), SecurityProfile.EDELIVERY_2_0_EDDSA, false);
    private static final Leg OPEN = leg("open", Set.of(), SecurityProfile.EDELIVERY_1_15, false);
    private static final Leg DISCOVERED = leg("discovered", Set.of(), SecurityProfile.EDELIVERY_1_15, true);
    private static final Leg NOT_OURS = leg("not-ours", Set.of("x", "y"), SecurityProfile.EDELIVERY_1_15, false);

    private static Optional<String> chosen(List<Leg> legs, String receiver) {
        return new PModeSet(List.of(), legs).outboundLeg(SERVICE, ACTION, "us", Optional.ofNullable(receiver))
                .map(Leg::id);
    }

    @Test
    void theLegAgreedWithTheReceiverIsTakenWhereverItStands() {
        List<Leg> legs = List.of(NOT_OURS, WITH_X, DISCOVERED, OPEN, WITH_Y);

        assertEquals(Optional.of("with-y"), chosen(legs, "y"), "before: the first leg, with-x's profile and agreement");
        assertEquals(Optional.of("with-x"), chosen(legs, "x"));
    }

    @Test
    void aReceiverWithoutALegOfItsOwnTakesTheOpenLegThenAnyOfOurs() {
        assertEquals(Optional.of("open"), chosen(List.of(WITH_X, DISCOVERED, OPEN), "z"));
        assertEquals(Optional.of("with-x"), chosen(List.of(WITH_X, WITH_Y), "z"));
    }

    @Test
    void aReceiverFoundByDiscoveryTakesADynamicLeg() {
        assertEquals(Optional.of("discovered"), chosen(List.of(WITH_X, OPEN, DISCOVERED), null));
    }

    @Test
    void legsThatExcludeUsAreTakenOnlyWhenNothingElseCoversTheServiceSoTheRefusalNamesThem() {
        assertEquals(Optional.of("with-x"), chosen(List.of(NOT_OURS, WITH_X), "y"));
        assertEquals(Optional.of("not-ours"), chosen(List.of(NOT_OURS), "y"));
        assertEquals(Optional.empty(), new PModeSet(List.of(), List.of(NOT_OURS))
                .outboundLeg(SERVICE, "Other", "us", Optional.of("y")));
    }
}
