package org.imigateway.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.imigateway.sandbox.Scenario.RequestCase;
import org.imigateway.sandbox.Scenario.Role;

/** The steps a scenario asks of the integrator, in the order of each procedure's workflow. */
final class ScenarioSteps {

    static final String ALERT_OUT = "alert-out";
    static final String ALERT_IN = "alert-in";
    static final String REGISTRATION = "registration";

    private ScenarioSteps() {
    }

    /**
     * The authority the integrator's system registers in run {@code run} of a sandbox folder, and
     * the robot coordinator decides: a new one each run, as the hub's directory keeps the
     * registrations of the runs before ({@code IE-INTEGRATOR-RUN1}, {@code IE-INTEGRATOR-RUN2}, ...).
     */
    static String registeredAuthority(SandboxDirectory directory, int run) {
        return directory.integrator() + "-RUN" + run;
    }

    /** The steps of run {@code run} (1 for the first run in a sandbox folder). */
    static List<Step> of(Scenario scenario, SandboxDirectory directory, int run) {
        String us = directory.integrator();
        List<Step> steps = new ArrayList<>();
        for (RequestCase c : scenario.requests()) {
            String p = c.area().procedure;
            String robot = c.robot();
            if (c.integratorRole() == Role.REQUESTER) {
                steps.add(by(p + "-submit", p, "the integrator's system sends a request (Submit) to " + robot + " in " + p,
                        "Submit", us, Set.of(robot), p));
                if (c.behaviour().letDeadlinePass()) {
                    steps.add(by(p + "-close", p, robot + " lets the answer-by date pass without accepting; the integrator's"
                            + " system closes the request (Close)", "Close", us, Set.of(robot), p));
                    continue;
                }
                if (c.behaviour().proposeAnswerBy()) {
                    steps.add(to(p + "-answer-by-proposed", p, "the integrator's access point receives " + robot
                            + "'s later answer-by date (ProposeAnswerBy)", "ProposeAnswerBy", robot, us, p));
                    steps.add(by(p + "-accept-answer-by", p, "the integrator's system accepts the proposed date (Accept)",
                            "Accept", us, Set.of(robot), p));
                } else {
                    steps.add(to(p + "-accept-received", p, "the integrator's access point receives " + robot
                            + "'s acceptance (Accept)", "Accept", robot, us, p));
                }
                if (c.behaviour().askInformationFirst()) {
                    steps.add(to(p + "-information-asked", p, "the integrator's access point receives " + robot
                            + "'s request for more information (AskInformation)", "AskInformation", robot, us, p));
                    steps.add(by(p + "-give-information", p, "the integrator's system gives the information asked for"
                            + " (GiveInformation)", "GiveInformation", us, Set.of(robot), p));
                }
                steps.add(to(p + "-answer-received", p, "the integrator's access point receives " + robot + "'s answer (Answer)",
                        "Answer", robot, us, p));
                steps.add(by(p + "-close", p, "the integrator's system closes the answered request (Close)", "Close", us,
                        Set.of(robot), p));
            } else {
                steps.add(to(p + "-request-received", p, "the integrator's access point receives " + robot + "'s request"
                        + " (Submit)", "Submit", robot, us, p));
                if (c.behaviour().overdue()) {
                    steps.add(new Step(p + "-overdue-received", p, "the integrator's access point receives the hub's notice"
                            + " that " + robot + "'s request, asked with an answer-by date already past, is overdue (Overdue)",
                            "Overdue sent by the hub", false, "Overdue", SandboxDirectory.HUB, Set.of(us), p));
                    steps.add(to(p + "-closed", p, "the integrator's access point receives " + robot + "'s closure of the"
                            + " overdue request (Close)", "Close", robot, us, p));
                    continue;
                }
                steps.add(by(p + "-accept", p, "the integrator's system accepts the request before anything else (Accept)",
                        "Accept", us, Set.of(robot), p));
                steps.add(by(p + "-answer", p, "the integrator's system answers the accepted request (Answer)", "Answer", us,
                        Set.of(robot), p));
                steps.add(to(p + "-closed", p, "the integrator's access point receives " + robot + "'s closure (Close)",
                        "Close", robot, us, p));
            }
        }
        if (!scenario.alertCountries().isEmpty()) {
            Set<String> robots = Set.copyOf(scenario.alertCountries().stream().map(SandboxDirectory::robot).toList());
            String a = SandboxDirectory.ALERT_PROCEDURE;
            steps.add(by("alert-send", ALERT_OUT, "the integrator's system sends an alert (Send) to " + scenario.alertCountries()
                    + "; the hub delivers one copy to each robot, whose access point acknowledges it", "Send", us, robots, a));
            steps.add(by("alert-close", ALERT_OUT, "the integrator's system closes its alert (Close); the same robots get it",
                    "Close", us, robots, a));
        }
        if (!scenario.alertRobot().isEmpty()) {
            steps.add(to("alert-received", ALERT_IN, "the integrator's access point receives the alert " + scenario.alertRobot()
                    + " sends to " + directory.integratorCountry() + " (Send)", "Send", scenario.alertRobot(), us,
                    SandboxDirectory.ALERT_PROCEDURE));
            if (scenario.alertWithdrawAfter().isPresent()) {
                steps.add(to("alert-withdrawn", ALERT_IN, "the integrator's access point receives " + scenario.alertRobot()
                        + "'s withdrawal of that alert (Withdraw)", "Withdraw", scenario.alertRobot(), us,
                        SandboxDirectory.ALERT_PROCEDURE));
            }
        }
        if (scenario.registration()) {
            String authority = registeredAuthority(directory, run);
            String coordinator = directory.integratorCoordinator();
            steps.add(by("registration-register", REGISTRATION, "the integrator's system registers the authority " + authority
                    + " with its national coordinator " + coordinator + " (directory Register)", "Register", authority,
                    Set.of(coordinator), Step.DIRECTORY));
            boolean approve = scenario.registrationOutcome().equals("approve");
            steps.add(to(approve ? "registration-approved" : "registration-refused", REGISTRATION, "the integrator's access"
                    + " point receives the coordinator's decision to " + scenario.registrationOutcome() + " " + authority
                    + " (directory Decide)", "Decide", coordinator, authority, Step.DIRECTORY));
        }
        return steps;
    }

    private static Step by(String id, String caseKey, String assertion, String action, String from, Set<String> to,
            String procedure) {
        return new Step(id, caseKey, assertion, action + " sent by the integrator's system", true, action, from, to, procedure);
    }

    private static Step to(String id, String caseKey, String assertion, String action, String from, String to,
            String procedure) {
        return new Step(id, caseKey, assertion, action + " sent by the robot " + from, false, action, from, Set.of(to),
                procedure);
    }
}
