package org.imigateway.as4.inflow;

import static org.imigateway.as4.EbmsErrorCode.OTHER;
import static org.imigateway.as4.StepParties.assertRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

import org.imigateway.as4.EbmsException;
import org.imigateway.as4.Namespaces;
import org.imigateway.as4.StepParties;
import org.imigateway.as4.hostile.Attacks;
import org.imigateway.as4.hostile.CraftedMessage;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.connectors.Delivery;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Payload;
import org.imigateway.store.Direction;
import org.imigateway.store.MessageRecord;
import org.imigateway.store.MessageStatus;
import org.junit.jupiter.api.Test;

/**
 * StoreMessage: the message, its payloads and its receipt are durable in the Derby message log
 * before the receipt is answered; a ping is recorded and never delivered; a MessageId stored
 * meanwhile gets the earlier receipt.
 */
class StoreMessageTest {

    private static final StepParties PARTIES = StepParties.get();
    private final StoreMessage step = new StoreMessage(PARTIES.sink());

    @Test
    void theMessageIsStoredWithItsPayloadsAndReceipt() throws Exception {
        Payload payload = PARTIES.binaryPayload(2048);
        CraftedMessage message = PARTIES.craft().payload(payload).build();
        InboundContext context = Received.before(StoreMessage.class, message);

        step.process(context);

        assertFalse(context.duplicate());
        assertArrayEquals(context.receipt().orElseThrow(), PARTIES.sink().receiptFor(message.messageId()).orElseThrow());
        MessageRecord record = PARTIES.messageLog().find(message.messageId(), Direction.INBOUND).orElseThrow();
        assertEquals(MessageStatus.RECEIVED, record.status());
        assertFalse(record.ping());
        Delivery stored = PARTIES.sink().delivery(message.messageId()).orElseThrow();
        assertEquals(1, stored.payloads().size());
        assertArrayEquals(Files.readAllBytes(payload.file()), Files.readAllBytes(stored.payloads().get(0).file()));
        assertEquals(StepParties.SENDER, stored.fromPartyId());
    }

    @Test
    void aPingIsRecordedWithItsReceiptAndNeverDelivered() throws Exception {
        CraftedMessage ping = PARTIES.craft().header(m -> {
            Attacks.user(m).getCollaborationInfo().getService().setValue(Namespaces.TEST_SERVICE);
            Attacks.user(m).getCollaborationInfo().getService().setType(null);
            Attacks.user(m).getCollaborationInfo().setAction(Namespaces.TEST_ACTION);
        }).build();
        InboundContext context = Received.before(StoreMessage.class, ping);

        step.process(context);

        assertTrue(PARTIES.messageLog().find(ping.messageId(), Direction.INBOUND).orElseThrow().ping());
        assertEquals(Optional.empty(), PARTIES.sink().delivery(ping.messageId()));
        assertArrayEquals(context.receipt().orElseThrow(), PARTIES.sink().receiptFor(ping.messageId()).orElseThrow());
    }

    @Test
    void aMessageIdStoredMeanwhileGetsTheEarlierReceiptAndIsNotStoredTwice() throws Exception {
        CraftedMessage message = PARTIES.craft().build();
        InboundContext first = Received.before(StoreMessage.class, message);
        InboundContext second = Received.before(StoreMessage.class, message);

        step.process(first);
        step.process(second);

        assertTrue(second.duplicate());
        assertArrayEquals(first.receipt().orElseThrow(), second.receipt().orElseThrow());
        assertEquals(1, PARTIES.messageLog().history(message.messageId(), Direction.INBOUND).size());
    }

    @Test
    void aStoreThatCannotWriteIsATemporaryRefusalAskingForTheMessageAgain() throws EbmsException {
        InboundContext context = Received.before(StoreMessage.class, PARTIES.craft().build());
        StoreMessage broken = new StoreMessage(PARTIES.brokenSink());

        EbmsException refusal = assertRefused(OTHER, () -> broken.process(context), "cannot be stored", "send it again");
        assertTrue(refusal.isTemporary());
    }

    @Test
    void theDeliveryCarriesTheHeaderAsTheBackendGetsIt() throws EbmsException {
        CraftedMessage message = PARTIES.craft().build();
        InboundContext context = Received.before(StoreMessage.class, message);

        Delivery delivery = StoreMessage.delivery(context);

        assertEquals(message.messageId(), delivery.messageId());
        assertEquals("hostile-corpus", delivery.conversationId());
        assertEquals(StepParties.SENDER, delivery.fromPartyId());
        assertEquals(StepParties.RECEIVER, delivery.toPartyId());
        assertEquals(DemoNetwork.SERVICE, delivery.service());
        assertEquals(Optional.of(DemoNetwork.SERVICE_TYPE), delivery.serviceType());
        assertEquals(DemoNetwork.ACTION, delivery.action());
        assertEquals(List.of("originalSender", "finalRecipient"),
                delivery.properties().stream().map(MessageProperty::name).toList());
        assertEquals("application/xml", delivery.payloads().get(0).mimeType());
    }
}
