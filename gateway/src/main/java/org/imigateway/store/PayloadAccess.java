package org.imigateway.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import org.imigateway.connectors.Delivery;
import org.imigateway.port.AuditAction;
import org.imigateway.port.CaseKey;
import org.imigateway.port.CaseRecord;

/**
 * The one gate payloads leave the gateway through (invariant 4): to a backend, to an authority
 * that asks, to an operator proving an exchange. Only an authority taking part in the message's
 * case gets them, and not once they are blocked; an operator gets blocked payloads only with a
 * reason; deleted payloads leave only their metadata. Each decision is written to the audit trail
 * in the transaction that makes it.
 *
 * <p>The case is the one the hub recorded for the message; a message the hub recorded nothing for
 * (a national access point, a plain gateway) is a case of its own whose participants are its
 * originalSender and finalRecipient.
 */
public final class PayloadAccess {

    /** The backend name of the hub's cooperation step: it decides on every message, for no authority. */
    public static final String COOPERATION_STEP = "cooperation-hub";

    private static final String ORIGINAL_SENDER = "originalSender";
    private static final String FINAL_RECIPIENT = "finalRecipient";

    /** What a request for payloads gets. */
    public sealed interface Access permits Granted, Refused, Deleted {
    }

    /** The message with its payload files; read them, never change them. */
    public record Granted(Delivery delivery, AuditEntry audit) implements Access {
    }

    public record Refused(String reason) implements Access {
    }

    /** The payloads are gone: what remains proves the exchange. */
    public record Deleted(String statement, MessageEvidence evidence) implements Access {
    }

    private final Database database;
    private final MessageLog log;
    private final DerbySink sink;
    private final PayloadStore payloads;
    private final CaseRegistry cases = new CaseRegistry();
    private final AuditTrail audit;
    private final Clock clock;

    public PayloadAccess(Database database, MessageLog log, DerbySink sink, PayloadStore payloads, Clock clock) {
        this.database = database;
        this.log = log;
        this.sink = sink;
        this.payloads = payloads;
        this.audit = new AuditTrail(database);
        this.clock = clock;
    }

    public AuditTrail audit() {
        return audit;
    }

    /**
     * A received message for the backend it is routed to: read by its finalRecipient (or, without
     * one, by the backend itself), or by the hub's cooperation step, which decides for no authority.
     * {@code received} is its row as the caller has just read it from the message log.
     */
    public Access deliver(MessageRecord received, String backend) {
        try {
            return database.inTransaction(c -> deliver(c, received, backend));
        } catch (SQLException e) {
            throw new StoreException("cannot decide on the delivery of " + received.messageId() + ": "
                    + Jdbc.describe(e), e);
        }
    }

    /**
     * {@link #deliver(MessageRecord, String)} of a message by its MessageId, if it is RECEIVED (empty
     * otherwise: unknown, a ping, or delivered already): its row, properties and payload rows, its
     * case and the audit entry in one transaction (the delivery route's one read, where it took three).
     */
    public Optional<Access> deliverIfReceived(String messageId, String backend) {
        try {
            return database.inTransaction(c -> {
                Optional<MessageRecord> received = MessageRows.find(c, messageId, Direction.INBOUND);
                if (received.isEmpty() || received.get().status() != MessageStatus.RECEIVED) {
                    return Optional.<Access>empty();
                }
                return Optional.of(deliver(c, received.get(), backend));
            });
        } catch (SQLException e) {
            throw new StoreException("cannot decide on the delivery of " + messageId + ": " + Jdbc.describe(e), e);
        }
    }

    private Access deliver(Connection c, MessageRecord received, String backend) throws SQLException {
        String messageId = received.messageId();
        Optional<Delivery> delivery = sink.delivery(c, received);
        String purpose = "delivery to backend " + backend;
        if (delivery.isEmpty()) {
            return new Refused("message " + messageId + " not found");
        }
        Optional<String> recipient = delivery.get().property(FINAL_RECIPIENT);
        if (backend.equals(COOPERATION_STEP) || recipient.isEmpty()) {
            return decide(c, delivery, messageId, "backend:" + backend, purpose, Reader.SYSTEM);
        }
        return decide(c, delivery, messageId, recipient.get(), purpose, Reader.AUTHORITY);
    }

    /** An authority reads a message's payloads, saying why. */
    public Access read(String authority, String messageId, String purpose) {
        return decide(sink.delivery(messageId), messageId, authority, purpose, Reader.AUTHORITY);
    }

    /** An operator reads blocked payloads to prove the exchange happened, giving the reason. */
    public Access proof(String operator, String messageId, String reason) {
        if (reason.isBlank()) {
            return new Refused("reason is empty: blocked payloads are read only for a stated proof of exchange");
        }
        return decide(sink.delivery(messageId), messageId, "operator:" + operator, reason, Reader.OPERATOR);
    }

    private enum Reader { AUTHORITY, OPERATOR, SYSTEM }

    private Access decide(Optional<Delivery> delivery, String messageId, String actor, String purpose, Reader reader) {
        try {
            return database.inTransaction(c -> decide(c, delivery, messageId, actor, purpose, reader));
        } catch (SQLException e) {
            throw new StoreException("cannot decide on access to the payloads of " + messageId + ": " + Jdbc.describe(e), e);
        }
    }

    /** The decision and its audit entry, in the caller's transaction. */
    private Access decide(Connection c, Optional<Delivery> delivery, String messageId, String actor, String purpose,
            Reader reader) throws SQLException {
        Optional<CaseRecord> recorded = cases.caseOf(c, messageId);
        CaseKey key = recorded.map(CaseRecord::key).orElseGet(() -> CaseKey.ofMessage(messageId));
        String notFound = "message " + messageId + " not found for " + actor;
        if (delivery.isEmpty()) {
            return refuse(c, actor, messageId, key, purpose, notFound + " (no received message with that id)");
        }
        Set<String> participants = recorded.map(CaseRecord::participants).orElseGet(() -> implied(delivery.get()));
        if (reader == Reader.AUTHORITY && !participants.contains(actor)) {
            return refuse(c, actor, messageId, key, purpose, notFound + " (it takes no part in its case)");
        }
        if (recorded.flatMap(CaseRecord::deletedAt).isPresent()) {
            return new Deleted("payloads of message " + messageId + " deleted on "
                    + day(recorded.get().deletedAt().get()) + " under retention of " + describe(key),
                    MessageEvidence.of(log, payloads, messageId));
        }
        boolean blocked = recorded.flatMap(CaseRecord::blockedAt).isPresent();
        if (blocked && reader != Reader.OPERATOR) {
            return refuse(c, actor, messageId, key, purpose, "payloads of message " + messageId + " blocked on "
                    + day(recorded.get().blockedAt().get()) + " under retention of " + describe(key)
                    + ": only an operator may read them, with a reason, to prove the exchange (payload proof)");
        }
        if (!blocked && reader == Reader.OPERATOR) {
            return refuse(c, actor, messageId, key, purpose, "payloads of message " + messageId
                    + " are not blocked: proof of exchange is for blocked payloads; the authorities of its"
                    + " case read them");
        }
        AuditAction action = reader == Reader.OPERATOR ? AuditAction.READ_BLOCKED : AuditAction.READ;
        return new Granted(delivery.get(), audit.append(c, clock.instant(), actor, action, messageId, key, purpose));
    }

    private Refused refuse(Connection c, String actor, String messageId, CaseKey key, String purpose, String reason)
            throws SQLException {
        audit.append(c, clock.instant(), actor, AuditAction.REFUSED, messageId, key, purpose);
        return new Refused(reason);
    }

    private static Set<String> implied(Delivery delivery) {
        Set<String> participants = new LinkedHashSet<>();
        delivery.property(ORIGINAL_SENDER).ifPresent(participants::add);
        delivery.property(FINAL_RECIPIENT).ifPresent(participants::add);
        return participants;
    }

    private static String describe(CaseKey key) {
        return key.isOwnCase() ? "the default schedule (message without a case)" : "procedure " + key.procedure()
                + " (case " + key.caseId() + ")";
    }

    private static LocalDate day(java.time.Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
}
