package org.imigateway.cooperation;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.imigateway.connectors.Delivery;
import org.imigateway.schemas.imi.ImiDocumentType;
import org.imigateway.schemas.imi.alert.Content;
import org.imigateway.schemas.imi.common.CaseRef;
import org.imigateway.schemas.imi.request.RequestStep;
import org.imigateway.port.CaseKey;
import org.imigateway.port.Cases;

import org.imigateway.procedure.Procedure;

/**
 * Records, in the transaction of each decision, whose personal data a message is: its case, the
 * authorities taking part (the sender and every authority the hub sent it on to) and the
 * messages the hub sent because of it; and when the case closed, which starts retention.
 * A refused message, and one that names no case (directory, repository), is a case of its own,
 * closed when decided: a refusal must not make its sender a participant of someone else's case.
 */
final class CaseParticipants {

    private final HubContext hub;
    private final String hubParty;
    private final Cases registry;

    CaseParticipants(HubContext hub, String hubParty, Cases registry) {
        this.hub = hub;
        this.hubParty = hubParty;
        this.registry = registry;
    }

    /** The case a parsed business document names, if any. */
    static Optional<CaseRef> caseOf(HubMessage message) {
        if (message.document() instanceof RequestStep step) {
            return Optional.of(step.getCase());
        }
        if (message.document() instanceof Content content) {
            return Optional.of(content.getCase());
        }
        return Optional.empty();
    }

    void record(Connection c, Delivery delivery, ImiDocumentType type, HubOutcome outcome, List<Outgoing> sent)
            throws SQLException {
        Optional<CaseRef> caseRef = outcome instanceof HubOutcome.Forward forward ? forward.caseRef() : Optional.empty();
        CaseKey key = caseRef.map(ref -> new CaseKey(ref.getProcedure(), ref.getId()))
                .orElseGet(() -> CaseKey.ofMessage(delivery.messageId()));
        Set<String> participants = new LinkedHashSet<>();
        delivery.property(Cooperation.ORIGINAL_SENDER).ifPresent(participants::add);
        sent.forEach(m -> participants.add(m.finalRecipient()));
        participants.remove(hubParty);
        List<String> messageIds = new ArrayList<>(List.of(delivery.messageId()));
        sent.forEach(m -> messageIds.add(CooperationHub.outgoingMessageId(delivery.messageId(), m, hubParty)));
        Instant now = hub.clock().instant();
        registry.record(c, key, now, participants, messageIds);
        if (key.isOwnCase() || closes(c, type, key)) {
            registry.close(c, key, now);
        }
    }

    /** A document filed through the public interface: its own closed case, read by the competent authority. */
    void recordFiling(Connection c, String procedure, String trackingId, String authority, String messageId)
            throws SQLException {
        CaseKey key = new CaseKey(procedure, trackingId);
        Instant now = hub.clock().instant();
        registry.record(c, key, now, List.of(authority), List.of(messageId));
        registry.close(c, key, now);
    }

    /** Links messages the hub raised itself (overdue events) to their case. */
    void link(Connection c, String procedure, String caseId, List<Outgoing> sent, String cause) throws SQLException {
        List<String> messageIds = sent.stream().map(m -> CooperationHub.outgoingMessageId(cause, m, hubParty)).toList();
        registry.record(c, new CaseKey(procedure, caseId), hub.clock().instant(), List.of(), messageIds);
    }

    /** A request whose workflow reached a final state, an alert withdrawn or closed, a notification (sent once). */
    private boolean closes(Connection c, ImiDocumentType type, CaseKey key) throws SQLException {
        return switch (type.service()) {
            case ImiDocumentType.Services.REQUEST -> hub.store().findCase(c, key.procedure(), key.caseId())
                    .filter(state -> hub.procedures().find(key.procedure()).flatMap(Procedure::workflow)
                            .map(workflow -> workflow.isFinal(state.state())).orElse(false))
                    .isPresent();
            case ImiDocumentType.Services.ALERT -> type == ImiDocumentType.ALERT_WITHDRAW || type == ImiDocumentType.ALERT_CLOSE;
            case ImiDocumentType.Services.NOTIFICATION -> true;
            default -> false;
        };
    }
}
