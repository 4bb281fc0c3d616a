package org.imigateway.as4.inflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import org.imigateway.pmode.SecurityProfile;
import org.imigateway.config.ConfigException;
import org.imigateway.config.GatewayConfig;
import org.imigateway.pmode.Leg;
import org.imigateway.pmode.RetryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreshnessSettingsTest {

    @TempDir
    Path home;

    @Test
    void aLegWhoseRetryWindowIsLongerThanTheMaximumAgeAcceptsItsLastRetry() {
        FreshnessSettings settings = new FreshnessSettings(Duration.ofMinutes(5), Duration.ofHours(1));

        assertEquals(Duration.ofHours(3).plusMinutes(5), settings.window(leg(Optional.of("180;10;CONSTANT"))).maxAge());
        assertEquals(Duration.ofHours(1), settings.window(leg(Optional.of("0.5;9;CONSTANT"))).maxAge());
        assertEquals(Duration.ofHours(1), settings.window(leg(Optional.empty())).maxAge());
        assertEquals(Duration.ofMinutes(5), settings.window(leg(Optional.empty())).clockSkew());
    }

    @Test
    void defaultsApplyWhenNothingIsConfigured() throws Exception {
        write("gateway.party=gw-a\n");

        assertEquals(FreshnessSettings.DEFAULT, FreshnessSettings.load(home));
    }

    @Test
    void aBadValueIsReportedWithItsKey() throws Exception {
        write(FreshnessSettings.MAX_AGE + "=0\n");

        ConfigException e = assertThrows(ConfigException.class, () -> FreshnessSettings.load(home));

        assertTrue(e.getMessage().contains(FreshnessSettings.MAX_AGE + "=0"), e.getMessage());
    }

    private void write(String properties) throws Exception {
        Path file = home.resolve(GatewayConfig.FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, properties);
    }

    private static Leg leg(Optional<String> retry) {
        return new Leg("leg", "service", Optional.empty(), "action", Optional.empty(), Optional.empty(), Set.of(),
                SecurityProfile.EDELIVERY_1_15, true, true, true, retry.map(RetryPolicy::parse), true, Optional.empty(),
                Optional.empty());
    }
}
