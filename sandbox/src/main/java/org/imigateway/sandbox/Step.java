package org.imigateway.sandbox;

import java.util.Set;

/**
 * One step of a scenario: something the integrator's system must send (seen when the hub has
 * delivered it to the robots it is for), or something its access point must receive (seen in
 * the integrator's backend folder). Steps of one case ({@code caseKey}) are taken in order.
 *
 * @param procedure the procedure of the case element in the document, or {@link #DIRECTORY} for
 *                  directory messages, which have none
 */
record Step(String id, String caseKey, String assertion, String title, boolean byIntegrator, String action,
        String originalSender, Set<String> recipients, String procedure) {

    static final String DIRECTORY = "directory";

    Step {
        recipients = Set.copyOf(recipients);
    }

    boolean matches(Seen seen) {
        return seen.action().equals(action) && seen.originalSender().equals(originalSender)
                && recipients.contains(seen.finalRecipient())
                && seen.procedure().orElse(DIRECTORY).equals(procedure);
    }

    /** What the step waits for, as the report says it when it is not seen. */
    String awaited() {
        return action + " from " + originalSender + " to " + String.join(", ", recipients.stream().sorted().toList())
                + (procedure.equals(DIRECTORY) ? "" : " in procedure " + procedure);
    }
}
