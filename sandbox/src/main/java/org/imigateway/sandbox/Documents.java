package org.imigateway.sandbox;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

import org.imigateway.sandbox.SandboxDirectory.Area;

/** The IMI business documents the robots send, valid against the schemas the hub checks them with. */
final class Documents {

    private Documents() {
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /** A request step: {@code root} is the step's element (request, acceptance, answers, ...). */
    static String requestStep(String root, Area area, String caseId, String from, String to, String body) {
        return "<" + root + " xmlns=\"urn:imigateway:imi:request:1\"><case procedure=\"" + area.procedure + "\" id=\""
                + caseId + "\"/><from>" + from + "</from><to>" + to + "</to>" + body + "</" + root + ">";
    }

    static String request(Area area, String caseId, String from, String to) {
        return request(area, caseId, from, to, today().plusDays(14));
    }

    static String request(Area area, String caseId, String from, String to, LocalDate answerBy) {
        return requestStep("request", area, caseId, from, to, "<answerBy>" + answerBy + "</answerBy>"
                + "<subject lang=\"en\">Sandbox request in " + area.code + "</subject>"
                + "<questionSet code=\"" + area.questionSet + "\"><question id=\"" + area.question + "\"/></questionSet>");
    }

    static String acceptance(Area area, String caseId, String from, String to) {
        return requestStep("acceptance", area, caseId, from, to, "<answerBy>" + today().plusDays(14) + "</answerBy>");
    }

    /** The responder counters the answer-by date with a later one. */
    static String answerByProposal(Area area, String caseId, String from, String to) {
        return requestStep("answerByProposal", area, caseId, from, to, "<answerBy>" + today().plusDays(28) + "</answerBy>"
                + "<reason lang=\"en\">We need four weeks.</reason>");
    }

    static String furtherInformation(Area area, String caseId, String from, String to, String words) {
        return requestStep("furtherInformation", area, caseId, from, to, "<text lang=\"en\">" + words + "</text>");
    }

    static String answers(Area area, String caseId, String from, String to) {
        return requestStep("answers", area, caseId, from, to,
                "<answer question=\"" + area.question + "\"><yesNo>true</yesNo></answer>");
    }

    static String closure(Area area, String caseId, String from, String to) {
        return requestStep("closure", area, caseId, from, to, "");
    }

    static String alert(String caseId, String from, List<String> countries) {
        return "<alert xmlns=\"urn:imigateway:imi:alert:1\"><case procedure=\"" + SandboxDirectory.ALERT_PROCEDURE
                + "\" id=\"" + caseId + "\"/><from>" + from + "</from><subject lang=\"en\">Sandbox alert</subject>"
                + "<body lang=\"en\">A professional was prohibited from practising (sandbox).</body>"
                + "<decisionDate>" + today() + "</decisionDate>"
                + countries.stream().map(c -> "<country>" + c + "</country>").collect(Collectors.joining()) + "</alert>";
    }

    /** The end of an alert: {@code Withdraw} (sent in error) or {@code Close} (resolved) carry the same document. */
    static String alertEnd(String caseId, String from, String reason) {
        return "<alertEnd xmlns=\"urn:imigateway:imi:alert:1\"><case procedure=\"" + SandboxDirectory.ALERT_PROCEDURE
                + "\" id=\"" + caseId + "\"/><from>" + from + "</from><reason lang=\"en\">" + reason + "</reason></alertEnd>";
    }

    static String decision(String coordinator, String authority, String outcome) {
        return "<decision xmlns=\"urn:imigateway:imi:directory:1\"><from>" + coordinator + "</from><authority>" + authority
                + "</authority><outcome>" + outcome + "</outcome></decision>";
    }
}
