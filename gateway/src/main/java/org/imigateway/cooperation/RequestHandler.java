package org.imigateway.cooperation;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.imigateway.procedure.RequestWorkflow.CaseState;
import org.imigateway.procedure.RequestWorkflow.Step;
import org.imigateway.directory.Directory;
import org.imigateway.schemas.imi.request.Acceptance;
import org.imigateway.schemas.imi.request.AnswerByProposal;
import org.imigateway.schemas.imi.request.Request;
import org.imigateway.schemas.imi.request.RequestStep;

import org.imigateway.procedure.Procedure;
import org.imigateway.procedure.RequestWorkflow;
/**
 * Requests: the recipient must be an active authority granted the procedure, the step must be
 * one the procedure's workflow allows in the case's state from this party; then the message
 * goes on to the access point of the authority it is addressed to.
 */
final class RequestHandler {

    private final HubContext hub;

    RequestHandler(HubContext hub) {
        this.hub = hub;
    }

    HubOutcome handle(HubMessage message, Connection c) throws SQLException {
        RequestStep step = message.document(RequestStep.class);
        String action = message.type().action();
        Optional<Procedure> procedure = hub.procedures().find(step.getCase().getProcedure());
        if (procedure.isEmpty() || !procedure.get().uses(Procedure.Exchange.REQUEST)) {
            return HubOutcome.refuse(step.getCase(), "case procedure '" + step.getCase().getProcedure()
                    + "' is not a procedure with requests at this hub");
        }
        if (!step.getFrom().equals(message.sender())) {
            return HubOutcome.refuse(step.getCase(), "from " + step.getFrom() + " is not the originalSender "
                    + message.sender() + " of the message");
        }
        if (hub.directory().authorise(step.getFrom(), procedure.get().code()) instanceof Directory.Denied denied) {
            return HubOutcome.refuse(step.getCase(), "sender: " + denied.reason());
        }
        Optional<String> finalRecipient = message.delivery().property(Cooperation.FINAL_RECIPIENT);
        if (finalRecipient.isPresent() && !finalRecipient.get().equals(step.getTo())) {
            return HubOutcome.refuse(step.getCase(), "to " + step.getTo() + " is not the finalRecipient "
                    + finalRecipient.get() + " of the message");
        }
        if (hub.directory().authorise(step.getTo(), procedure.get().code()) instanceof Directory.Denied recipient) {
            return HubOutcome.refuse(step.getCase(), "recipient: " + recipient.reason());
        }
        RequestWorkflow workflow = procedure.get().workflow().orElseThrow();
        Step asStep = new Step(action, step.getFrom(), step.getTo(), answerBy(step));
        hub.store().lockCase(c, procedure.get().code(), step.getCase().getId());
        Optional<CaseState> current = hub.store().findCase(c, procedure.get().code(), step.getCase().getId());
        CaseState next;
        if (action.equals(RequestWorkflow.SUBMIT) && current.isEmpty()) {
            Optional<String> unknown = message.document(Request.class).getQuestionSets().stream()
                    .flatMap(set -> set.getQuestions().stream()).map(q -> q.getId())
                    .filter(id -> !procedure.get().questions().contains(id)).findFirst();
            if (unknown.isPresent()) {
                return HubOutcome.refuse(step.getCase(), "question '" + unknown.get() + "' is not a question of procedure "
                        + procedure.get().code() + " " + procedure.get().questions().stream().sorted().toList());
            }
            next = workflow.open(procedure.get().code(), step.getCase().getId(), asStep, hub.today());
            hub.store().saveCase(c, next, true);
        } else if (current.isEmpty()) {
            return new HubOutcome.Refuse(Optional.of(step.getCase()), Optional.of("NONE"), "action " + action
                    + " is not allowed in state NONE: case " + step.getCase().getId() + " of procedure "
                    + procedure.get().code() + " does not exist; it starts with Submit");
        } else {
            RequestWorkflow.Outcome outcome = workflow.apply(current.get(), asStep);
            if (outcome instanceof RequestWorkflow.Refused refused) {
                return new HubOutcome.Refuse(Optional.of(step.getCase()), Optional.of(refused.state()), refused.reason());
            }
            next = ((RequestWorkflow.Moved) outcome).next();
            hub.store().saveCase(c, next, false);
        }
        String accessPoint = hub.accessPointOf(step.getTo()).orElseThrow();
        return new HubOutcome.Forward(List.of(new Outgoing(message.type(), accessPoint, step.getFrom(), step.getTo(),
                message.payloads(), "forward")));
    }

    private static Optional<LocalDate> answerBy(RequestStep step) {
        if (step instanceof Request request) {
            return Optional.of(HubContext.date(request.getAnswerBy()));
        }
        if (step instanceof Acceptance acceptance) {
            return Optional.of(HubContext.date(acceptance.getAnswerBy()));
        }
        if (step instanceof AnswerByProposal proposal) {
            return Optional.of(HubContext.date(proposal.getAnswerBy()));
        }
        return Optional.empty();
    }
}
