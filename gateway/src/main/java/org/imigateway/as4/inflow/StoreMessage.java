package org.imigateway.as4.inflow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.imigateway.as4.EbmsException;
import org.imigateway.as4.Timestamps;
import org.imigateway.connectors.Delivery;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Payload;
import org.imigateway.schemas.ebms3.CollaborationInfo;
import org.imigateway.schemas.ebms3.Property;
import org.imigateway.schemas.ebms3.UserMessage;
import org.imigateway.store.FileDigest;
import org.imigateway.store.InboundSink;

/**
 * Makes the message durable together with its receipt; only after this returns is the receipt
 * sent (invariant 1). A ping is recorded but never delivered (test service, AS4 profile 5.2.2).
 */
public final class StoreMessage implements InboundStep {

    private final InboundSink sink;

    public StoreMessage(InboundSink sink) {
        this.sink = sink;
    }

    @Override
    public void process(InboundContext context) throws EbmsException {
        String messageId = context.messageId().orElseThrow();
        try {
            Optional<byte[]> earlier = context.leg().isPing()
                    ? sink.acceptPing(messageId, context.receipt().orElseThrow())
                    : sink.accept(delivery(context), context.receipt().orElseThrow(), digests(context));
            earlier.ifPresent(context::duplicate);
        } catch (IOException e) {
            throw EbmsException.temporary("the message cannot be stored; it was not accepted, send it again", e);
        }
    }

    /** The size and SHA-256 of the payload files that were taken as they were written. */
    private static Map<Path, FileDigest> digests(InboundContext context) {
        Map<Path, FileDigest> digests = new HashMap<>();
        for (ReceivedPayload received : context.payloads()) {
            received.digest().ifPresent(digest -> digests.put(received.part().file(), digest));
        }
        return digests;
    }

    /** The message as the backends get it. */
    public static Delivery delivery(InboundContext context) {
        UserMessage user = context.userMessage();
        CollaborationInfo collaboration = user.getCollaborationInfo();
        List<MessageProperty> properties = new ArrayList<>();
        if (user.getMessageProperties() != null) {
            for (Property p : user.getMessageProperties().getProperties()) {
                properties.add(new MessageProperty(p.getName(), p.getValue() == null ? "" : p.getValue(),
                        Optional.ofNullable(p.getType())));
            }
        }
        List<Payload> payloads = new ArrayList<>();
        for (ReceivedPayload received : context.payloads()) {
            payloads.add(new Payload(received.part().file(), received.mimeType(), received.characterSet(),
                    received.properties()));
        }
        return new Delivery(context.messageId().orElseThrow(), collaboration.getConversationId(),
                Optional.ofNullable(user.getMessageInfo().getRefToMessageId()),
                Timestamps.toInstant(user.getMessageInfo().getTimestamp()),
                user.getPartyInfo().getFrom().getPartyIds().get(0).getValue().trim(),
                user.getPartyInfo().getTo().getPartyIds().get(0).getValue().trim(),
                collaboration.getService().getValue().trim(), Optional.ofNullable(collaboration.getService().getType()),
                collaboration.getAction().trim(), properties, payloads);
    }
}
