package org.imigateway.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import org.imigateway.as4.TlsSettings;
import org.imigateway.config.AdmissionConfig;
import org.imigateway.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebServiceSettingsTest {

    static BackendSettings backend(String... keyValues) {
        Properties raw = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            raw.setProperty("backend.court." + keyValues[i], keyValues[i + 1]);
        }
        return new BackendSettings("court", BackendType.WS, Set.of("urn:authority:court"), raw, Path.of("."));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "user=court,password=x                      | backend.court.port is required",
        "port=70000,user=court,password=x           | backend.court.port=70000 is not a port number",
        "port=0                                     | backend.court.user and password, or backend.court.clientCertSubject",
        "port=0,user=court                          | backend.court.password is required for user 'court'",
        "port=0,user=court,password=x,tls=maybe     | backend.court.tls=maybe is not true or false",
        "port=0,clientCertSubject=CN=court,tls=false | backend.court.clientCertSubject needs backend.court.tls=true",
        "port=0,clientCertSubject=not a name        | backend.court.clientCertSubject=not a name is not an X.500 name",
        "port=0,user=court,password=x,tls=false,host=0.0.0.0 | backend.court.tls=false is allowed only on a loopback host"})
    void aBadSettingIsRefusedNamingTheKey(String settings, String words) {
        String[] pairs = settings.split(",");
        String[] keyValues = new String[pairs.length * 2];
        for (int i = 0; i < pairs.length; i++) {
            int eq = pairs[i].indexOf('=');
            keyValues[2 * i] = pairs[i].substring(0, eq).trim();
            keyValues[2 * i + 1] = pairs[i].substring(eq + 1).trim();
        }
        ConfigException refused = assertThrows(ConfigException.class, () -> WebServiceSettings.of(backend(keyValues)));
        assertTrue(refused.getMessage().contains(words), refused.getMessage());
    }

    @Test
    void tlsIsTheDefaultAndNeedsTheGatewaysTlsServerKey() throws Exception {
        WebServiceSettings settings = WebServiceSettings.of(backend("port", "0", "user", "court", "password", "x"));
        assertTrue(settings.tls());
        assertEquals("127.0.0.1", settings.address().getHostString());
        TlsSettings withoutKey = new TlsSettings(Optional.empty(), List.of(), List.of(), List.of(), List.of());
        ConfigException refused = assertThrows(ConfigException.class,
                () -> settings.connector(Path.of("target"), withoutKey, AdmissionConfig.Port.BACKEND.defaults()));
        assertTrue(refused.getMessage().contains("backend.court.tls=true needs the gateway's TLS server key"),
                refused.getMessage());
    }
}
