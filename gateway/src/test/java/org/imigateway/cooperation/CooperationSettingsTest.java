package org.imigateway.cooperation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.imigateway.config.ConfigException;
import org.imigateway.config.GatewayConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CooperationSettingsTest {

    @TempDir
    Path home;

    @Test
    void theOverdueTimerLooksEveryMinuteUnlessTheHomeSaysOtherwise() throws Exception {
        assertEquals(Duration.ofSeconds(60), settings("gateway.role=hub").overdueCheck());
        assertEquals(Duration.ofSeconds(2), settings("gateway.role=hub\noverdue.checkSeconds=2").overdueCheck());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "3601", "soon", "-5"})
    void anOverdueCheckOutsideOneSecondToAnHourIsRefusedNamingKeyAndValue(String value) throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> settings("overdue.checkSeconds=" + value));

        assertTrue(e.getMessage().contains("overdue.checkSeconds=" + value + " is not a number of seconds from 1 to 3600"),
                e.getMessage());
    }

    private CooperationSettings settings(String properties) throws Exception {
        Path file = home.resolve(GatewayConfig.FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, properties + "\n");
        return CooperationSettings.load(home);
    }
}
