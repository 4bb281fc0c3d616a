package org.imigateway.testsupport.phase4;

import org.apache.wss4j.common.WSS4JConstants;

import com.helger.phase4.CAS4;
import com.helger.phase4.crypto.AS4CryptParams;
import com.helger.phase4.crypto.AS4SigningParams;
import com.helger.phase4.crypto.ECryptoAlgorithmSign;
import com.helger.phase4.crypto.ECryptoKeyEncryptionAlgorithm;
import com.helger.phase4.model.pmode.IPModeIDProvider;
import com.helger.phase4.model.pmode.PMode;
import com.helger.phase4.model.pmode.PModeParty;
import com.helger.phase4.model.pmode.leg.PModeLegSecurity;
import com.helger.phase4.profile.AS4Profile;
import com.helger.phase4.profile.IAS4ProfileRegistrar;
import com.helger.phase4.profile.IAS4ProfileRegistrarSPI;
import com.helger.phase4.profile.IAS4ProfileValidator;

/**
 * The security profiles the phase4 peer can run, as data: eDelivery AS4 1.15 and the two AS4 2.0
 * profiles. They differ only in the signature algorithm and in how the content key travels;
 * everything else (one-way push, gzip, AES-128-GCM, receipts with NRR) is {@link Edelivery115Profile}'s.
 * All three are registered with phase4 here.
 */
public final class Edelivery20Profiles implements IAS4ProfileRegistrarSPI {

    public enum Phase4Profile {
        EDELIVERY_1_15(Edelivery115Profile.PROFILE_ID, ECryptoAlgorithmSign.RSA_SHA_256),
        /** AS4 2.0 common usage: Ed25519 signatures, X25519 + HKDF + AES-128 key wrap. */
        EDELIVERY_2_0_EDDSA("imi-edelivery-2.0-eddsa", ECryptoAlgorithmSign.EDDSA_ED25519),
        /** AS4 2.0 alternative: ECDSA P-256 signatures, ECDH-ES + HKDF + AES-128 key wrap. */
        EDELIVERY_2_0_ECDSA("imi-edelivery-2.0-ecdsa", ECryptoAlgorithmSign.ECDSA_SHA_256);

        private final String id;
        private final ECryptoAlgorithmSign signature;

        Phase4Profile(String id, ECryptoAlgorithmSign signature) {
            this.id = id;
            this.signature = signature;
        }

        public String id() {
            return id;
        }

        public PModeLegSecurity legSecurity() {
            PModeLegSecurity security = Edelivery115Profile.legSecurity();
            security.setX509SignatureAlgorithm(signature);
            return security;
        }

        public PMode pmode(PModeParty initiator, PModeParty responder, String address) {
            return pmode(initiator, responder, address, Edelivery115Profile.AGREEMENT);
        }

        public PMode pmode(PModeParty initiator, PModeParty responder, String address, String agreement) {
            PMode pmode = Edelivery115Profile.pmode(initiator, responder, address, agreement);
            pmode.getLeg1().setSecurity(legSecurity());
            return pmode;
        }

        public AS4SigningParams signingParams() {
            return new AS4SigningParams().setFromPMode(legSecurity());
        }

        public AS4CryptParams cryptParams() {
            return switch (this) {
                case EDELIVERY_1_15 -> Edelivery115Profile.cryptParams();
                case EDELIVERY_2_0_EDDSA -> new AS4CryptParams().setFromPMode(legSecurity())
                        .setKeyEncAlgorithm(ECryptoKeyEncryptionAlgorithm.ECDH_ES_KEYWRAP_AES_128)
                        .setEDelivery2KeyAgreementX25519()
                        .setDigestAlgorithm(WSS4JConstants.SHA256);
                case EDELIVERY_2_0_ECDSA -> new AS4CryptParams().setFromPMode(legSecurity())
                        .setKeyEncAlgorithm(ECryptoKeyEncryptionAlgorithm.ECDH_ES_KEYWRAP_AES_128)
                        .setEDelivery2KeyAgreementECDHES()
                        .setDigestAlgorithm(WSS4JConstants.SHA256);
            };
        }
    }

    @Override
    public void registerAS4Profile(IAS4ProfileRegistrar registrar) {
        for (Phase4Profile profile : Phase4Profile.values()) {
            registrar.registerProfile(new AS4Profile(profile.id(),
                    "IMI " + profile.name() + " (test peer)",
                    // The P-Mode is the whole policy; phase4's own profile checks add nothing here.
                    () -> new IAS4ProfileValidator() {
                    },
                    (initiatorId, responderId, address) -> profile.pmode(
                            PModeParty.createSimple(initiatorId, CAS4.DEFAULT_INITIATOR_URL),
                            PModeParty.createSimple(responderId, CAS4.DEFAULT_RESPONDER_URL),
                            address),
                    IPModeIDProvider.DEFAULT_DYNAMIC,
                    false,
                    false));
        }
    }
}
