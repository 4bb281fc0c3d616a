package org.imigateway.conformance.wire;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * One user message to compose. Left alone it is what the eDelivery AS4 profile asks for:
 * one From and one To party, the settings' Service/Action, four-corner properties, a gzip
 * compressed XML payload, signed (RSA-SHA256, SHA-256, exclusive C14N) then encrypted
 * (AES-128-GCM, RSA-OAEP with MGF1-SHA256). A case changes the fields it is about.
 */
public final class Draft {

    public String messageId;
    public String conversationId;
    public String fromId;
    public Optional<String> fromType = Optional.of(Ns.UNREGISTERED_PARTY_TYPE);
    public String toId;
    public Optional<String> toType = Optional.of(Ns.UNREGISTERED_PARTY_TYPE);
    public String service;
    public Optional<String> serviceType = Optional.empty();
    public String action;
    public Optional<String> agreement = Optional.empty();
    public final List<Property> properties = new ArrayList<>();
    public final List<PayloadSpec> payloads = new ArrayList<>();

    /** Signing key, or empty for an unsigned message. */
    public Optional<Identity> signer = Optional.empty();
    public String signatureAlgorithm = Ns.RSA_SHA256;
    public String digestAlgorithm = Ns.SHA256;
    public boolean encrypt = true;
    public String contentEncryption = Ns.AES128_GCM;
    public String keyTransport = Ns.RSA_OAEP;
    /** AS4 2.0: the key agreement (X25519 or ECDH-ES) the key-encryption key comes from; empty for key transport. */
    public Optional<String> keyAgreement = Optional.empty();
    /** The certificate to encrypt for, when not the target's 1.15 encryption certificate. */
    public Optional<X509Certificate> receiverEncryption = Optional.empty();
    public Order order = Order.COMPRESS_SIGN_ENCRYPT;

    /** Edits of the envelope and attachments after signing and encryption: what they change breaks the security. */
    public Consumer<Packet> afterSecurity = packet -> { };
    /** Edits of the serialised SOAP text, for what DOM cannot express (a DOCTYPE). */
    public UnaryOperator<String> soapText = UnaryOperator.identity();

    public Draft afterSecurity(Consumer<Packet> change) {
        afterSecurity = afterSecurity.andThen(change);
        return this;
    }

    public Draft soapText(UnaryOperator<String> change) {
        UnaryOperator<String> before = soapText;
        soapText = text -> change.apply(before.apply(text));
        return this;
    }

    /** Replaces the payloads by one. */
    public Draft payload(PayloadSpec payload) {
        payloads.clear();
        payloads.add(payload);
        return this;
    }

    /** Changes the first payload. */
    public Draft firstPayload(UnaryOperator<PayloadSpec> change) {
        payloads.set(0, change.apply(payloads.get(0)));
        return this;
    }
}
