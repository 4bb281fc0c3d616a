package org.imigateway.cooperation;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.imigateway.directory.Authority;
import org.imigateway.directory.Directory;
import org.imigateway.schemas.imi.ImiDocumentType;
import org.imigateway.schemas.imi.alert.Alert;
import org.imigateway.schemas.imi.alert.Content;
import org.imigateway.schemas.imi.alert.Notification;

import org.imigateway.procedure.Procedure;
/**
 * Alerts and notifications: an alert fans out to the procedure's authorities in the countries
 * it names (through a country's incoming-alert coordinator where it has one), a notification to
 * the authorities it names; each recipient is recorded, so withdraw and close reach exactly the
 * same ones, and each gets one message (its MessageId is made from the alert and the recipient).
 */
final class AlertHandler {

    private final HubContext hub;

    AlertHandler(HubContext hub) {
        this.hub = hub;
    }

    HubOutcome handle(HubMessage message, Connection c) throws SQLException {
        Content content = message.document(Content.class);
        boolean notification = message.type() == ImiDocumentType.NOTIFICATION_NOTIFY;
        Procedure.Exchange exchange = notification ? Procedure.Exchange.NOTIFICATION : Procedure.Exchange.ALERT;
        Optional<Procedure> procedure = hub.procedures().find(content.getCase().getProcedure());
        // Withdraw and Close end a notification as they end an alert: they reach every earlier recipient.
        boolean ending = message.type() == ImiDocumentType.ALERT_WITHDRAW || message.type() == ImiDocumentType.ALERT_CLOSE;
        if (ending && procedure.isPresent() && procedure.get().uses(Procedure.Exchange.NOTIFICATION)) {
            exchange = Procedure.Exchange.NOTIFICATION;
        }
        if (procedure.isEmpty() || !procedure.get().uses(exchange)) {
            return HubOutcome.refuse(content.getCase(), "case procedure '" + content.getCase().getProcedure()
                    + "' is not a procedure with " + exchange.name().toLowerCase() + "s at this hub");
        }
        if (!content.getFrom().equals(message.sender())) {
            return HubOutcome.refuse(content.getCase(), "from " + content.getFrom() + " is not the originalSender "
                    + message.sender() + " of the message");
        }
        String code = procedure.get().code();
        if (hub.directory().authorise(content.getFrom(), code) instanceof Directory.Denied denied) {
            return HubOutcome.refuse(content.getCase(), "sender: " + denied.reason());
        }
        String caseId = content.getCase().getId();
        return switch (message.type()) {
            case ALERT_SEND, NOTIFICATION_NOTIFY -> {
                if (hub.store().alertExists(c, code, caseId)) {
                    yield HubOutcome.refuse(content.getCase(), "case " + caseId + " of procedure " + code
                            + " was already sent; change it by withdrawing or closing it");
                }
                if (notification) {
                    Optional<String> refused = notRecipient(message.document(Notification.class), code);
                    if (refused.isPresent()) {
                        yield HubOutcome.refuse(content.getCase(), refused.get());
                    }
                }
                List<Authority> recipients = notification
                        ? message.document(Notification.class).getTos().stream()
                                .map(to -> hub.directory().find(to).orElseThrow()).toList()
                        : alerted(message.document(Alert.class), procedure.get());
                yield fanOut(message, c, code, caseId, recipients);
            }
            case ALERT_WITHDRAW, ALERT_CLOSE -> end(message, c, content, code);
            default -> throw new IllegalArgumentException(message.type() + " is not an alert");
        };
    }

    /** Why one of the notification's recipients may not receive it, if one may not. */
    private Optional<String> notRecipient(Notification notification, String procedure) {
        for (String to : notification.getTos()) {
            if (hub.directory().authorise(to, procedure) instanceof Directory.Denied denied) {
                return Optional.of("recipient: " + denied.reason());
            }
        }
        return Optional.empty();
    }

    private List<Authority> alerted(Alert alert, Procedure procedure) {
        return hub.directory().alertRecipients(procedure.code(), procedure.policyArea(), alert.getCountries(), alert.getFrom());
    }

    private HubOutcome fanOut(HubMessage message, Connection c, String code, String caseId, List<Authority> recipients)
            throws SQLException {
        Content content = message.document(Content.class);
        if (message.type() == ImiDocumentType.ALERT_SEND) {
            Procedure procedure = hub.procedures().find(code).orElseThrow();
            LocalDate decided = HubContext.date(message.document(Alert.class).getDecisionDate());
            if (procedure.alertSendWithinDays().isPresent()
                    && hub.today().isAfter(decided.plusDays(procedure.alertSendWithinDays().get()))) {
                return HubOutcome.refuse(content.getCase(), "decisionDate " + decided + ": an alert of procedure " + code
                        + " must go out within " + procedure.alertSendWithinDays().get() + " days of the decision, by "
                        + decided.plusDays(procedure.alertSendWithinDays().get()));
            }
        }
        if (recipients.isEmpty()) {
            return HubOutcome.refuse(content.getCase(), "no active authority is granted procedure " + code
                    + " in the countries of the alert");
        }
        List<Outgoing> messages = new ArrayList<>();
        for (Authority recipient : recipients) {
            hub.store().addAlertRecipient(c, code, caseId, content.getFrom(), recipient.id());
            messages.add(new Outgoing(message.type(), recipient.accessPoint(), content.getFrom(), recipient.id(),
                    message.payloads(), "to:" + recipient.id()));
        }
        return new HubOutcome.Forward(messages);
    }

    private HubOutcome end(HubMessage message, Connection c, Content content, String code) throws SQLException {
        String caseId = content.getCase().getId();
        List<CooperationStore.AlertRecipient> recipients = hub.store().alertRecipients(c, code, caseId, content.getFrom());
        if (recipients.isEmpty()) {
            return HubOutcome.refuse(content.getCase(), "there is no alert or notification " + caseId + " of procedure "
                    + code + " from " + content.getFrom());
        }
        if (!recipients.get(0).status().equals("sent")) {
            return new HubOutcome.Refuse(Optional.of(content.getCase()), Optional.of(recipients.get(0).status().toUpperCase()),
                    "action " + message.type().action() + " is not allowed: alert " + caseId + " is already "
                            + recipients.get(0).status());
        }
        hub.store().endAlert(c, code, caseId, message.type() == ImiDocumentType.ALERT_WITHDRAW ? "withdrawn" : "closed");
        List<Outgoing> messages = new ArrayList<>();
        for (CooperationStore.AlertRecipient recipient : recipients) {
            Optional<String> accessPoint = hub.accessPointOf(recipient.authority());
            accessPoint.ifPresent(ap -> messages.add(new Outgoing(message.type(), ap, content.getFrom(),
                    recipient.authority(), message.payloads(), "to:" + recipient.authority())));
        }
        return new HubOutcome.Forward(messages);
    }
}
