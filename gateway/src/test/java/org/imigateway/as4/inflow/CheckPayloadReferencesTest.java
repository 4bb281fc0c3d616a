package org.imigateway.as4.inflow;

import static org.imigateway.as4.EbmsErrorCode.EXTERNAL_PAYLOAD_ERROR;
import static org.imigateway.as4.EbmsErrorCode.MIME_INCONSISTENCY;
import static org.imigateway.as4.StepParties.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.imigateway.as4.EbmsException;
import org.imigateway.as4.StepParties;
import org.imigateway.as4.hostile.Attacks;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * CheckPayloadReferences: PartInfo and MIME parts one to one by {@code cid:}, no payload by
 * hyperlink (EBMS:0011), nothing in the SOAP Body.
 */
class CheckPayloadReferencesTest {

    private static final StepParties PARTIES = StepParties.get();
    private final CheckPayloadReferences step = new CheckPayloadReferences();

    @Test
    void everyPartInfoNamingOneMimePartPasses() throws EbmsException {
        InboundContext context = Received.before(CheckPayloadReferences.class,
                PARTIES.craft().payload(PARTIES.xmlPayload("<note xmlns=\"urn:hostile\">first</note>"))
                        .payload(PARTIES.binaryPayload(4096)).build());

        step.process(context);

        assertEquals(2, context.envelope().parts().size());
    }

    @Test
    void aPayloadReferencedByHyperlinkIsRefusedWithEbms0011NamingIt() throws EbmsException {
        InboundContext context = Received.before(CheckPayloadReferences.class,
                PARTIES.craft().header(Attacks.addPartInfo("https://example.org/payload.xml")).build());

        assertRefused(EXTERNAL_PAYLOAD_ERROR, () -> step.process(context), "'https://example.org/payload.xml'");
    }

    @Test
    void aPartInfoWithoutHrefIsRefusedWithEbms0007() throws EbmsException {
        InboundContext context = Received.before(CheckPayloadReferences.class,
                PARTIES.craft().header(Attacks.addPartInfo(null)).build());

        assertRefused(MIME_INCONSISTENCY, () -> step.process(context), "PartInfo has no href");
    }

    @Test
    void aPartInfoNamedTwiceIsRefusedWithEbms0007NamingIt() throws EbmsException {
        InboundContext context = Received.before(CheckPayloadReferences.class, PARTIES.craft().header(m -> Attacks
                .addPartInfo(Attacks.user(m).getPayloadInfo().getPartInfos().get(0).getHref()).accept(m)).build());
        String href = context.envelope().parts().get(0).href();

        assertRefused(MIME_INCONSISTENCY, () -> step.process(context), "'" + href + "' appears twice");
    }

    @Test
    void aPartInfoWithoutItsMimePartIsRefusedWithEbms0007NamingIt() throws EbmsException {
        InboundContext context = Received.before(CheckPayloadReferences.class,
                PARTIES.craft().header(Attacks.addPartInfo("cid:missing@step")).build());

        assertRefused(MIME_INCONSISTENCY, () -> step.process(context), "'cid:missing@step'", "no MIME part");
    }

    @Test
    void aMimePartNoPartInfoDescribesIsRefusedWithEbms0007NamingIt() throws EbmsException {
        InboundContext context = Received.before(CheckPayloadReferences.class,
                PARTIES.craft().beforeSecurity(Attacks.addStowaway("stowaway@step")).build());

        assertRefused(MIME_INCONSISTENCY, () -> step.process(context), "<stowaway@step>", "not described by any PartInfo");
    }

    @Test
    void aPayloadInTheSoapBodyIsRefusedWithEbms0007() throws EbmsException {
        InboundContext context = Received.before(CheckPayloadReferences.class, PARTIES.craft().beforeSecurity(p -> {
            Element order = p.soap().createElementNS("urn:step", "s:order");
            // declared explicitly: the signature covers the DOM as it is, without serialiser fix-ups
            order.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:s", "urn:step");
            p.body().appendChild(order);
        }).build());

        assertRefused(MIME_INCONSISTENCY, () -> step.process(context), "SOAP Body is not empty");
    }
}
