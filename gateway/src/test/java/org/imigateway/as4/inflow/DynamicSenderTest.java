package org.imigateway.as4.inflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;

import org.imigateway.as4.EbmsErrorCode;
import org.imigateway.as4.EbmsException;
import org.imigateway.certificates.CertificateAuthority;
import org.imigateway.certificates.IssuedCertificate;
import org.imigateway.pmode.Leg;
import org.imigateway.pmode.Party;
import org.imigateway.pmode.SecurityProfile;
import org.junit.jupiter.api.Test;

/** A sender on a dynamic leg is named by its verified certificate, and may not claim another name. */
class DynamicSenderTest {

    private static final IssuedCertificate SIGNER = CertificateAuthority.create("IMI test AP CA").issueSigning("gw-a");
    private static final Leg DYNAMIC = new Leg("by-participant", "service", Optional.empty(), "action", Optional.empty(),
            Optional.empty(), Set.of(), SecurityProfile.EDELIVERY_1_15, true, true, true, Optional.empty(), true,
            Optional.empty(), Optional.empty(), true);

    @Test
    void senderIsTheCertificateItSignedWith() throws Exception {
        Party sender = DynamicSender.of("gw-a", SIGNER.certificate(), DYNAMIC);
        assertEquals("gw-a", sender.partyId().value());
        assertEquals(SIGNER.certificate(), sender.signingCertificate(SecurityProfile.EDELIVERY_1_15));
    }

    @Test
    void fromPartyIdOtherThanTheCertificatesCommonNameIsRefused() {
        EbmsException refused = assertThrows(EbmsException.class,
                () -> DynamicSender.of("gw-c", SIGNER.certificate(), DYNAMIC));
        assertEquals(EbmsErrorCode.FAILED_AUTHENTICATION, refused.error().code());
        assertTrue(refused.error().detail().contains("gw-c"), refused.error().detail());
    }
}
