package org.imigateway.connectors.ws;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BasicCredentialsTest {

    static final BasicCredentials COURT = new BasicCredentials("court", "s3cret:é");

    static Optional<String> basic(String userAndPassword) {
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theRightUserAndPasswordMatchWhateverTheCaseOfTheScheme() {
        assertTrue(COURT.matches(basic("court:s3cret:é")));
        assertTrue(COURT.matches(Optional.of(basic("court:s3cret:é").get().replace("Basic", "basic"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"court:wrong", "Court:s3cret:é", "other:s3cret:é", "court:s3cret", "court:s3cret:é ", ""})
    void anyOtherUserOrPasswordDoesNotMatch(String userAndPassword) {
        assertFalse(COURT.matches(basic(userAndPassword)));
    }

    @Test
    void aMissingMalformedOrNonBasicHeaderDoesNotMatch() {
        assertFalse(COURT.matches(Optional.empty()));
        assertFalse(COURT.matches(Optional.of("Basic not*base64")));
        assertFalse(COURT.matches(Optional.of("Bearer " + basic("court:s3cret:é").get().substring(6))));
    }

    @Test
    void anEmptyPasswordOrAUserWithAColonIsRefusedAtConfiguration() {
        assertThrows(IllegalArgumentException.class, () -> new BasicCredentials("court", ""));
        assertThrows(IllegalArgumentException.class, () -> new BasicCredentials("co:urt", "x"));
    }
}
