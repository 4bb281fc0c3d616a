package org.imigateway.route;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.imigateway.connectors.Delivery;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.store.Database;
import org.imigateway.store.DerbySink;
import org.imigateway.store.MessageLog;
import org.imigateway.store.PayloadStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChooseBackendTest {

    static ChooseBackend choose(Map<String, Set<String>> claims) {
        return new ChooseBackend(null, claims); // choose() reads no message
    }

    @Test
    void aBackendNamingTheAuthorityWinsOverOneServingEveryAuthority() {
        Map<String, Set<String>> claims = new LinkedHashMap<>();
        claims.put("all", Set.of("*"));
        claims.put("police", Set.of("urn:authority:police", "urn:authority:customs"));
        ChooseBackend choose = choose(claims);
        assertEquals("police", choose.choose("urn:authority:customs"));
        assertEquals("all", choose.choose("urn:authority:labour"));
    }

    @Test
    void aMessageNoBackendClaimsGoesToTheDefaultBackend() {
        ChooseBackend choose = choose(Map.of("police", Set.of("urn:authority:police")));
        assertEquals(GatewayRoutes.DEFAULT_BACKEND, choose.choose("urn:authority:labour"));
        assertEquals(GatewayRoutes.DEFAULT_BACKEND, choose.choose(""));
        assertEquals(GatewayRoutes.DEFAULT_BACKEND, choose(Map.of()).choose("urn:authority:police"));
    }

    @Test
    void theAuthorityTheHandOffCarriesIsTheOneDispatchWouldReadFromTheLog(@TempDir Path temp) throws Exception {
        Delivery addressed = received("carried-1@test", List.of(MessageProperty.of("originalSender", "urn:authority:be:1"),
                MessageProperty.typed(ChooseBackend.FINAL_RECIPIENT, "urn:authority:nl:7", "iso6523")));
        Delivery toPartyOnly = received("carried-2@test", List.of());
        try (Database database = Database.open(temp.resolve("derby"))) {
            MessageLog log = new MessageLog(database);
            DerbySink sink = new DerbySink(log, new PayloadStore(database, temp.resolve("payloads")));
            ChooseBackend choose = new ChooseBackend(log, Map.of());
            for (Delivery message : List.of(addressed, toPartyOnly)) {
                sink.accept(message, new byte[] {1});
                assertEquals(choose.recipient(message.messageId()), ChooseBackend.authority(message));
            }
        }
        assertEquals("urn:authority:nl:7", ChooseBackend.authority(addressed));
        assertEquals("gw-b", ChooseBackend.authority(toPartyOnly));
    }

    private static Delivery received(String messageId, List<MessageProperty> properties) {
        return new Delivery(messageId, "conversation", Optional.empty(), Instant.parse("2026-12-04T10:00:00Z"), "gw-a",
                "gw-b", "urn:service", Optional.empty(), "Deliver", properties, List.of());
    }
}
