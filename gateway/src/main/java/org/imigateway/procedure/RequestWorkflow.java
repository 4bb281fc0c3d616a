package org.imigateway.procedure;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A procedure's request workflow, read from its file, and the one rule it enforces: a step is
 * allowed only when a transition leaves the case's state with the step's action and the step
 * comes from the party that transition names. Pure logic: the hub keeps the case state, this
 * says what the next one is or why there is none.
 *
 * @param initial the state a submitted request starts in
 */
public record RequestWorkflow(String initial, Set<String> states, Set<String> finals, Set<String> answerByRuns,
        List<Transition> transitions, int defaultAnswerByDays, OverdueEffect onOverdue, Optional<String> overdueState) {

    /** The action that opens a case; it is not a transition because there is no state before it. */
    public static final String SUBMIT = "Submit";

    public enum Role { REQUESTER, RESPONDER }

    public enum OverdueEffect { RAISE_EVENT, MOVE }

    public record Transition(String from, String action, Role by, String to, boolean handsOver, boolean setsAnswerBy) {
    }

    /** Where a case stands: its authorities, state and answer-by date. */
    public record CaseState(String procedure, String caseId, String state, String requester, String responder,
            LocalDate answerBy) {
    }

    /** One message of the request service: its action, its sender and recipient authorities, its answer-by date if any. */
    public record Step(String action, String from, String to, Optional<LocalDate> answerBy) {
    }

    public sealed interface Outcome permits Moved, Refused {
    }

    public record Moved(CaseState next, Transition by) implements Outcome {
    }

    /** A refusal that names the state and the action, for the sender to act on. */
    public record Refused(String state, String action, String reason) implements Outcome {
    }

    public RequestWorkflow {
        states = Set.copyOf(states);
        finals = Set.copyOf(finals);
        answerByRuns = Set.copyOf(answerByRuns);
        transitions = List.copyOf(transitions);
    }

    /** Opens a case for a Submit: the requester is the sender, the responder the recipient. */
    public CaseState open(String procedure, String caseId, Step submit, LocalDate today) {
        LocalDate answerBy = submit.answerBy().orElse(today.plusDays(defaultAnswerByDays));
        return new CaseState(procedure, caseId, initial, submit.from(), submit.to(), answerBy);
    }

    /** The case after the step, or why the step is refused. */
    public Outcome apply(CaseState current, Step step) {
        String state = current.state();
        if (SUBMIT.equals(step.action())) {
            return new Refused(state, step.action(), "case " + current.caseId() + " of procedure " + current.procedure()
                    + " already exists (state " + state + "): action Submit opens a new case only");
        }
        Optional<Role> role = roleOf(current, step.from());
        if (role.isEmpty()) {
            return new Refused(state, step.action(), "authority " + step.from() + " takes no part in case "
                    + current.caseId() + " (requester " + current.requester() + ", responder " + current.responder() + ")");
        }
        List<Transition> fromHere = transitions.stream()
                .filter(t -> t.from().equals(state) && t.action().equals(step.action())).toList();
        if (fromHere.isEmpty()) {
            return new Refused(state, step.action(), "action " + step.action() + " is not allowed in state " + state
                    + " of case " + current.caseId() + "; allowed there: " + allowedIn(state));
        }
        Optional<Transition> transition = fromHere.stream().filter(t -> t.by() == role.get()).findFirst();
        if (transition.isEmpty()) {
            return new Refused(state, step.action(), "action " + step.action() + " in state " + state + " is for the "
                    + fromHere.get(0).by().name().toLowerCase() + ", and " + step.from() + " is the "
                    + role.get().name().toLowerCase() + " of case " + current.caseId());
        }
        Transition t = transition.get();
        String counterpart = role.get() == Role.REQUESTER ? current.responder() : current.requester();
        if (!t.handsOver() && !step.to().equals(counterpart)) {
            return new Refused(state, step.action(), "action " + step.action() + " of case " + current.caseId()
                    + " must be addressed to " + counterpart + ", not " + step.to());
        }
        if (t.handsOver() && (step.to().equals(current.requester()) || step.to().equals(current.responder()))) {
            return new Refused(state, step.action(), "action " + step.action() + " of case " + current.caseId()
                    + " must name a new authority, not " + step.to());
        }
        if (t.setsAnswerBy() && step.answerBy().isEmpty()) {
            return new Refused(state, step.action(), "action " + step.action() + " in state " + state
                    + " needs an answer-by date");
        }
        String responder = t.handsOver() ? step.to() : current.responder();
        LocalDate answerBy = t.setsAnswerBy() ? step.answerBy().get() : current.answerBy();
        return new Moved(new CaseState(current.procedure(), current.caseId(), t.to(), current.requester(), responder,
                answerBy), t);
    }

    /** Whether the answer-by date has passed while it runs in the case's state. */
    public boolean overdue(CaseState current, LocalDate today) {
        return answerByRuns.contains(current.state()) && today.isAfter(current.answerBy());
    }

    public boolean isFinal(String state) {
        return finals.contains(state);
    }

    private Optional<Role> roleOf(CaseState current, String authority) {
        if (authority.equals(current.requester())) {
            return Optional.of(Role.REQUESTER);
        }
        if (authority.equals(current.responder())) {
            return Optional.of(Role.RESPONDER);
        }
        return Optional.empty();
    }

    private String allowedIn(String state) {
        List<String> allowed = transitions.stream().filter(t -> t.from().equals(state))
                .map(t -> t.action() + " (" + t.by().name().toLowerCase() + ")").distinct().toList();
        return allowed.isEmpty() ? "nothing, the case is " + state : String.join(", ", allowed);
    }
}
