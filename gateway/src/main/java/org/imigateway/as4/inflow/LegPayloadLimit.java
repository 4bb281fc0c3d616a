package org.imigateway.as4.inflow;

import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;

import org.imigateway.as4.Dom;
import org.imigateway.as4.MimeReader;
import org.imigateway.as4.Namespaces;
import org.imigateway.pmode.Leg;
import org.imigateway.pmode.PModeSet;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The leg's maxPayloadSize as soon as the SOAP part (read first) names Service and Action, so
 * attachments are spooled only up to that size rather than up to limits.maxMessageBytes. The
 * header is not yet verified here, which is fine: it can only lower the limit, never raise it
 * above the global one, and {@link FindLeg} and {@link DecompressPayloads} check it all again.
 * Where several legs share Service and Action, the largest of their limits counts.
 */
final class LegPayloadLimit implements MimeReader.PayloadLimit {

    private final Supplier<PModeSet> pmodes;

    LegPayloadLimit(Supplier<PModeSet> pmodes) {
        this.pmodes = pmodes;
    }

    @Override
    public OptionalLong of(Document soap) {
        List<Element> collaboration = Dom.descendants(soap, Namespaces.EBMS, "CollaborationInfo");
        if (collaboration.size() != 1) {
            return OptionalLong.empty();
        }
        String service = Dom.child(collaboration.get(0), Namespaces.EBMS, "Service").map(e -> e.getTextContent().trim())
                .orElse("");
        String action = Dom.child(collaboration.get(0), Namespaces.EBMS, "Action").map(e -> e.getTextContent().trim())
                .orElse("");
        List<Leg> legs = pmodes.get().legsFor(service, action);
        if (legs.isEmpty() || legs.stream().anyMatch(leg -> leg.maxPayloadSize().isEmpty())) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(legs.stream().mapToLong(leg -> leg.maxPayloadSize().orElseThrow()).max().orElseThrow());
    }
}
