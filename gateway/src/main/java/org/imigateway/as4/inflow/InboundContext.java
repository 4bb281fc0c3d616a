package org.imigateway.as4.inflow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.imigateway.as4.MimeEnvelope;
import org.imigateway.as4.VerifiedSecurity;
import org.imigateway.pmode.Leg;
import org.imigateway.pmode.Party;
import org.imigateway.schemas.ebms3.Messaging;
import org.imigateway.schemas.ebms3.UserMessage;
import org.w3c.dom.Element;

/** What the inbound steps learn about one message, filled in step by step. */
public final class InboundContext {

    private final MimeEnvelope envelope;
    private final Path workDir;
    private Element messagingElement;
    private Messaging messaging;
    private UserMessage userMessage;
    private Leg leg;
    private Party sender;
    private String dynamicSender;
    private VerifiedSecurity security;
    private final List<ReceivedPayload> payloads = new ArrayList<>();
    private byte[] receipt;
    private boolean duplicate;

    public InboundContext(MimeEnvelope envelope, Path workDir) {
        this.envelope = envelope;
        this.workDir = workDir;
    }

    public MimeEnvelope envelope() {
        return envelope;
    }

    public Path workDir() {
        return workDir;
    }

    public Element messagingElement() {
        return messagingElement;
    }

    public Messaging messaging() {
        return messaging;
    }

    public UserMessage userMessage() {
        return userMessage;
    }

    void header(Element element, Messaging parsed, UserMessage user) {
        this.messagingElement = element;
        this.messaging = parsed;
        this.userMessage = user;
    }

    public Optional<String> messageId() {
        return userMessage == null ? Optional.empty() : Optional.ofNullable(userMessage.getMessageInfo().getMessageId());
    }

    public Leg leg() {
        return leg;
    }

    void leg(Leg value) {
        this.leg = value;
    }

    public Party sender() {
        return sender;
    }

    void sender(Party value) {
        this.sender = value;
    }

    /** The From PartyId of a sender not in the PModes on a leg marked dynamic, until its certificate names it. */
    public Optional<String> dynamicSender() {
        return Optional.ofNullable(dynamicSender);
    }

    void dynamicSender(String fromPartyId) {
        this.dynamicSender = fromPartyId;
    }

    public VerifiedSecurity security() {
        return security;
    }

    public void security(VerifiedSecurity value) {
        this.security = value;
    }

    public List<ReceivedPayload> payloads() {
        return payloads;
    }

    public Optional<byte[]> receipt() {
        return Optional.ofNullable(receipt);
    }

    public void receipt(byte[] value) {
        this.receipt = value;
    }

    public boolean duplicate() {
        return duplicate;
    }

    void duplicate(byte[] originalReceipt) {
        this.duplicate = true;
        this.receipt = originalReceipt;
    }
}
