package org.imigateway.as4.inflow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.imigateway.as4.Dom;
import org.imigateway.as4.EbmsErrorCode;
import org.imigateway.as4.EbmsException;
import org.imigateway.as4.Namespaces;
import org.imigateway.as4.TimestampWindow;
import org.imigateway.as4.Timestamps;
import org.w3c.dom.Element;

/**
 * Refuses a message that is too old or dated in the future (EBMS:0101, final): its
 * eb:MessageInfo/Timestamp, which every user message carries inside the signed eb:Messaging,
 * and a wsu:Timestamp's Created and Expires when the security header has one. A replay of
 * recorded bytes is thus refused once it is older than the leg's window; within the window the
 * duplicate check answers it with the original receipt. Checked before the signature, since it
 * is cheap: a forged fresh timestamp on old bytes fails the signature check that follows.
 */
public final class CheckFreshness implements InboundStep {

    private final FreshnessSettings settings;
    private final Clock clock;

    public CheckFreshness(FreshnessSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void process(InboundContext context) throws EbmsException {
        TimestampWindow window = settings.window(context.leg());
        String leg = context.leg().id();
        Instant now = clock.instant();
        var messageTimestamp = context.userMessage().getMessageInfo().getTimestamp();
        if (messageTimestamp != null) {
            created("eb:MessageInfo/Timestamp", Timestamps.toInstant(messageTimestamp), now, window, leg);
        }
        Optional<Element> timestamp = Optional.ofNullable(context.envelope().header())
                .flatMap(header -> Dom.child(header, Namespaces.WSSE, "Security"))
                .flatMap(security -> Dom.child(security, Namespaces.WSU, "Timestamp"));
        if (timestamp.isPresent()) {
            Optional<Element> created = Dom.child(timestamp.get(), Namespaces.WSU, "Created");
            if (created.isPresent()) {
                created("wsu:Created", parse("wsu:Created", created.get()), now, window, leg);
            }
            Optional<Element> expires = Dom.child(timestamp.get(), Namespaces.WSU, "Expires");
            if (expires.isPresent()) {
                Instant at = parse("wsu:Expires", expires.get());
                if (at.plus(window.clockSkew()).isBefore(now)) {
                    throw new EbmsException(EbmsErrorCode.FAILED_AUTHENTICATION, "wsu:Expires " + at + " has passed (now "
                            + now + ", clock skew allowed " + window.clockSkew().toSeconds() + " s); an expired message"
                            + " is not accepted, also not as a retry");
                }
            }
        }
    }

    private static void created(String field, Instant created, Instant now, TimestampWindow window, String leg)
            throws EbmsException {
        if (created.isAfter(now.plus(window.clockSkew()))) {
            throw new EbmsException(EbmsErrorCode.FAILED_AUTHENTICATION, field + " " + created + " is "
                    + Duration.between(now, created).toSeconds() + " s ahead of this gateway's clock (now " + now
                    + "); at most " + window.clockSkew().toSeconds() + " s of clock skew is allowed");
        }
        if (created.isBefore(now.minus(window.maxAge()))) {
            throw new EbmsException(EbmsErrorCode.FAILED_AUTHENTICATION, field + " " + created + " is older than the "
                    + window.maxAge().toSeconds() + " s that leg '" + leg + "' accepts (now " + now
                    + "); a message this old is not accepted, also not as a retry");
        }
    }

    private static Instant parse(String field, Element element) throws EbmsException {
        try {
            return Timestamps.parse(element.getTextContent());
        } catch (IllegalArgumentException e) {
            throw new EbmsException(EbmsErrorCode.FAILED_AUTHENTICATION, field + " '" + element.getTextContent()
                    + "' is not an xsd:dateTime");
        }
    }
}
