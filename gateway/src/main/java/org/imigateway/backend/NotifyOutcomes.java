package org.imigateway.backend;

import java.util.Map;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.imigateway.connectors.OutcomeListener;
import org.imigateway.connectors.SubmissionError;
import org.imigateway.store.BackendLedger;
import org.imigateway.store.BackendLedger.Outcome;
import org.imigateway.store.MessageStatus;
import org.imigateway.text.Untrusted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells each backend how the messages it submitted ended: ACKNOWLEDGED (sendSuccess) or
 * SEND_FAILURE (sendFailure, with EBMS:0301 or whatever error ended it). The outcome is read from
 * the message log and marked told afterwards, so a crash in between tells it again (connectors
 * are idempotent by MessageId) and none is lost.
 */
final class NotifyOutcomes implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(NotifyOutcomes.class);
    private static final int BATCH = 200;

    private final BackendLedger ledger;
    private final Map<String, ? extends OutcomeListener> listeners;

    NotifyOutcomes(BackendLedger ledger, Map<String, ? extends OutcomeListener> listeners) {
        this.ledger = ledger;
        this.listeners = listeners;
    }

    @Override
    public void process(Exchange exchange) {
        for (Outcome outcome : ledger.outcomesToNotify(BATCH)) {
            OutcomeListener listener = listeners.get(outcome.backend());
            if (listener == null) {
                continue; // a backend no longer configured: kept until it is back
            }
            try {
                if (outcome.status() == MessageStatus.ACKNOWLEDGED) {
                    listener.sendSuccess(outcome.messageId(), Optional.of(outcome.submissionId()));
                } else {
                    listener.sendFailure(new SubmissionError(Optional.of(outcome.submissionId()),
                            Optional.of(outcome.messageId()), outcome.errorCode().orElse("EBMS:0004"),
                            outcome.errorDetail().orElse("the message could not be sent"), outcome.decidedAt()));
                }
                ledger.notified(outcome.backend(), outcome.submissionId());
            } catch (Exception e) {
                LOG.warn("backend {}: outcome {} of message {} not told yet, trying again: {}", outcome.backend(),
                        outcome.status(), Untrusted.inLog(outcome.messageId()), Untrusted.escaped(e.toString()));
            }
        }
    }
}
