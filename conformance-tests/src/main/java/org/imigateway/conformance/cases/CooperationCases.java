package org.imigateway.conformance.cases;

import static org.imigateway.conformance.cases.CooperationProbes.document;
import static org.imigateway.conformance.cases.CooperationProbes.expectAnswer;
import static org.imigateway.conformance.cases.CooperationProbes.send;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.imigateway.conformance.cases.CooperationProbes.Failed;
import org.imigateway.conformance.cases.CooperationProbes.Receipted;
import org.imigateway.conformance.cases.CooperationProbes.Step;
import org.imigateway.conformance.run.ImiAuthorities;
import org.imigateway.conformance.run.Session;
import org.imigateway.conformance.run.Verdict;
import org.imigateway.schemas.imi.ImiDocumentType;

/**
 * The cooperation cases, for IMI Gateway hubs: the suite is the national access point of the
 * authorities given by {@code --authority}, {@code --peer-authority} and
 * {@code --outsider-authority}, sends their business documents to the hub and listens for the
 * hub's answers. They use the procedures an IMI Gateway hub ships ({@code pq-request},
 * {@code pq-alert}, repository {@code posting-declarations}). Only what the wire shows is judged.
 */
public final class CooperationCases {

    private CooperationCases() {
    }

    public static List<Case> all() {
        return List.of(
                listening("coop-request-submit", "A request Submit is receipted and forwarded to the addressed authority",
                        "Submit from --authority to --peer-authority; the hub sends it on to the peer's access point",
                        CooperationCases::requestSubmitted),
                listening("coop-request-out-of-order", "A step the workflow does not allow now is answered by a Refuse"
                        + " naming state and action", "Answer before Accept: the hub answers with Refuse (state SENT, action"
                        + " Answer)", CooperationCases::answerBeforeAccept),
                listening("coop-alert", "An alert Send is receipted and reaches the authorities of the countries it names",
                        "Alert from --authority to the country of --peer-authority; the peer's copy comes back",
                        CooperationCases::alertFannedOut),
                listening("coop-repository-query", "A repository Query is answered with a Result listing a published entry",
                        "Publish an entry, then Query it; the hub answers with a Result", CooperationCases::repositoryQueried),
                new Case("coop-repository-outsider", "A repository Query from outside the access group is refused",
                        "Query from --outsider-authority; the hub answers with a Refuse naming it", Role.SEND,
                        Scope.IMI_EXTENSION, Set.of(Need.IMI_AUTHORITIES, Need.IMI_OUTSIDER, Need.ENCRYPTION_KEY),
                        CooperationCases::outsiderRefused),
                listening("coop-directory-search", "A directory Search folds umlauts: 'Aerztekammer' finds 'Ärztekammer'",
                        "Search for Aerztekammer; the hub answers with a SearchResult", CooperationCases::directorySearched),
                new Case("coop-schema-refused", "A payload that does not fit its document schema is refused with EBMS:0004",
                        "A request Submit whose answerBy is 'tomorrow', not a date", Role.SEND, Scope.IMI_EXTENSION,
                        Set.of(Need.IMI_AUTHORITIES), CooperationCases::schemaRefused),
                CooperationLifecycleCases.requestLifecycle(), CooperationLifecycleCases.requestForwarded(),
                CooperationLifecycleCases.stepAfterClose(),
                CooperationLifecycleCases.stepByTheWrongParty(), CooperationLifecycleCases.alertEnded(ImiDocumentType.ALERT_WITHDRAW),
                CooperationLifecycleCases.alertEnded(ImiDocumentType.ALERT_CLOSE), CooperationLifecycleCases.registration(),
                CooperationLifecycleCases.overdue(), NotificationCases.notification());
    }

    static Case listening(String id, String assertion, String title, Probe probe) {
        return new Case(id, assertion, title, Role.SEND, Scope.IMI_EXTENSION,
                Set.of(Need.IMI_AUTHORITIES, Need.ENCRYPTION_KEY), probe);
    }

    private static Verdict requestSubmitted(Session session) throws Exception {
        ImiAuthorities imi = session.settings().imi();
        String from = imi.authority().orElseThrow();
        String to = imi.peer().orElseThrow();
        String caseId = caseId(from);
        Step submit = send(session, "request Submit", document(session, ImiDocumentType.REQUEST_SUBMIT, from, to,
                request(caseId, from, to, LocalDate.now(ZoneOffset.UTC).plusDays(20).toString())));
        if (submit instanceof Failed failed) {
            return failed.verdict();
        }
        return expectAnswer(session, ((Receipted) submit).messageId(), ImiDocumentType.REQUEST_SUBMIT.action(), to, caseId);
    }

    private static Verdict answerBeforeAccept(Session session) throws Exception {
        ImiAuthorities imi = session.settings().imi();
        String from = imi.authority().orElseThrow();
        String to = imi.peer().orElseThrow();
        String caseId = caseId(from);
        Step submit = send(session, "request Submit", document(session, ImiDocumentType.REQUEST_SUBMIT, from, to,
                request(caseId, from, to, LocalDate.now(ZoneOffset.UTC).plusDays(20).toString())));
        if (submit instanceof Failed failed) {
            return failed.verdict();
        }
        // the forwarded Submit shows the hub has decided it, so the Answer meets the case in state SENT
        Verdict forwarded = expectAnswer(session, ((Receipted) submit).messageId(), ImiDocumentType.REQUEST_SUBMIT.action(), to);
        if (forwarded.status() != Verdict.Status.PASS) {
            return forwarded;
        }
        Step answer = send(session, "Answer before Accept", document(session, ImiDocumentType.REQUEST_ANSWER, to, from,
                step("answers", caseId, to, from, "<answer question=\"document-authentic\"><yesNo>true</yesNo></answer>")));
        if (answer instanceof Failed failed) {
            return failed.verdict();
        }
        return expectAnswer(session, ((Receipted) answer).messageId(), ImiDocumentType.HUB_REFUSAL.action(), to,
                "<state>SENT</state>", "<action>Answer</action>");
    }

    private static Verdict alertFannedOut(Session session) throws Exception {
        ImiAuthorities imi = session.settings().imi();
        String from = imi.authority().orElseThrow();
        String peer = imi.peer().orElseThrow();
        String caseId = caseId(from);
        Step sent = sendAlert(session, caseId);
        if (sent instanceof Failed failed) {
            return failed.verdict();
        }
        return expectAnswer(session, ((Receipted) sent).messageId(), ImiDocumentType.ALERT_SEND.action(), peer, caseId);
    }

    private static Verdict repositoryQueried(Session session) throws Exception {
        String from = session.settings().imi().authority().orElseThrow();
        String entryId = "CONF-" + UUID.randomUUID();
        String employer = "Konformität " + entryId;
        Step published = send(session, "repository Publish", document(session, ImiDocumentType.REPOSITORY_PUBLISH, from, from,
                "<entry xmlns=\"urn:imigateway:imi:repository:1\"><repository>posting-declarations</repository>"
                        + "<entryId>" + entryId + "</entryId><from>" + from + "</from><field name=\"employer\">" + employer
                        + "</field></entry>"));
        if (published instanceof Failed failed) {
            return failed.verdict();
        }
        // the hub may decide the Publish and the Query in parallel: a Result without the entry is asked again
        Verdict verdict = Verdict.fail("no query was sent");
        for (int attempt = 1; attempt <= 3 && verdict.status() != Verdict.Status.PASS; attempt++) {
            Step query = send(session, "repository Query (attempt " + attempt + ")", document(session,
                    ImiDocumentType.REPOSITORY_QUERY, from, from, query("q-" + attempt, from, "<field name=\"employer\">"
                            + employer + "</field>")));
            if (query instanceof Failed failed) {
                return failed.verdict();
            }
            verdict = expectAnswer(session, ((Receipted) query).messageId(), ImiDocumentType.REPOSITORY_RESULT.action(), from,
                    "<entryId>" + entryId + "</entryId>");
        }
        return verdict;
    }

    private static Verdict outsiderRefused(Session session) throws Exception {
        String outsider = session.settings().imi().outsider().orElseThrow();
        Step query = send(session, "repository Query from outside the access group", document(session,
                ImiDocumentType.REPOSITORY_QUERY, outsider, outsider, query("q-outsider", outsider, "")));
        if (query instanceof Failed failed) {
            return failed.verdict();
        }
        return expectAnswer(session, ((Receipted) query).messageId(), ImiDocumentType.HUB_REFUSAL.action(), outsider,
                "<action>Query</action>", outsider);
    }

    private static Verdict directorySearched(Session session) throws Exception {
        String from = session.settings().imi().authority().orElseThrow();
        Step search = send(session, "directory Search", document(session, ImiDocumentType.DIRECTORY_SEARCH, from, from,
                "<search xmlns=\"urn:imigateway:imi:directory:1\" searchId=\"s-conformance\"><from>" + from + "</from>"
                        + "<text>Aerztekammer</text></search>"));
        if (search instanceof Failed failed) {
            return failed.verdict();
        }
        return expectAnswer(session, ((Receipted) search).messageId(), ImiDocumentType.DIRECTORY_RESULT.action(), from,
                "Ärztekammer");
    }

    private static Verdict schemaRefused(Session session) throws Exception {
        ImiAuthorities imi = session.settings().imi();
        String from = imi.authority().orElseThrow();
        String to = imi.peer().orElseThrow();
        Session.Exchange exchange = session.send("request Submit with answerBy 'tomorrow'", session.compose(document(session,
                ImiDocumentType.REQUEST_SUBMIT, from, to, request(caseId(from), from, to, "tomorrow"))));
        return Probes.judgeRefusal(exchange, "answerBy 'tomorrow' is not an xs:date of the request schema",
                Set.of("EBMS:0004"), true);
    }

    /** Sends a pq-alert from --authority to the country of --peer-authority. */
    static Step sendAlert(Session session, String caseId) {
        ImiAuthorities imi = session.settings().imi();
        String from = imi.authority().orElseThrow();
        return send(session, "alert Send", document(session, ImiDocumentType.ALERT_SEND, from, from,
                alert(caseId, from, imi.peer().orElseThrow())));
    }

    /** A pq-alert from {@code from} to the country of {@code peer} (an authority id begins with its country code). */
    private static String alert(String caseId, String from, String peer) {
        return "<alert xmlns=\"urn:imigateway:imi:alert:1\"><case procedure=\"pq-alert\" id=\"" + caseId + "\"/>"
                + "<from>" + from + "</from><subject lang=\"en\">Conformance alert</subject>"
                + "<body lang=\"en\">A professional was prohibited from practising (conformance test).</body>"
                + "<decisionDate>" + LocalDate.now(ZoneOffset.UTC) + "</decisionDate><country>" + peer.substring(0, 2)
                + "</country></alert>";
    }

    static String caseId(String authority) {
        return authority.substring(0, 2) + "-CONF-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String request(String caseId, String from, String to, String answerBy) {
        return step("request", caseId, from, to, "<answerBy>" + answerBy + "</answerBy>"
                + "<subject lang=\"en\">Recognition of a medical diploma (conformance test)</subject>"
                + "<questionSet code=\"pq-verification\"><question id=\"document-authentic\"/></questionSet>");
    }

    static String step(String root, String caseId, String from, String to, String body) {
        return "<" + root + " xmlns=\"urn:imigateway:imi:request:1\"><case procedure=\"pq-request\" id=\"" + caseId
                + "\"/><from>" + from + "</from><to>" + to + "</to>" + body + "</" + root + ">";
    }

    private static String query(String queryId, String from, String fields) {
        return "<query xmlns=\"urn:imigateway:imi:repository:1\"><repository>posting-declarations</repository>"
                + "<queryId>" + queryId + "</queryId><from>" + from + "</from>" + fields + "</query>";
    }
}
