package org.imigateway.connectors;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a backend asks the gateway to send: to whom, under which service and action, and the
 * payloads. Party names are those of the PModes; the gateway fills in ids it generates
 * (MessageId, ConversationId when absent). {@code submissionId} is the backend's own id for the
 * submission: the same id submitted again by the same backend gets the first MessageId and
 * sends nothing new (a resubmission after a timeout).
 */
public record Submission(
        String toParty,
        String service,
        Optional<String> serviceType,
        String action,
        Optional<String> conversationId,
        Optional<String> messageId,
        Optional<String> refToMessageId,
        List<MessageProperty> properties,
        List<Payload> payloads,
        Optional<String> submissionId,
        Optional<Recipient> recipient) {

    /**
     * The receiving participant of a submission sent by discovery instead of to a PMode party:
     * {@code scheme::value} ids of participant, document type and process, as the SMP lists them.
     */
    public record Recipient(String participant, String documentType, String process) {
        public Recipient {
            Objects.requireNonNull(participant, "participant");
            Objects.requireNonNull(documentType, "documentType");
            Objects.requireNonNull(process, "process");
        }
    }

    public Submission {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(submissionId, "submissionId");
        Objects.requireNonNull(toParty, "toParty");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(serviceType, "serviceType");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(refToMessageId, "refToMessageId");
        properties = List.copyOf(properties);
        payloads = List.copyOf(payloads);
    }

    /** The same submission under the MessageId the gateway reserved for it. */
    public Submission withMessageId(String id) {
        return new Submission(toParty, service, serviceType, action, conversationId, Optional.of(id), refToMessageId,
                properties, payloads, submissionId, recipient);
    }

    /** The value of a message property, such as {@code originalSender}. */
    public Optional<String> property(String name) {
        return properties.stream().filter(p -> p.name().equals(name)).map(MessageProperty::value).findFirst();
    }

    public static Builder to(String toParty) {
        return new Builder(toParty);
    }

    /**
     * A submission to a participant found by dynamic discovery; {@code toParty} is the
     * participant id until the answer names the access point.
     */
    public static Builder toParticipant(String participant, String documentType, String process) {
        Builder builder = new Builder(participant);
        builder.recipient = Optional.of(new Recipient(participant, documentType, process));
        return builder;
    }

    /** Builds a submission step by step; only party, service and action are required. */
    public static final class Builder {
        private final String toParty;
        private String service;
        private Optional<String> serviceType = Optional.empty();
        private String action;
        private Optional<String> conversationId = Optional.empty();
        private Optional<String> messageId = Optional.empty();
        private Optional<String> refToMessageId = Optional.empty();
        private final java.util.ArrayList<MessageProperty> properties = new java.util.ArrayList<>();
        private final java.util.ArrayList<Payload> payloads = new java.util.ArrayList<>();
        private Optional<String> submissionId = Optional.empty();
        private Optional<Recipient> recipient = Optional.empty();

        private Builder(String toParty) {
            this.toParty = toParty;
        }

        public Builder service(String value) {
            this.service = value;
            return this;
        }

        public Builder service(String value, String type) {
            this.service = value;
            this.serviceType = Optional.of(type);
            return this;
        }

        public Builder action(String value) {
            this.action = value;
            return this;
        }

        public Builder conversationId(String value) {
            this.conversationId = Optional.of(value);
            return this;
        }

        public Builder messageId(String value) {
            this.messageId = Optional.of(value);
            return this;
        }

        public Builder refToMessageId(String value) {
            this.refToMessageId = Optional.of(value);
            return this;
        }

        public Builder property(MessageProperty property) {
            properties.add(property);
            return this;
        }

        public Builder payload(Payload payload) {
            payloads.add(payload);
            return this;
        }

        public Builder submissionId(String value) {
            this.submissionId = Optional.of(value);
            return this;
        }

        public Submission build() {
            return new Submission(toParty, service, serviceType, action, conversationId, messageId,
                    refToMessageId, properties, payloads, submissionId, recipient);
        }
    }
}
