package org.imigateway.testsupport.phase4;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.helger.phase4.CAS4;

/**
 * Everything {@link Phase4Sender} needs for one UserMessage. Build it with {@link #builder()}.
 *
 * <p>{@code receiverCertificate} switches payload encryption on. {@code signed} is true except in
 * negative tests that check a receiver refuses unsigned messages. {@code messageId} is generated
 * when absent; a test of duplicate detection sets the same one twice.
 */
public record Phase4Submission(URI endpoint,
                               Phase4Keys keys,
                               Optional<X509Certificate> receiverCertificate,
                               Phase4Party from,
                               String fromRole,
                               Phase4Party to,
                               String toRole,
                               String service,
                               Optional<String> serviceType,
                               String action,
                               Optional<String> agreementRef,
                               Optional<String> conversationId,
                               Optional<String> messageId,
                               List<Phase4Property> messageProperties,
                               List<Phase4Payload> payloads,
                               boolean signed,
                               Edelivery20Profiles.Phase4Profile profile) {

    public Phase4Submission {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(receiverCertificate, "receiverCertificate");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(fromRole, "fromRole");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(toRole, "toRole");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(serviceType, "serviceType");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(agreementRef, "agreementRef");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(profile, "profile");
        messageProperties = List.copyOf(messageProperties);
        payloads = List.copyOf(payloads);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Fluent builder; the roles default to the ebMS default initiator and responder roles. */
    public static final class Builder {

        private URI endpoint;
        private Phase4Keys keys;
        private X509Certificate receiverCertificate;
        private Phase4Party from;
        private String fromRole = CAS4.DEFAULT_INITIATOR_URL;
        private Phase4Party to;
        private String toRole = CAS4.DEFAULT_RESPONDER_URL;
        private String service;
        private String serviceType;
        private String action;
        private String agreementRef;
        private String conversationId;
        private String messageId;
        private final List<Phase4Property> messageProperties = new ArrayList<>();
        private final List<Phase4Payload> payloads = new ArrayList<>();
        private boolean signed = true;
        private Edelivery20Profiles.Phase4Profile profile = Edelivery20Profiles.Phase4Profile.EDELIVERY_1_15;

        private Builder() {
        }

        public Builder endpoint(URI value) {
            endpoint = value;
            return this;
        }

        public Builder keys(Phase4Keys value) {
            keys = value;
            return this;
        }

        /** The receiver's certificate; setting it turns payload encryption on. */
        public Builder encryptFor(X509Certificate value) {
            receiverCertificate = value;
            return this;
        }

        public Builder from(Phase4Party party) {
            from = party;
            return this;
        }

        public Builder from(Phase4Party party, String role) {
            from = party;
            fromRole = role;
            return this;
        }

        public Builder to(Phase4Party party) {
            to = party;
            return this;
        }

        public Builder to(Phase4Party party, String role) {
            to = party;
            toRole = role;
            return this;
        }

        public Builder service(String value) {
            service = value;
            serviceType = null;
            return this;
        }

        public Builder service(String value, String type) {
            service = value;
            serviceType = type;
            return this;
        }

        public Builder action(String value) {
            action = value;
            return this;
        }

        public Builder agreementRef(String value) {
            agreementRef = value;
            return this;
        }

        public Builder conversationId(String value) {
            conversationId = value;
            return this;
        }

        public Builder messageId(String value) {
            messageId = value;
            return this;
        }

        public Builder property(String name, String value) {
            messageProperties.add(Phase4Property.of(name, value));
            return this;
        }

        public Builder property(String name, String value, String type) {
            messageProperties.add(Phase4Property.of(name, value, type));
            return this;
        }

        /** Four-corner properties: who originally sent the message and who finally receives it. */
        public Builder fourCorner(Phase4Party originalSender, Phase4Party finalRecipient) {
            messageProperties.add(new Phase4Property(Phase4Property.ORIGINAL_SENDER, originalSender.id(),
                    typeOf(originalSender)));
            messageProperties.add(new Phase4Property(Phase4Property.FINAL_RECIPIENT, finalRecipient.id(),
                    typeOf(finalRecipient)));
            return this;
        }

        public Builder payload(Phase4Payload value) {
            payloads.add(value);
            return this;
        }

        /** Sends without a WS-Security signature: only for tests that expect the message refused. */
        /** The security profile to sign and encrypt with; eDelivery AS4 1.15 unless set. */
        public Builder profile(Edelivery20Profiles.Phase4Profile value) {
            profile = value;
            return this;
        }

        public Builder unsigned() {
            signed = false;
            return this;
        }

        public Phase4Submission build() {
            return new Phase4Submission(required(endpoint, "endpoint"), required(keys, "keys"),
                    Optional.ofNullable(receiverCertificate), required(from, "from"), fromRole,
                    required(to, "to"), toRole, required(service, "service"), Optional.ofNullable(serviceType),
                    required(action, "action"), Optional.ofNullable(agreementRef),
                    Optional.ofNullable(conversationId), Optional.ofNullable(messageId), messageProperties,
                    payloads, signed, profile);
        }

        private static Optional<String> typeOf(Phase4Party party) {
            return party.type().isEmpty() ? Optional.empty() : Optional.of(party.type());
        }

        private static <T> T required(T value, String name) {
            if (value == null) {
                throw new IllegalStateException("Phase4Submission needs " + name);
            }
            return value;
        }
    }
}
