package org.imigateway.port;

import java.util.Objects;

/**
 * The case personal data belongs to: a procedure and a case id. A message that belongs to no
 * case of a procedure (a directory or repository message) is a case of its own.
 */
public record CaseKey(String procedure, String caseId) {

    /** The procedure code of a message that is its own case. */
    public static final String OWN_CASE = "message";

    public CaseKey {
        Objects.requireNonNull(procedure, "procedure");
        Objects.requireNonNull(caseId, "caseId");
    }

    public static CaseKey ofMessage(String messageId) {
        return new CaseKey(OWN_CASE, messageId);
    }

    public boolean isOwnCase() {
        return OWN_CASE.equals(procedure);
    }

    @Override
    public String toString() {
        return isOwnCase() ? "message " + caseId : "case " + caseId + " of procedure " + procedure;
    }
}
