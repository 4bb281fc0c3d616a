package org.imigateway.route;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

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
}
