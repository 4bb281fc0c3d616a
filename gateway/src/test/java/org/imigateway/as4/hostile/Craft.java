package org.imigateway.as4.hostile;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.imigateway.as4.Cryptos;
import org.imigateway.pmode.SecurityProfile;
import org.imigateway.as4.outflow.OutboundMessage.OutboundPart;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.connectors.Payload;
import org.imigateway.schemas.ebms3.Messaging;

/**
 * One message to craft: the leg it claims (by Action), its payloads, and what to do differently
 * at each stage of the outbound path. Stages, in the order {@link MessageCrafter} runs them:
 * payloads prepared → header built → envelope before security → signed and encrypted →
 * SOAP text → posted. Left alone, every stage does what our own sender does.
 */
public final class Craft {

    private final MessageCrafter crafter;
    String action = DemoNetwork.ACTION;
    Optional<String> messageId = Optional.empty();
    final List<Payload> payloads = new ArrayList<>();
    Consumer<List<OutboundPart>> afterPayloads = parts -> { };
    Consumer<Messaging> afterHeader = messaging -> { };
    Consumer<Packet> beforeSecurity = packet -> { };
    Optional<Cryptos> signer;
    Optional<Boolean> encrypt = Optional.empty();
    Optional<X509Certificate> encryptFor = Optional.empty();
    boolean encryptionTokenReference;
    DeviantSecurity.Algorithms algorithms = DeviantSecurity.Algorithms.PROFILE;
    Optional<SecurityProfile> securedAs = Optional.empty();
    Optional<SecurityProfile> encryptedAs = Optional.empty();
    Consumer<Packet> afterSecurity = packet -> { };
    UnaryOperator<String> soapText = UnaryOperator.identity();

    Craft(MessageCrafter crafter, Cryptos senderKeys) {
        this.crafter = crafter;
        this.signer = Optional.of(senderKeys);
    }

    /** Picks the leg by its Action (service and agreement are the demo's). */
    public Craft action(String value) {
        this.action = value;
        return this;
    }

    /** The MessageId to send under (signed like any header value); a fresh one when not given. */
    public Craft messageId(String value) {
        messageId = Optional.of(value);
        return this;
    }

    public Craft payload(Payload payload) {
        payloads.add(payload);
        return this;
    }

    /** After compression, before the header: the parts and their PartProperties. */
    public Craft parts(Consumer<List<OutboundPart>> change) {
        afterPayloads = afterPayloads.andThen(change);
        return this;
    }

    /** The eb:Messaging header as JAXB objects, before it is written into the envelope. */
    public Craft header(Consumer<Messaging> change) {
        afterHeader = afterHeader.andThen(change);
        return this;
    }

    /** The envelope and attachments just before signing: what is changed here gets signed. */
    public Craft beforeSecurity(Consumer<Packet> change) {
        beforeSecurity = beforeSecurity.andThen(change);
        return this;
    }

    /** The envelope and attachments after signing and encryption: what is changed here breaks them. */
    public Craft afterSecurity(Consumer<Packet> change) {
        afterSecurity = afterSecurity.andThen(change);
        return this;
    }

    /** The serialised SOAP envelope, for what DOM cannot express (a DOCTYPE). */
    public Craft soapText(UnaryOperator<String> change) {
        UnaryOperator<String> before = soapText;
        soapText = text -> change.apply(before.apply(text));
        return this;
    }

    public Craft signedWith(Cryptos keys) {
        signer = Optional.of(keys);
        return this;
    }

    public Craft unsigned() {
        signer = Optional.empty();
        return this;
    }

    public Craft unencrypted() {
        encrypt = Optional.of(false);
        return this;
    }

    public Craft encryptedFor(X509Certificate certificate) {
        encryptFor = Optional.of(certificate);
        return this;
    }

    /**
     * Names the recipient's certificate by a BinarySecurityToken reference (as phase4 does) instead of
     * IssuerSerial, so the header carries the recipient's certificate beside the signer's.
     */
    public Craft encryptedWithTokenReference() {
        encryptionTokenReference = true;
        return this;
    }

    public Craft algorithms(DeviantSecurity.Algorithms value) {
        algorithms = value;
        return this;
    }

    /** Signs and encrypts as {@code profile} does, whatever the leg's profile is. */
    public Craft securedAs(SecurityProfile profile) {
        securedAs = Optional.of(profile);
        return this;
    }

    /** Encrypts as {@code profile} does (signing stays with the leg's or {@link #securedAs} profile). */
    public Craft encryptedAs(SecurityProfile profile) {
        encryptedAs = Optional.of(profile);
        return this;
    }

    public Craft from(String partyId) {
        return header(m -> m.getUserMessages().get(0).getPartyInfo().getFrom().getPartyIds().get(0).setValue(partyId));
    }

    public Craft to(String partyId) {
        return header(m -> m.getUserMessages().get(0).getPartyInfo().getTo().getPartyIds().get(0).setValue(partyId));
    }

    public CraftedMessage build() {
        return crafter.build(this);
    }

    EbmsAnswer post() {
        return crafter.post(build());
    }
}
