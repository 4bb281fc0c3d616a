package org.imigateway.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.imigateway.conformance.cases.Case;
import org.imigateway.conformance.cases.Role;
import org.imigateway.conformance.cases.Scope;
import org.imigateway.conformance.run.CaseResult;
import org.imigateway.conformance.run.Transcript;
import org.imigateway.conformance.run.Verdict;
import org.imigateway.cooperation.Cooperation;

/**
 * Judges the steps of a scenario from what the sandbox's access points received: a step passes
 * when its message is seen (from every recipient it names), fails when the hub refuses the
 * integrator's message in its case (the refusal's state and reason become the step's reason) or
 * when it is not seen before the scenario's time is up; the steps after a failed one in the same
 * case are skipped as not reached.
 */
final class Judge {

    private final List<Step> steps;
    private final Instant started;
    private final Map<String, Verdict> verdicts = new HashMap<>();
    private final Map<String, Instant> judgedAt = new HashMap<>();
    private final Map<String, List<Seen>> evidence = new HashMap<>();
    private final Map<String, Set<String>> awaitedRecipients = new HashMap<>();
    private final Map<String, String> caseIds = new HashMap<>();
    private final Set<String> used = new HashSet<>();

    Judge(List<Step> steps, Instant started) {
        this.steps = List.copyOf(steps);
        this.started = started;
        for (Step step : steps) {
            awaitedRecipients.put(step.id(), new HashSet<>(step.recipients()));
        }
    }

    /** Takes in what has been seen so far (repeats are ignored) until no step moves any more. */
    void observe(List<Seen> seen, Instant now) {
        boolean moved = true;
        while (moved) {
            moved = false;
            for (Seen message : seen) {
                if (!used.contains(message.meta().messageId()) && take(message, now)) {
                    used.add(message.meta().messageId());
                    moved = true;
                }
            }
        }
    }

    private boolean take(Seen message, Instant now) {
        if (message.undelivered().isPresent()) {
            return undelivered(message, now);
        }
        if (message.isRefusal()) {
            return refusal(message, now);
        }
        for (Step step : pendingPerCase()) {
            String bound = caseIds.get(step.caseKey());
            if (step.matches(message) && (bound == null || message.caseId().map(bound::equals).orElse(true))) {
                message.caseId().ifPresent(id -> caseIds.putIfAbsent(step.caseKey(), id));
                evidence.computeIfAbsent(step.id(), k -> new ArrayList<>()).add(message);
                Set<String> left = awaitedRecipients.get(step.id());
                left.remove(message.finalRecipient());
                if (left.isEmpty()) {
                    judge(step, Verdict.pass(seenText(step)), now);
                }
                return true;
            }
        }
        return false;
    }

    /** A refusal fails the first step still to come of the integrator's in the refused case. */
    private boolean refusal(Seen refusal, Instant now) {
        String procedure = refusal.procedure().orElse(Step.DIRECTORY);
        for (Step step : pendingPerCase()) {
            String bound = caseIds.get(step.caseKey());
            boolean sameCase = step.procedure().equals(procedure)
                    && (bound == null || refusal.caseId().map(bound::equals).orElse(true))
                    && step.originalSender().equals(refusal.finalRecipient());
            if (sameCase) {
                String state = refusal.text("state");
                evidence.computeIfAbsent(step.id(), k -> new ArrayList<>()).add(refusal);
                failCase(step, Verdict.fail("the hub refused " + refusal.text("action") + (state.isEmpty() ? "" : " in state " + state)
                        + ": " + refusal.text("reason") + " (expected next: " + step.awaited() + ")"), now);
                return true;
            }
        }
        return false;
    }

    /**
     * A message the hub could not deliver to the integrator's own endpoint fails the step that
     * awaited it, with the hub's reason (the endpoint's ebMS error, or retries spent).
     */
    private boolean undelivered(Seen message, Instant now) {
        for (Step step : pendingPerCase()) {
            String bound = caseIds.get(step.caseKey());
            if (step.matches(message) && (bound == null || message.caseId().map(bound::equals).orElse(true))) {
                evidence.computeIfAbsent(step.id(), k -> new ArrayList<>()).add(message);
                failCase(step, Verdict.fail(step.awaited() + ": " + message.undelivered().orElseThrow()), now);
                return true;
            }
        }
        return false;
    }

    /** Fails a step and skips the later steps of its case as not reached. */
    private void failCase(Step step, Verdict failed, Instant now) {
        judge(step, failed, now);
        for (Step later : steps) {
            if (later.caseKey().equals(step.caseKey()) && !verdicts.containsKey(later.id())) {
                judge(later, Verdict.skip("not reached: step " + step.id() + " failed"), now);
            }
        }
    }

    /** The first step not yet judged of each case, in scenario order. */
    private List<Step> pendingPerCase() {
        Map<String, Step> first = new LinkedHashMap<>();
        for (Step step : steps) {
            if (!verdicts.containsKey(step.id())) {
                first.putIfAbsent(step.caseKey(), step);
            }
        }
        return List.copyOf(first.values());
    }

    private void judge(Step step, Verdict verdict, Instant now) {
        verdicts.put(step.id(), verdict);
        judgedAt.put(step.id(), now);
    }

    boolean done() {
        return verdicts.size() == steps.size();
    }

    /** Whether this step has been judged to pass (the robots use it to wait for their turn). */
    Optional<Verdict> verdict(String stepId) {
        return Optional.ofNullable(verdicts.get(stepId));
    }

    /** Ends the run: every step not yet judged fails as not seen in time. */
    void timeOut(Duration timeout, Instant now) {
        timeOut(timeout, now, "");
    }

    /** The same, with {@code note} (what may explain it, e.g. the hub's last error to the integrator's endpoint) added to each reason. */
    void timeOut(Duration timeout, Instant now, String note) {
        for (Step step : pendingPerCase()) {
            judge(step, Verdict.fail("not seen within " + timeout.toSeconds() + " s: " + step.awaited()
                    + (note.isEmpty() ? "" : " (" + note + ")")), now);
            for (Step later : steps) {
                if (later.caseKey().equals(step.caseKey()) && !verdicts.containsKey(later.id())) {
                    judge(later, Verdict.skip("not reached: step " + step.id() + " was not seen"), now);
                }
            }
        }
    }

    /** The steps as the conformance report shows cases: verdict, time since the previous step of the case, what was seen. */
    List<CaseResult> results() {
        List<CaseResult> results = new ArrayList<>();
        Map<String, Instant> previous = new TreeMap<>();
        for (Step step : steps) {
            Verdict verdict = verdicts.getOrDefault(step.id(), Verdict.error("not judged: the sandbox stopped first"));
            Instant at = judgedAt.getOrDefault(step.id(), started);
            Instant from = previous.getOrDefault(step.caseKey(), started);
            previous.put(step.caseKey(), at);
            Case asCase = new Case(step.id(), step.assertion(), step.title(), step.byIntegrator() ? Role.LISTEN : Role.SEND,
                    Scope.IMI_EXTENSION, Set.of(), session -> Verdict.error("a sandbox step is judged by watching, not run"));
            results.add(new CaseResult(asCase, verdict, Duration.between(from, at).isNegative() ? Duration.ZERO
                    : Duration.between(from, at), evidence.getOrDefault(step.id(), List.of()).stream().map(Judge::transcript)
                    .toList()));
        }
        return results;
    }

    /**
     * The JUnit classname of a step's result, {@code imi-sandbox.<case>} ({@code pq-request},
     * {@code alert-out}, {@code registration}, ...): a CI server groups the steps by case.
     */
    String classname(CaseResult result) {
        String caseKey = steps.stream().filter(s -> s.id().equals(result.testCase().id())).map(Step::caseKey).findFirst()
                .orElse("steps");
        return "imi-sandbox." + caseKey;
    }

    private static String seenText(Step step) {
        return "seen: " + step.awaited();
    }

    private static Transcript transcript(Seen seen) {
        Map<String, String> headers = new TreeMap<>();
        headers.put("Service", seen.meta().service());
        headers.put("Action", seen.action());
        headers.put("MessageId", seen.meta().messageId());
        headers.put("ConversationId", seen.meta().conversationId());
        headers.put(Cooperation.ORIGINAL_SENDER, seen.originalSender());
        headers.put(Cooperation.FINAL_RECIPIENT, seen.finalRecipient());
        seen.meta().refToMessageId().ifPresent(ref -> headers.put("RefToMessageId", ref));
        String where = seen.undelivered().orElse("delivered by the hub to " + seen.finalRecipient() + " at access point "
                + seen.accessPoint());
        return new Transcript(seen.action() + " " + where, headers, seen.payload(), List.of(),
                seen.isRefusal() ? "refusal" : seen.undelivered().isPresent() ? "undelivered" : "delivered", Map.of(), "",
                seen.isRefusal() ? "the hub refused the integrator's message: " + seen.text("reason") : where);
    }
}
