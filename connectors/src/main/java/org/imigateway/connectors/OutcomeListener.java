package org.imigateway.connectors;

/**
 * The backend side of send outcomes: told once a message it submitted was acknowledged by the
 * receiving access point, or finally failed. Called at least once per outcome (again after a
 * crash before the gateway recorded the notice): implementations are idempotent by MessageId.
 */
public interface OutcomeListener {

    /** The receiver's access point returned a valid signed receipt. */
    void sendSuccess(String messageId, java.util.Optional<String> submissionId) throws Exception;

    /** The gateway gave up on the message (EBMS:0301 after the retries, or an error no retry cures). */
    void sendFailure(SubmissionError error) throws Exception;
}
