package org.imigateway.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Our BDXL names against the ones peppol-commons' BDXLURLProvider (the SMP client phase4 uses)
 * is published to produce in its own tests: software nobody here wrote. peppol-commons is not
 * served to this build, so its documented outputs are the reference.
 */
class BdxlNameTest {

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource({
        "iso6523-actorid-upis::9999:elonia, edelivery.tech.ec.europa.eu,"
                + " hsh3fmc5cyerdv5j6ln6mmqcn2pp2ucyvczrwueahosobvikb6kq.iso6523-actorid-upis.edelivery.tech.ec.europa.eu",
        "iso6523-actorid-upis::0010:5798000000001, edelivery.tech.ec.europa.eu,"
                + " xukhfqabqziki3ykvr2fhr4snfa3pf5vpq6k4tonv3lmvsy5arvq.iso6523-actorid-upis.edelivery.tech.ec.europa.eu",
        "iso6523-actorid-upis::0088:123ABC, toop.acc.edelivery.tech.ec.europa.eu.,"
                + " y7dzfxaf3d4cjz4kcgrxtec6twvcga4ky7zwa5boif6mswd4tdrq.iso6523-actorid-upis.toop.acc.edelivery.tech.ec.europa.eu",
        "iso6523-actorid-upis::9946:pt501507930, de4a.edelivery.tech.ec.europa.eu,"
                + " m2v5cjbjvuyeukpuegc4f3dpebbcjzi3pbxfegruqk3r3j42x5vq.iso6523-actorid-upis.de4a.edelivery.tech.ec.europa.eu",
        "urn:oasis:names:tc:ebcore:partyid-type:iso6523:0060:1234567890128, edelivery.tech.ec.europa.eu,"
                + " 4444wypixhstjggabkb7qmg63kjnr7ifmxralgpordxi6zf64hua.edelivery.tech.ec.europa.eu",
        "ABC, edelivery.tech.ec.europa.eu, xj4bnp4pahh6uqkbidpf3lrceoyagyndsylxvhfucd7wd4qacwwq.edelivery.tech.ec.europa.eu",
    })
    void bdxlNameMatchesThePeppolCommonsReferenceOutputs(String participant, String zone, String expected) {
        assertEquals(expected, BdxlName.of(ParticipantId.parse(participant), zone));
    }

    @Test
    void identifierValueIsCaseInsensitiveButSchemeIsKept() {
        assertEquals(BdxlName.of(ParticipantId.parse("iso6523-actorid-upis::0088:abc"), "sml.test"),
                BdxlName.of(ParticipantId.parse("iso6523-actorid-upis::0088:ABC"), "sml.test"));
    }

    @Test
    void schemeThatIsNoDnsLabelIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParticipantId.parse("bad scheme.x::0088:1"));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("bad scheme.x"), e.getMessage());
    }
}
