package org.imigateway.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.imigateway.sandbox.Scenario.Role;
import org.imigateway.sandbox.SandboxDirectory.Area;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ScenarioTest {

    @Test
    void theShippedScenarioHasARequestInEachPolicyAreaAnAlertEachWayAndARegistration() throws Exception {
        Properties shipped = new Properties();
        try (InputStream in = SandboxCommand.class.getResourceAsStream("scenario.properties")) {
            shipped.load(in);
        }
        Scenario scenario = Scenario.of(shipped, "scenario.properties");

        assertEquals(List.of(Area.values()), scenario.requests().stream().map(Scenario.RequestCase::area).toList());
        assertEquals(Role.REQUESTER, scenario.requests().get(1).integratorRole());
        assertTrue(scenario.requests().get(1).behaviour().askInformationFirst());
        assertEquals(Duration.ofSeconds(2), scenario.requests().get(1).behaviour().answerAfter());
        assertEquals(List.of("DE", "FR", "PL"), scenario.alertCountries());
        assertEquals("FR-ROBOT", scenario.alertRobot());
        assertTrue(scenario.registration());
        assertEquals("IE", scenario.integratorCountry());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "request.pq-request.answerAfterSecond=1 | unknown key 'request.pq-request.answerAfterSecond'",
        "request.pq-request.integrator=both     | request.pq-request.integrator=both: expected requester or responder",
        "request.pq-request.acceptAfterSeconds=-1 | request.pq-request.acceptAfterSeconds=-1: expected whole seconds",
        "request.pq-request.robot=IT-ROBOT      | request.pq-request.robot=IT-ROBOT: expected one of the robots",
        "request.pq-request.askInformationFirst=yes | askInformationFirst=yes: expected true or false",
        "alert.countries=DE,IT                  | alert.countries=IT: expected robot countries only",
        "timeoutSeconds=soon                    | timeoutSeconds=soon: expected whole seconds",
        "integrator.country=DE                  | integrator.country=DE: expected two capital letters, not a robot country",
        "registration.outcome=maybe             | registration.outcome=maybe: expected approve or refuse"})
    void aBadLineIsRefusedNamingTheFileTheKeyAndTheValue(String line, String expected) {
        Properties p = new Properties();
        String[] kv = line.split("=", 2);
        p.setProperty(kv[0], kv[1]);
        if (kv[0].startsWith("request.pq-request.") && !kv[0].endsWith(".integrator")) {
            p.setProperty("request.pq-request.integrator", "responder");
        }

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scenario.of(p, "my.properties"));
        assertTrue(e.getMessage().startsWith("my.properties: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void anOverdueRequestIsTheRobotsSoTheIntegratorMustBeItsResponder() {
        Properties p = new Properties();
        p.setProperty("request.services-request.integrator", "requester");
        p.setProperty("request.services-request.overdue", "true");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scenario.of(p, "my.properties"));
        assertTrue(e.getMessage().startsWith("my.properties: request.services-request.overdue=true: expected"
                + " request.services-request.integrator=responder"), e.getMessage());
        p.setProperty("request.services-request.integrator", "responder");
        assertTrue(Scenario.of(p, "my.properties").requests().get(0).behaviour().overdue());
    }

    @Test
    void anIntegratorCountryOfTheRobotsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SandboxDirectory(SandboxDirectory.ROBOT_COUNTRIES, "DE"));
        assertTrue(e.getMessage().contains("integrator country 'DE'"), e.getMessage());
    }
}
