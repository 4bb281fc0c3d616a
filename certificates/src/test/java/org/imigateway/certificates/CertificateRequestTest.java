package org.imigateway.certificates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CertificateRequestTest {

    @Test
    void defaultRequestStartsAnHourAgoAndLastsTwoYears() {
        Instant before = Instant.now();
        CertificateRequest request = CertificateRequest.of("party-a", CertificatePurpose.SIGNING);

        Duration startedAgo = Duration.between(request.notBefore(), before);
        assertTrue(startedAgo.compareTo(Duration.ofMinutes(59)) > 0 && startedAgo.compareTo(Duration.ofMinutes(61)) < 0,
                "notBefore " + request.notBefore());
        assertEquals(730, Duration.between(request.notBefore(), request.notAfter()).toDays());
        assertEquals(List.of(), request.hostNames());
    }

    @Test
    void copiesChangeOnlyWhatTheyAreAskedTo() {
        CertificateRequest original = CertificateRequest.of("party-a", CertificatePurpose.TLS_SERVER);
        Instant start = Instant.parse("2030-01-01T00:00:00Z");

        CertificateRequest dated = original.validity(start, start.plus(Duration.ofDays(1)));
        CertificateRequest named = original.hostNames(List.of("localhost"));

        assertEquals(new CertificateRequest("party-a", CertificatePurpose.TLS_SERVER, start,
                start.plus(Duration.ofDays(1)), List.of()), dated);
        assertEquals(List.of("localhost"), named.hostNames());
        assertEquals(original.notBefore(), named.notBefore());
        assertEquals(List.of(), original.hostNames());
    }

    @Test
    void hostNamesAreCopiedSoLaterChangesToTheListDoNotLeakIn() {
        List<String> names = new ArrayList<>(List.of("localhost"));
        CertificateRequest request = CertificateRequest.of("party-a", CertificatePurpose.TLS_SERVER).hostNames(names);

        names.add("intruder.example.org");

        assertEquals(List.of("localhost"), request.hostNames());
    }

    @Test
    void validityThatEndsBeforeItStartsIsRejected() {
        Instant start = Instant.now();
        CertificateRequest request = CertificateRequest.of("party-a", CertificatePurpose.SIGNING);

        assertThrows(PkiException.class, () -> request.validity(start, start.minusSeconds(1)));
    }

    @Test
    void blankCommonNameIsRejected() {
        assertThrows(PkiException.class, () -> CertificateRequest.of(" ", CertificatePurpose.SIGNING));
    }
}
