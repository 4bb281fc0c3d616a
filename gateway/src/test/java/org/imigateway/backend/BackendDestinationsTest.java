package org.imigateway.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.imigateway.config.GatewayConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up line names where received messages really go, not the default inbox a backend has taken over. */
class BackendDestinationsTest {

    @TempDir
    Path home;

    private List<BackendSettings> backends(String settings) throws Exception {
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve(GatewayConfig.FILE), settings);
        return BackendSettings.load(home);
    }

    @Test
    void aBackendForEveryAuthorityLeavesTheDefaultInboxOut() throws Exception {
        Path data = home.resolve("data");
        List<BackendSettings> backends = backends("backend.court.type=folder\nbackend.court.authorities=*\n");

        assertEquals("received messages go: every authority's to backend court (" + data.resolve("backends/court/inbox")
                + ")", BackendSettings.destinations(backends, data, data.resolve("inbox").toString()));
    }

    @Test
    void backendsForSomeAuthoritiesAreNamedAndTheRestGoesToTheDefaultInbox() throws Exception {
        Path data = home.resolve("data");
        List<BackendSettings> backends = backends("backend.court.type=jms\nbackend.court.authorities=urn:b,urn:a\n");

        assertEquals("received messages go: those for urn:a, urn:b to backend court (JMS queue imi.backend.court.out);"
                + " the others to " + data.resolve("inbox"), BackendSettings.destinations(backends, data,
                        data.resolve("inbox").toString()));
    }

    @Test
    void withoutBackendsEverythingGoesToTheDefaultInbox() throws Exception {
        Path data = home.resolve("data");
        assertEquals("received messages go: all to " + data.resolve("inbox"),
                BackendSettings.destinations(backends("gateway.party=x\n"), data, data.resolve("inbox").toString()));
    }
}
