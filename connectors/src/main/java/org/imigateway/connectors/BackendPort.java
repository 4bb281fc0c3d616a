package org.imigateway.connectors;

import java.util.List;
import java.util.Optional;

/**
 * The gateway as one configured backend sees it: submit (idempotent by the backend's
 * submission id), follow what it sent, and pull what was delivered to it. Every call is
 * scoped to the authorities the backend serves: a message of another authority is unknown
 * here, exactly as a MessageId that does not exist.
 */
public interface BackendPort extends GatewayPort {

    /** The name of the backend this port serves, as configured ({@code backend.<name>.*}). */
    String backend();

    /** Where a message this backend submitted (or one delivered to it) stands. */
    Optional<MessageState> status(String messageId);

    /**
     * The errors of a submission of this backend, by its submission id or by MessageId: a
     * refusal at submission or the failure of the send (EBMS:0301 and the like). Empty when
     * the id is unknown to this backend or nothing went wrong.
     */
    List<SubmissionError> errors(String submissionOrMessageId);

    /** MessageIds delivered to this backend and not yet marked downloaded, oldest first. */
    List<String> pending();

    /** A message delivered to this backend, payloads included; empty for any other MessageId. */
    Optional<Delivery> retrieve(String messageId);

    /**
     * Records that the backend has fetched and processed the message.
     *
     * @return false when the message is not one of this backend's, or was already marked
     */
    boolean markDownloaded(String messageId);
}
