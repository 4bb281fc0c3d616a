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
final class Craft {

    private final MessageCrafter crafter;
    String action = DemoNetwork.ACTION;
    final List<Payload> payloads = new ArrayList<>();
    Consumer<List<OutboundPart>> afterPayloads = parts -> { };
    Consumer<Messaging> afterHeader = messaging -> { };
    Consumer<Packet> beforeSecurity = packet -> { };
    Optional<Cryptos> signer;
    Optional<Boolean> encrypt = Optional.empty();
    Optional<X509Certificate> encryptFor = Optional.empty();
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
    Craft action(String value) {
        this.action = value;
        return this;
    }

    Craft payload(Payload payload) {
        payloads.add(payload);
        return this;
    }

    /** After compression, before the header: the parts and their PartProperties. */
    Craft parts(Consumer<List<OutboundPart>> change) {
        afterPayloads = afterPayloads.andThen(change);
        return this;
    }

    /** The eb:Messaging header as JAXB objects, before it is written into the envelope. */
    Craft header(Consumer<Messaging> change) {
        afterHeader = afterHeader.andThen(change);
        return this;
    }

    /** The envelope and attachments just before signing: what is changed here gets signed. */
    Craft beforeSecurity(Consumer<Packet> change) {
        beforeSecurity = beforeSecurity.andThen(change);
        return this;
    }

    /** The envelope and attachments after signing and encryption: what is changed here breaks them. */
    Craft afterSecurity(Consumer<Packet> change) {
        afterSecurity = afterSecurity.andThen(change);
        return this;
    }

    /** The serialised SOAP envelope, for what DOM cannot express (a DOCTYPE). */
    Craft soapText(UnaryOperator<String> change) {
        UnaryOperator<String> before = soapText;
        soapText = text -> change.apply(before.apply(text));
        return this;
    }

    Craft signedWith(Cryptos keys) {
        signer = Optional.of(keys);
        return this;
    }

    Craft unsigned() {
        signer = Optional.empty();
        return this;
    }

    Craft unencrypted() {
        encrypt = Optional.of(false);
        return this;
    }

    Craft encryptedFor(X509Certificate certificate) {
        encryptFor = Optional.of(certificate);
        return this;
    }

    Craft algorithms(DeviantSecurity.Algorithms value) {
        algorithms = value;
        return this;
    }

    /** Signs and encrypts as {@code profile} does, whatever the leg's profile is. */
    Craft securedAs(SecurityProfile profile) {
        securedAs = Optional.of(profile);
        return this;
    }

    /** Encrypts as {@code profile} does (signing stays with the leg's or {@link #securedAs} profile). */
    Craft encryptedAs(SecurityProfile profile) {
        encryptedAs = Optional.of(profile);
        return this;
    }

    Craft from(String partyId) {
        return header(m -> m.getUserMessages().get(0).getPartyInfo().getFrom().getPartyIds().get(0).setValue(partyId));
    }

    Craft to(String partyId) {
        return header(m -> m.getUserMessages().get(0).getPartyInfo().getTo().getPartyIds().get(0).setValue(partyId));
    }

    CraftedMessage build() {
        return crafter.build(this);
    }

    EbmsAnswer post() {
        return crafter.post(build());
    }
}
