package org.imigateway.sandbox;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import org.imigateway.sandbox.SandboxDirectory.Area;

/**
 * What the robots do in one run, read from a properties file (the project's format for
 * settings). One request case per policy area named, an alert each way, a registration:
 *
 * <pre>
 * integrator.country=IE
 * request.pq-request.integrator=responder        # the robot asks, the integrator's system answers
 * request.pq-request.robot=DE-ROBOT
 * request.pq-request.closeAfterSeconds=1         # the robot closes this long after the answer
 * request.pq-request.overdue=false              # true: the robot asks with an answer-by date already past, the hub
 *                                                # sends its Overdue notice, the robot closes this long after its copy
 * request.services-request.integrator=requester  # the integrator's system asks, the robot answers
 * request.services-request.acceptAfterSeconds=1
 * request.services-request.proposeAnswerBy=false # true: the robot counters the answer-by date instead of accepting
 * request.services-request.askInformationFirst=true
 * request.services-request.answerAfterSeconds=2
 * request.services-request.letDeadlinePass=false # true: the robot never accepts nor answers
 * alert.countries=DE,FR,PL                       # where the integrator's alert must reach
 * alert.robot=FR-ROBOT                           # the robot that alerts the integrator's country
 * alert.robot.withdraw=true                      # and withdraws its alert (Withdraw) ...
 * alert.robot.withdrawAfterSeconds=1             # ... this long after the integrator's access point got it
 * registration.outcome=approve                  # or refuse: the robot coordinator turns the registration down
 * registration.approveAfterSeconds=1            # the coordinator decides this long after the registration
 * timeoutSeconds=120                             # a step not seen by then fails
 * </pre>
 *
 * An unknown key or a value out of range is refused naming the key and the file.
 */
record Scenario(String integratorCountry, List<RequestCase> requests, List<String> alertCountries, String alertRobot,
        Optional<Duration> alertWithdrawAfter, boolean registration, String registrationOutcome, Duration approveAfter, Duration timeout) {

    /** Which side of a request the integrator's system plays. */
    enum Role { REQUESTER, RESPONDER }

    /** One request lifecycle, and how its robot behaves. */
    record RequestCase(Area area, Role integratorRole, String robot, Behaviour behaviour) {
    }

    /** A robot's behaviour in one case; durations count from the message it reacts to. */
    record Behaviour(Duration acceptAfter, boolean proposeAnswerBy, boolean askInformationFirst, Duration answerAfter,
            Duration closeAfter, boolean letDeadlinePass, boolean overdue) {
    }

    Scenario {
        requests = List.copyOf(requests);
        alertCountries = List.copyOf(alertCountries);
    }

    static Scenario read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return of(properties, file.toString());
    }

    static Scenario of(Properties p, String source) {
        Keys keys = new Keys(p, source);
        String country = keys.text("integrator.country", "IE");
        if (!country.matches("[A-Z]{2}") || SandboxDirectory.ROBOT_COUNTRIES.contains(country)) {
            throw keys.bad("integrator.country", country, "two capital letters, not a robot country "
                    + SandboxDirectory.ROBOT_COUNTRIES);
        }
        List<RequestCase> requests = new ArrayList<>();
        for (Area area : Area.values()) {
            String prefix = "request." + area.procedure + ".";
            String role = keys.text(prefix + "integrator", "");
            if (role.isEmpty()) {
                continue;
            }
            Role integratorRole = switch (role) {
                case "requester" -> Role.REQUESTER;
                case "responder" -> Role.RESPONDER;
                default -> throw keys.bad(prefix + "integrator", role, "requester or responder");
            };
            String robot = keys.text(prefix + "robot", SandboxDirectory.robot(SandboxDirectory.ROBOT_COUNTRIES.get(0)));
            keys.robot(prefix + "robot", robot);
            boolean overdue = keys.flag(prefix + "overdue", false);
            if (overdue && integratorRole != Role.RESPONDER) {
                throw keys.bad(prefix + "overdue", "true", prefix + "integrator=responder (the robot's request is the one"
                        + " past its answer-by date)");
            }
            requests.add(new RequestCase(area, integratorRole, robot, new Behaviour(keys.seconds(prefix + "acceptAfterSeconds", 1),
                    keys.flag(prefix + "proposeAnswerBy", false), keys.flag(prefix + "askInformationFirst", false), keys.seconds(prefix + "answerAfterSeconds", 1),
                    keys.seconds(prefix + "closeAfterSeconds", 1), keys.flag(prefix + "letDeadlinePass", false), overdue)));
        }
        String alertCountriesText = keys.text("alert.countries", "");
        List<String> alertCountries = alertCountriesText.isEmpty() ? List.of() : List.of(alertCountriesText.split("\\s*,\\s*"));
        for (String c : alertCountries) {
            if (!SandboxDirectory.ROBOT_COUNTRIES.contains(c)) {
                throw keys.bad("alert.countries", c, "robot countries only: " + SandboxDirectory.ROBOT_COUNTRIES);
            }
        }
        String alertRobot = keys.text("alert.robot", "");
        if (!alertRobot.isEmpty()) {
            keys.robot("alert.robot", alertRobot);
        }
        boolean withdraw = keys.flag("alert.robot.withdraw", false);
        if (withdraw && alertRobot.isEmpty()) {
            throw keys.bad("alert.robot.withdraw", "true", "alert.robot naming the robot that withdraws its alert");
        }
        Duration withdrawAfter = keys.seconds("alert.robot.withdrawAfterSeconds", 1);
        boolean registration = keys.flag("registration", true);
        String outcome = keys.text("registration.outcome", "approve");
        if (!outcome.equals("approve") && !outcome.equals("refuse")) {
            throw keys.bad("registration.outcome", outcome, "approve or refuse");
        }
        Duration approveAfter = keys.seconds("registration.approveAfterSeconds", 1);
        Duration timeout = keys.seconds("timeoutSeconds", 120);
        keys.noneLeft();
        return new Scenario(country, requests, alertCountries, alertRobot,
                withdraw ? Optional.of(withdrawAfter) : Optional.empty(), registration, outcome, approveAfter, timeout);
    }

    /** Reads keys off the file, remembering which were read, so that a misspelt one is named. */
    private static final class Keys {
        private final Properties properties;
        private final String source;
        private final Set<String> read = new HashSet<>();

        Keys(Properties properties, String source) {
            this.properties = properties;
            this.source = source;
        }

        String text(String key, String fallback) {
            read.add(key);
            return properties.getProperty(key, fallback).strip();
        }

        boolean flag(String key, boolean fallback) {
            String value = text(key, String.valueOf(fallback));
            if (!value.equals("true") && !value.equals("false")) {
                throw bad(key, value, "true or false");
            }
            return Boolean.parseBoolean(value);
        }

        Duration seconds(String key, int fallback) {
            String value = text(key, String.valueOf(fallback));
            try {
                int seconds = Integer.parseInt(value);
                if (seconds >= 0 && seconds <= 86_400) {
                    return Duration.ofSeconds(seconds);
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            throw bad(key, value, "whole seconds from 0 to 86400");
        }

        void robot(String key, String robot) {
            if (!SandboxDirectory.ROBOT_COUNTRIES.stream().map(SandboxDirectory::robot).toList().contains(robot)) {
                throw bad(key, robot, "one of the robots " + SandboxDirectory.ROBOT_COUNTRIES.stream()
                        .map(SandboxDirectory::robot).toList());
            }
        }

        void noneLeft() {
            for (String key : properties.stringPropertyNames()) {
                if (!read.contains(key)) {
                    throw new IllegalArgumentException(source + ": unknown key '" + key + "'");
                }
            }
        }

        IllegalArgumentException bad(String key, String value, String expected) {
            return new IllegalArgumentException(source + ": " + key + "=" + value + ": expected " + expected);
        }
    }
}
