package org.imigateway.as4.inflow;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.imigateway.as4.EbmsErrorCode;
import org.imigateway.as4.EbmsException;
import org.imigateway.as4.MimeEnvelope;
import org.imigateway.xml.SecureXml;
import org.imigateway.pmode.SecurityProfile;
import org.imigateway.as4.Timestamps;
import org.imigateway.pmode.Leg;
import org.imigateway.pmode.RetryPolicy;
import org.imigateway.schemas.ebms3.MessageInfo;
import org.imigateway.schemas.ebms3.UserMessage;
import org.junit.jupiter.api.Test;

/** The freshness window on a fixed clock: 5 minutes of skew, 1 hour of age unless the leg retries longer. */
class CheckFreshnessTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private final CheckFreshness check = new CheckFreshness(new FreshnessSettings(Duration.ofMinutes(5), Duration.ofHours(1)),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aMessageWithinTheAgeAndTheSkewPasses() {
        assertDoesNotThrow(() -> check.process(context(NOW.minus(Duration.ofMinutes(59)), "", leg(Optional.empty()))));
        assertDoesNotThrow(() -> check.process(context(NOW.plus(Duration.ofMinutes(4)), "", leg(Optional.empty()))));
    }

    @Test
    void aLegThatRetriesForThreeHoursAcceptsItsLastRetry() {
        Leg retriesLong = leg(Optional.of("180;10;CONSTANT"));

        assertDoesNotThrow(() -> check.process(context(NOW.minus(Duration.ofHours(3)), "", retriesLong)));
        assertRefused(() -> check.process(context(NOW.minus(Duration.ofHours(3).plusMinutes(6)), "", retriesLong)),
                "older than the 11100 s that leg 'leg' accepts");
    }

    @Test
    void aMessageOlderThanTheWindowOrAheadOfTheSkewIsRefused() {
        assertRefused(() -> check.process(context(NOW.minus(Duration.ofMinutes(61)), "", leg(Optional.empty()))),
                "eb:MessageInfo/Timestamp 2026-12-03T10:59:00Z is older than the 3600 s");
        assertRefused(() -> check.process(context(NOW.plus(Duration.ofMinutes(6)), "", leg(Optional.empty()))),
                "360 s ahead", "at most 300 s of clock skew");
    }

    @Test
    void aSecurityTimestampWithoutAZoneIsReadAsUtc() {
        String stale = "<wsu:Created>2026-12-03T10:00:00</wsu:Created><wsu:Expires>2026-12-03T13:00:00</wsu:Expires>";

        assertRefused(() -> check.process(context(NOW, stale, leg(Optional.empty()))),
                "wsu:Created 2026-12-03T10:00:00Z is older");
    }

    @Test
    void anExpiredSecurityTimestampIsRefused() {
        String expired = "<wsu:Created>2026-12-03T11:40:00Z</wsu:Created><wsu:Expires>2026-12-03T11:50:00Z</wsu:Expires>";

        assertRefused(() -> check.process(context(NOW, expired, leg(Optional.empty()))),
                "wsu:Expires 2026-12-03T11:50:00Z has passed");
    }

    private static void assertRefused(org.junit.jupiter.api.function.Executable step, String... named) {
        EbmsException refused = assertThrows(EbmsException.class, step);
        assertEquals(EbmsErrorCode.FAILED_AUTHENTICATION, refused.code());
        for (String name : named) {
            assertTrue(refused.error().detail().contains(name), refused.error().detail());
        }
    }

    private static InboundContext context(Instant messageTimestamp, String securityTimestamp, Leg leg) throws Exception {
        String security = securityTimestamp.isEmpty() ? "" : "<wsse:Security xmlns:wsse=\""
                + "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\" xmlns:wsu=\""
                + "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd\"><wsu:Timestamp>"
                + securityTimestamp + "</wsu:Timestamp></wsse:Security>";
        MimeEnvelope envelope = new MimeEnvelope(SecureXml.parse("<S12:Envelope xmlns:S12="
                + "\"http://www.w3.org/2003/05/soap-envelope\"><S12:Header>" + security + "</S12:Header><S12:Body/>"
                + "</S12:Envelope>"), List.of());
        InboundContext context = new InboundContext(envelope, Path.of("."));
        UserMessage user = new UserMessage();
        MessageInfo info = new MessageInfo();
        info.setMessageId("m@test");
        info.setTimestamp(Timestamps.of(messageTimestamp));
        user.setMessageInfo(info);
        context.header(null, null, user);
        context.leg(leg);
        return context;
    }

    private static Leg leg(Optional<String> retry) {
        return new Leg("leg", "service", Optional.empty(), "action", Optional.empty(), Optional.empty(), Set.of(),
                SecurityProfile.EDELIVERY_1_15, true, true, true, retry.map(RetryPolicy::parse), true, Optional.empty(),
                Optional.empty());
    }
}
