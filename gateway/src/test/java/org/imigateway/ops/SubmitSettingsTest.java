package org.imigateway.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.imigateway.config.ConfigException;
import org.imigateway.config.GatewayConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The submit.* keys: off by default, loopback, tokens only as hashes, errors naming the key; tokens matched by hash. */
class SubmitSettingsTest {

    @TempDir
    Path home;

    @Test
    void offByDefaultAndOnLoopbackWhenOn() throws Exception {
        assertFalse(load("").enabled());
        SubmitSettings on = load("submit.port=9443\nsubmit.token.alice=" + OperatorTokens.hashHex("t") + "\n");
        assertTrue(on.enabled());
        assertEquals("127.0.0.1", on.host());
        assertEquals(256L * 1024 * 1024, on.maxBytes());
    }

    @Test
    void anEndpointWithoutTokensOrWithAPlainTokenIsRefusedNamingTheKey() {
        ConfigException none = assertThrows(ConfigException.class, () -> load("submit.port=9443\n"));
        assertTrue(none.getMessage().contains("submit.port is set, so at least one submit.token.<operator>"),
                none.getMessage());
        ConfigException plain = assertThrows(ConfigException.class,
                () -> load("submit.port=9443\nsubmit.token.alice=my-secret-token\n"));
        assertTrue(plain.getMessage().contains("submit.token.alice must be the SHA-256 of the token in hex"),
                plain.getMessage());
        assertFalse(plain.getMessage().contains("my-secret-token"), "a token pasted by mistake is not repeated");
        ConfigException port = assertThrows(ConfigException.class, () -> load("submit.port=https\n"));
        assertTrue(port.getMessage().contains("submit.port=https is not a port"), port.getMessage());
        ConfigException size = assertThrows(ConfigException.class, () -> load("submit.maxBytes=-5\n"));
        assertTrue(size.getMessage().contains("submit.maxBytes=-5 is not a whole number of bytes"), size.getMessage());
    }

    @Test
    void aTokenFindsItsOperatorAndNoOtherTokenDoes() {
        String alice = OperatorTokens.newToken();
        String bob = OperatorTokens.newToken();
        OperatorTokens tokens = new OperatorTokens(Map.of("alice", hash(alice), "bob", hash(bob)));
        assertEquals("alice", tokens.operator(alice).orElseThrow());
        assertEquals("bob", tokens.operator(bob).orElseThrow());
        assertTrue(tokens.operator(OperatorTokens.hashHex(alice)).isEmpty(), "the hash is not the token");
        assertTrue(tokens.operator(alice + "x").isEmpty());
    }

    private static byte[] hash(String token) {
        return java.util.HexFormat.of().parseHex(OperatorTokens.hashHex(token));
    }

    private SubmitSettings load(String properties) throws Exception {
        Path file = home.resolve(GatewayConfig.FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, properties);
        return SubmitSettings.load(home);
    }
}
