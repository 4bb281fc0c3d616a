package org.imigateway.as4.inflow;

import static org.imigateway.as4.EbmsErrorCode.FEATURE_NOT_SUPPORTED;
import static org.imigateway.as4.EbmsErrorCode.INVALID_HEADER;
import static org.imigateway.as4.EbmsErrorCode.VALUE_NOT_RECOGNIZED;
import static org.imigateway.as4.StepParties.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import org.imigateway.as4.Dom;
import org.imigateway.as4.EbmsException;
import org.imigateway.as4.MessagingCodec;
import org.imigateway.as4.Namespaces;
import org.imigateway.as4.ReceiptFactory;
import org.imigateway.as4.StepParties;
import org.imigateway.as4.hostile.Attacks;
import org.imigateway.as4.hostile.CraftedMessage;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.schemas.ebms3.SignalMessage;
import org.junit.jupiter.api.Test;

/** ReadMessagingHeader: one schema-valid eb:Messaging holding one eb:UserMessage on the default MPC. */
class ReadMessagingHeaderTest {

    private static final StepParties PARTIES = StepParties.get();
    private final ReadMessagingHeader step = new ReadMessagingHeader();

    @Test
    void theOneUserMessageIsRead() throws EbmsException {
        CraftedMessage message = PARTIES.craft().build();
        InboundContext context = Received.read(message);

        step.process(context);

        assertEquals(message.messageId(), context.messageId().orElseThrow());
        assertEquals(DemoNetwork.ACTION, context.userMessage().getCollaborationInfo().getAction());
        assertSame(Dom.child(context.envelope().header(), Namespaces.EBMS, "Messaging").orElseThrow(),
                context.messagingElement(), "the very element that was read, for the signature coverage check");
    }

    @Test
    void twoMessagingHeadersAreRefusedWithEbms0009() throws EbmsException {
        InboundContext context = Received.read(PARTIES.craft()
                .afterSecurity(Attacks.addForgedMessaging(StepParties.PLAIN)).build());

        assertRefused(INVALID_HEADER, () -> step.process(context), "2 eb:Messaging elements");
    }

    @Test
    void aHeaderWithoutMessagingIsRefusedWithEbms0009() throws EbmsException {
        InboundContext context = Received.read(PARTIES.craft().afterSecurity(Attacks::removeMessaging).build());

        assertRefused(INVALID_HEADER, () -> step.process(context), "no eb:Messaging");
    }

    @Test
    void anEnvelopeWithoutHeaderIsRefusedWithEbms0009() throws EbmsException {
        InboundContext context = Received.read(PARTIES.craft().unsigned().unencrypted()
                .afterSecurity(p -> p.soap().getDocumentElement().removeChild(p.header())).build());

        assertRefused(INVALID_HEADER, () -> step.process(context), "no Header");
    }

    @Test
    void aHeaderAgainstTheSchemaIsRefusedWithEbms0009NamingTheMissingField() throws EbmsException {
        InboundContext context = Received.read(PARTIES.craft()
                .header(m -> Attacks.user(m).getMessageInfo().setMessageId(null)).build());

        assertRefused(INVALID_HEADER, () -> step.process(context), "ebMS 3.0 schema", "MessageId");
    }

    @Test
    void aSignalMessageAsRequestIsRefusedWithEbms0008() throws EbmsException {
        SignalMessage receipt = MessagingCodec.read(Dom.child(
                ReceiptFactory.envelope("earlier@sender", List.of()).getDocumentElement(), Namespaces.SOAP12, "Header")
                .flatMap(h -> Dom.child(h, Namespaces.EBMS, "Messaging")).orElseThrow()).getSignalMessages().get(0);
        InboundContext context = Received.read(PARTIES.craft().header(m -> m.getSignalMessages().add(receipt)).build());

        assertRefused(FEATURE_NOT_SUPPORTED, () -> step.process(context), "eb:SignalMessage", "One-Way/Push");
    }

    @Test
    void twoUserMessagesAreRefusedWithEbms0009() throws EbmsException {
        InboundContext context = Received.read(PARTIES.craft()
                .header(m -> m.getUserMessages().add(Attacks.user(m))).build());

        assertRefused(INVALID_HEADER, () -> step.process(context), "2 eb:UserMessage");
    }

    @Test
    void anotherMpcIsRefusedWithEbms0001NamingIt() throws EbmsException {
        InboundContext context = Received.read(PARTIES.craft()
                .header(m -> Attacks.user(m).setMpc("urn:step:other-mpc")).build());

        assertRefused(VALUE_NOT_RECOGNIZED, () -> step.process(context), "@mpc 'urn:step:other-mpc'");
    }

    @Test
    void theDefaultMpcNamedExplicitlyIsRead() throws EbmsException {
        InboundContext context = Received.read(PARTIES.craft()
                .header(m -> Attacks.user(m).setMpc(Namespaces.DEFAULT_MPC)).build());

        step.process(context);

        assertEquals(Namespaces.DEFAULT_MPC, context.userMessage().getMpc());
    }
}
