package org.imigateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Properties;

import org.imigateway.connectors.admission.AdmissionSettings;
import org.junit.jupiter.api.Test;

class AdmissionConfigTest {

    private static final String FILE = "home/config/gateway.properties";

    @Test
    void absentKeysGiveThePortsDefaults() throws Exception {
        AdmissionSettings as4 = AdmissionConfig.port(new Properties(), AdmissionConfig.Port.AS4, FILE);

        assertEquals(AdmissionConfig.Port.AS4.defaults(), as4);
        assertEquals(48, as4.maxRequests());
        assertEquals(Duration.ofSeconds(10), as4.headerTimeout());
    }

    @Test
    void aKeyChangesOnlyItsPortAndRule() throws Exception {
        Properties p = new Properties();
        p.setProperty("admission.public.maxConnectionsPerClient", "3");
        p.setProperty("admission.public.minRateGraceSeconds", " 7 ");

        AdmissionSettings publicPort = AdmissionConfig.port(p, AdmissionConfig.Port.PUBLIC, FILE);

        assertEquals(3, publicPort.maxConnectionsPerClient());
        assertEquals(Duration.ofSeconds(7), publicPort.minRateGrace());
        assertEquals(AdmissionConfig.Port.PUBLIC.defaults().maxRequests(), publicPort.maxRequests());
        assertEquals(AdmissionConfig.Port.ADMIN.defaults(), AdmissionConfig.port(p, AdmissionConfig.Port.ADMIN, FILE));
    }

    @Test
    void aRuleCannotBeSwitchedOffAndTheErrorNamesKeyAndValue() {
        Properties p = new Properties();
        p.setProperty("admission.as4.headerTimeoutSeconds", "0");

        ConfigException refused = assertThrows(ConfigException.class,
                () -> AdmissionConfig.port(p, AdmissionConfig.Port.AS4, FILE));

        assertTrue(refused.getMessage().contains(FILE + ": admission.as4.headerTimeoutSeconds=0"), refused.getMessage());
    }

    @Test
    void requestPlacesMustLeaveJettyItsOwnThreads() {
        Properties p = new Properties();
        p.setProperty("admission.admin.maxRequests", "8");

        ConfigException refused = assertThrows(ConfigException.class,
                () -> AdmissionConfig.port(p, AdmissionConfig.Port.ADMIN, FILE));

        assertTrue(refused.getMessage().contains("admission.admin.maxRequests=8 with admission.admin.threads=8"),
                refused.getMessage());
    }
}
