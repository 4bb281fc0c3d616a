package org.imigateway.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.imigateway.as4.TlsSettings;
import org.imigateway.config.ConfigException;
import org.imigateway.connectors.ws.WebServicePushConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PushSettingsTest {

    static final TlsSettings NO_KEY = new TlsSettings(Optional.empty(), List.of(), List.of(), List.of(), List.of());

    @TempDir
    Path home;

    BackendSettings backend(String settings) {
        java.util.Properties raw = new java.util.Properties();
        for (String pair : settings.split(",")) {
            int eq = pair.indexOf('=');
            raw.setProperty("backend.court." + pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return new BackendSettings("court", BackendType.WS, java.util.Set.of("urn:authority:court"), raw, home);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "pushUser=gw,pushPassword=x                   | backend.court.pushUser is set but backend.court.pushUrl is not",
        "pushUrl=not a url                            | backend.court.pushUrl=not a url is not a URL",
        "pushUrl=ftp://backend.example/imi            | backend.court.pushUrl=ftp://backend.example/imi is not an http(s) URL",
        "pushUrl=https:///imi                         | backend.court.pushUrl=https:///imi is not an http(s) URL with a host",
        "pushUrl=http://192.0.2.1/imi                 | backend.court.pushUrl=http://192.0.2.1/imi: plain http is allowed only to a loopback host",
        "pushUrl=https://b.example/imi,pushUser=gw    | backend.court.pushPassword is required for pushUser 'gw'",
        "pushUrl=https://b.example/imi,pushReceiveMillis=soon | backend.court.pushReceiveMillis=soon is not a number",
        "pushUrl=https://b.example/imi,pushTrustStore=missing.p12 | backend.court.pushTrustStorePassword is required",
        "pushUrl=https://b.example/imi,pushTrustStore=missing.p12,pushTrustStorePassword=x | backend.court.pushTrustStore=missing.p12 cannot be read"})
    void aBadPushSettingIsRefusedNamingTheKey(String settings, String words) {
        ConfigException refused = assertThrows(ConfigException.class,
                () -> PushSettings.target(backend(settings), NO_KEY));
        assertTrue(refused.getMessage().contains(words), refused.getMessage());
    }

    @Test
    void aTrustStoreThatIsNotPkcs12IsRefusedNamingTheKeyAndFile() throws Exception {
        Files.writeString(home.resolve("trust.p12"), "not a key store");
        ConfigException refused = assertThrows(ConfigException.class, () -> PushSettings.target(backend(
                "pushUrl=https://b.example/imi,pushTrustStore=trust.p12,pushTrustStorePassword=x"), NO_KEY));
        assertTrue(refused.getMessage().contains("backend.court.pushTrustStore=trust.p12 cannot be read"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains(home.resolve("trust.p12").toString()), refused.getMessage());
    }

    @Test
    void withoutPushUrlTheBackendIsPullOnly() throws Exception {
        assertEquals(Optional.empty(), PushSettings.target(backend("port=0"), NO_KEY));
    }

    @Test
    void httpsWithBasicCredentialsAndDefaultTimeouts() throws Exception {
        WebServicePushConnector.Target target = PushSettings.target(
                backend("pushUrl=https://b.example/imi,pushUser=gw,pushPassword=secret"), NO_KEY).orElseThrow();
        assertEquals("https://b.example/imi", target.url());
        assertEquals("gw", target.credentials().orElseThrow().user());
        assertTrue(target.tls().isPresent());
        assertEquals(5_000, target.connectTimeoutMillis());
        assertEquals(60_000, target.receiveTimeoutMillis());
        assertTrue(PushSettings.target(backend("pushUrl=http://127.0.0.1:9/imi"), NO_KEY).orElseThrow().tls().isEmpty());
    }
}
