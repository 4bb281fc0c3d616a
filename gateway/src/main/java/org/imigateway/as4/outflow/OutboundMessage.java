package org.imigateway.as4.outflow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.imigateway.as4.As4Part;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Submission;
import org.imigateway.pmode.Leg;
import org.imigateway.pmode.Party;
import org.imigateway.schemas.ebms3.Messaging;

/** A message being sent, as the outbound steps build it up. */
public final class OutboundMessage {

    /** One payload on its way: the part as it will travel and the PartProperties that describe it. */
    public record OutboundPart(As4Part part, List<MessageProperty> properties) {
        public OutboundPart {
            properties = List.copyOf(properties);
        }
    }

    private final Submission submission;
    private final String messageId;
    private final Party sender;
    private final Party receiver;
    private final Leg leg;
    private final Path workDir;
    private final List<OutboundPart> parts = new ArrayList<>();
    private Messaging messaging;

    OutboundMessage(Submission submission, String messageId, Party sender, Party receiver, Leg leg, Path workDir) {
        this.submission = submission;
        this.messageId = messageId;
        this.sender = sender;
        this.receiver = receiver;
        this.leg = leg;
        this.workDir = workDir;
    }

    public Submission submission() {
        return submission;
    }

    public String messageId() {
        return messageId;
    }

    public Party sender() {
        return sender;
    }

    public Party receiver() {
        return receiver;
    }

    public Leg leg() {
        return leg;
    }

    public Path workDir() {
        return workDir;
    }

    public List<OutboundPart> parts() {
        return parts;
    }

    public Messaging messaging() {
        return messaging;
    }

    void messaging(Messaging value) {
        this.messaging = value;
    }
}
