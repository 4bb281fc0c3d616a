package org.imigateway.connectors;

/**
 * The gateway as a backend sees it. The gateway implements this port; connectors call it and
 * never reach into gateway internals.
 */
public interface GatewayPort {

    /**
     * Sends a submission and returns the MessageId it travels under.
     *
     * @throws SubmissionException when the submission is refused, with a detail that names the field
     */
    String submit(Submission submission) throws SubmissionException;
}
