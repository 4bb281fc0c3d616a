package org.imigateway.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.imigateway.Gateway;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.imigateway.connectors.SubmissionException;
import org.imigateway.cooperation.Cooperation;
import org.imigateway.sandbox.Scenario.RequestCase;
import org.imigateway.sandbox.Scenario.Role;
import org.imigateway.sandbox.SandboxDirectory.Area;
import org.imigateway.schemas.imi.ImiDocumentType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The robot authorities: they play their side of each procedure as the scenario says, reacting
 * to what the hub delivers (to them, and of theirs to the integrator), and send every step as a
 * real submission at their own access point, which signs, encrypts and sends it to the hub.
 * A reaction is put on an agenda with the delay the scenario gives and sent when it is due.
 */
final class Robots {

    private static final Logger LOG = LoggerFactory.getLogger(Robots.class);

    /** One message a robot will send once it is due. */
    private record Planned(Instant due, String robot, ImiDocumentType type, String finalRecipient, String xml) {
    }

    private final Scenario scenario;
    private final SandboxDirectory directory;
    private final Function<String, Gateway> accessPoints;
    private final Path work;
    private final String runId;
    private final List<Planned> agenda = new ArrayList<>();
    private final Set<String> reactedTo = new HashSet<>();
    private final List<String> failures = new ArrayList<>();
    private final java.util.Map<String, String> sent = new java.util.concurrent.ConcurrentHashMap<>();
    private int counter;

    Robots(Scenario scenario, SandboxDirectory directory, Function<String, Gateway> accessPoints, Path work, String runId) {
        this.scenario = scenario;
        this.directory = directory;
        this.accessPoints = accessPoints;
        this.work = work;
        this.runId = runId;
    }

    /** What the robots start with: the requests they ask of the integrator, and their alert. */
    void begin(Instant now) {
        String us = directory.integrator();
        for (RequestCase c : scenario.requests()) {
            if (c.integratorRole() == Role.RESPONDER) {
                String caseId = "SBX-" + runId + "-" + c.area().procedure;
                // overdue: answer by yesterday, so the hub's next overdue check raises the notice
                LocalDate answerBy = c.behaviour().overdue() ? Documents.today().minusDays(1) : Documents.today().plusDays(14);
                plan(now, c.robot(), ImiDocumentType.REQUEST_SUBMIT, us, Documents.request(c.area(), caseId, c.robot(), us,
                        answerBy));
            }
        }
        if (!scenario.alertRobot().isEmpty()) {
            String robot = scenario.alertRobot();
            plan(now, robot, ImiDocumentType.ALERT_SEND, robot,
                    Documents.alert("SBX-" + runId + "-alert", robot, List.of(directory.integratorCountry())));
        }
    }

    /** Reacts once to each message the hub delivered: to a robot, or a robot's to the integrator. */
    void react(Seen seen, Instant now) {
        if (!reactedTo.add(seen.meta().messageId()) || seen.isRefusal() || seen.undelivered().isPresent()) {
            return;
        }
        String us = directory.integrator();
        if (seen.action().equals("Register") && seen.finalRecipient().equals(directory.integratorCoordinator())) {
            plan(now.plus(scenario.approveAfter()), seen.finalRecipient(), ImiDocumentType.DIRECTORY_DECIDE, seen.originalSender(),
                    Documents.decision(seen.finalRecipient(), seen.originalSender(), scenario.registrationOutcome()));
            return;
        }
        boolean robotsAlertReachedUs = seen.action().equals("Send") && seen.originalSender().equals(scenario.alertRobot())
                && seen.finalRecipient().equals(us) && seen.procedure().equals(Optional.of(SandboxDirectory.ALERT_PROCEDURE));
        if (robotsAlertReachedUs && scenario.alertWithdrawAfter().isPresent() && seen.caseId().isPresent()) {
            String robot = scenario.alertRobot();
            plan(now.plus(scenario.alertWithdrawAfter().get()), robot, ImiDocumentType.ALERT_WITHDRAW, robot,
                    Documents.alertEnd(seen.caseId().get(), robot, "Sent in error (sandbox)."));
            return;
        }
        Optional<RequestCase> found = seen.procedure().flatMap(this::requestCase);
        if (found.isEmpty() || seen.caseId().isEmpty()) {
            return;
        }
        RequestCase c = found.get();
        Area area = c.area();
        String caseId = seen.caseId().get();
        String robot = c.robot();
        boolean fromUs = seen.originalSender().equals(us) && seen.finalRecipient().equals(robot);
        boolean oursToThem = seen.originalSender().equals(robot) && seen.finalRecipient().equals(us);
        if (c.integratorRole() == Role.REQUESTER) {
            if (fromUs && seen.action().equals("Submit") && !c.behaviour().letDeadlinePass()) {
                if (c.behaviour().proposeAnswerBy()) {
                    plan(now.plus(c.behaviour().acceptAfter()), robot, ImiDocumentType.REQUEST_PROPOSE_ANSWER_BY, us,
                            Documents.answerByProposal(area, caseId, robot, us));
                } else {
                    plan(now.plus(c.behaviour().acceptAfter()), robot, ImiDocumentType.REQUEST_ACCEPT, us,
                            Documents.acceptance(area, caseId, robot, us));
                }
            } else if (oursToThem && seen.action().equals("Accept") || fromUs && seen.action().equals("Accept")) {
                // accepted: by the robot, or by the integrator taking the robot's answer-by date
                if (c.behaviour().askInformationFirst()) {
                    plan(now, robot, ImiDocumentType.REQUEST_ASK_INFORMATION, us,
                            Documents.furtherInformation(area, caseId, robot, us, "Please send the supporting document."));
                } else {
                    plan(now.plus(c.behaviour().answerAfter()), robot, ImiDocumentType.REQUEST_ANSWER, us,
                            Documents.answers(area, caseId, robot, us));
                }
            } else if (fromUs && seen.action().equals("GiveInformation")) {
                plan(now.plus(c.behaviour().answerAfter()), robot, ImiDocumentType.REQUEST_ANSWER, us,
                        Documents.answers(area, caseId, robot, us));
            }
        } else if (c.behaviour().overdue() && seen.action().equals(ImiDocumentType.HUB_OVERDUE.action())
                && seen.finalRecipient().equals(robot)) {
            // the robot's own copy of the hub's notice: it gives up on the late request
            plan(now.plus(c.behaviour().closeAfter()), robot, ImiDocumentType.REQUEST_CLOSE, us,
                    Documents.closure(area, caseId, robot, us));
        } else if (fromUs && seen.action().equals("AskInformation")) {
            plan(now, robot, ImiDocumentType.REQUEST_GIVE_INFORMATION, us,
                    Documents.furtherInformation(area, caseId, robot, us, "Here is the information asked for."));
        } else if (fromUs && seen.action().equals("Answer")) {
            plan(now.plus(c.behaviour().closeAfter()), robot, ImiDocumentType.REQUEST_CLOSE, us,
                    Documents.closure(area, caseId, robot, us));
        }
    }

    /** Sends every planned message that is due, in the order planned. */
    void sendDue(Instant now) {
        List<Planned> due = agenda.stream().filter(p -> !p.due().isAfter(now)).sorted(Comparator.comparing(Planned::due)).toList();
        agenda.removeAll(due);
        for (Planned p : due) {
            try {
                Path payload = Files.writeString(work.resolve("robot-" + (++counter) + ".xml"), p.xml(), StandardCharsets.UTF_8);
                Gateway accessPoint = accessPoints.apply(directory.accessPointOfRobot(p.robot()));
                String messageId = accessPoint.submit(Submission.to(SandboxDirectory.HUB)
                        .service(p.type().service(), ImiDocumentType.SERVICE_TYPE).action(p.type().action())
                        .property(MessageProperty.of(Cooperation.ORIGINAL_SENDER, p.robot()))
                        .property(MessageProperty.of(Cooperation.FINAL_RECIPIENT, p.finalRecipient()))
                        .payload(Payload.of(payload, "application/xml")).build());
                sent.put(messageId, p.xml());
                LOG.info("robot {} sent {} {} to {} as {}", p.robot(), p.type().service(), p.type().action(),
                        p.finalRecipient(), messageId);
            } catch (IOException | SubmissionException e) {
                failures.add(p.robot() + " could not send " + p.type().action() + ": " + e.getMessage());
                LOG.warn("robot {} could not send {}: {}", p.robot(), p.type().action(), e.getMessage());
            }
        }
    }

    /** The document a robot sent as the message {@code messageId} (its access point's MessageId). */
    Optional<String> document(String messageId) {
        return Optional.ofNullable(sent.get(messageId));
    }

    /** What the robots could not send (a sandbox fault, not the integrator's). */
    List<String> failures() {
        return List.copyOf(failures);
    }

    private Optional<RequestCase> requestCase(String procedure) {
        return scenario.requests().stream().filter(c -> c.area().procedure.equals(procedure)).findFirst();
    }

    private void plan(Instant due, String robot, ImiDocumentType type, String finalRecipient, String xml) {
        agenda.add(new Planned(due, robot, type, finalRecipient, xml));
    }
}
