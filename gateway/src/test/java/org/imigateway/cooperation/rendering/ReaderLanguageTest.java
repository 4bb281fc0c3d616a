package org.imigateway.cooperation.rendering;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;

import org.imigateway.directory.Authority;
import org.imigateway.directory.AuthorityStatus;
import org.junit.jupiter.api.Test;

class ReaderLanguageTest {

    private static Authority authority(String country, Map<String, String> names) {
        return new Authority(country + "-X", country, names, Optional.empty(), "ap-1", AuthorityStatus.ACTIVE, Map.of());
    }

    @Test
    void aLatvianAuthorityReadsLatvianAndAGermanOneGerman() {
        assertEquals("lv", ReaderLanguage.of(authority("LV", Map.of("lv", "Valsts darba inspekcija"))));
        assertEquals("de", ReaderLanguage.of(authority("DE", Map.of("de", "Bundesverwaltungsamt", "en", "Federal Office"))));
        assertEquals("de", ReaderLanguage.of(authority("AT", Map.of("de", "Gesundheitsberuferegister"))));
    }

    @Test
    void aBelgianAuthorityReadsTheOfficialLanguageItsNamesAreWrittenIn() {
        assertEquals("fr", ReaderLanguage.of(authority("BE", Map.of("fr", "Ordre des pharmaciens"))));
        assertEquals("nl", ReaderLanguage.of(authority("BE", Map.of("nl", "Federale Overheidsdienst"))));
        assertEquals("de", ReaderLanguage.of(authority("BE", Map.of("de", "Ministerium der DG", "en", "Ministry"))));
        assertEquals("nl", ReaderLanguage.of(authority("BE", Map.of("nl", "FOD Volksgezondheid", "fr", "SPF Santé publique"))),
                "named in two official languages: the country's first");
    }

    @Test
    void anAuthorityNamedOnlyInAForeignLanguageReadsItsCountrysLanguage() {
        assertEquals("fi", ReaderLanguage.of(authority("FI", Map.of("en", "National Supervisory Authority"))));
        assertEquals("sv", ReaderLanguage.of(authority("FI", Map.of("sv", "Tillstånds- och tillsynsverket"))));
        assertEquals("el", ReaderLanguage.of(authority("EL", Map.of("en", "Ministry of Health"))));
        assertEquals("no", ReaderLanguage.of(authority("NO", Map.of("no", "Helsedirektoratet"))));
    }

    @Test
    void anAuthorityOfACountryOutsideTheNetworkReadsTheLanguageOfItsNamesOrEnglish() {
        assertEquals("en", ReaderLanguage.of(authority("CH", Map.of("en", "Swiss Office"))));
        assertEquals("en", ReaderLanguage.of("XX", Map.of()));
    }
}
