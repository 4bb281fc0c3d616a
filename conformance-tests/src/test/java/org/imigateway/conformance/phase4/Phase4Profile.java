package org.imigateway.conformance.phase4;

import org.apache.wss4j.common.WSS4JConstants;

import com.helger.base.state.ETriState;
import com.helger.phase4.CAS4;
import com.helger.phase4.attachment.EAS4CompressionMode;
import com.helger.phase4.crypto.AS4CryptParams;
import com.helger.phase4.crypto.AS4SigningParams;
import com.helger.phase4.crypto.ECryptoAlgorithmCrypt;
import com.helger.phase4.crypto.ECryptoAlgorithmSign;
import com.helger.phase4.crypto.ECryptoAlgorithmSignDigest;
import com.helger.phase4.crypto.ECryptoKeyEncryptionAlgorithm;
import com.helger.phase4.model.EMEP;
import com.helger.phase4.model.EMEPBinding;
import com.helger.phase4.model.ESoapVersion;
import com.helger.phase4.model.pmode.IPModeIDProvider;
import com.helger.phase4.model.pmode.PMode;
import com.helger.phase4.model.pmode.PModeParty;
import com.helger.phase4.model.pmode.PModePayloadService;
import com.helger.phase4.model.pmode.PModeReceptionAwareness;
import com.helger.phase4.model.pmode.leg.EPModeSendReceiptReplyPattern;
import com.helger.phase4.model.pmode.leg.PModeLeg;
import com.helger.phase4.model.pmode.leg.PModeLegBusinessInformation;
import com.helger.phase4.model.pmode.leg.PModeLegErrorHandling;
import com.helger.phase4.model.pmode.leg.PModeLegProtocol;
import com.helger.phase4.model.pmode.leg.PModeLegReliability;
import com.helger.phase4.model.pmode.leg.PModeLegSecurity;
import com.helger.phase4.profile.AS4Profile;
import com.helger.phase4.profile.IAS4ProfileRegistrar;
import com.helger.phase4.profile.IAS4ProfileRegistrarSPI;
import com.helger.phase4.profile.IAS4ProfileValidator;
import com.helger.phase4.wss.EWSSVersion;

/**
 * eDelivery AS4 1.15 as phase4 data, for the phase4 receiver the suite is run against (phase4's
 * own profile modules are not served here, so the profile is registered through
 * {@code META-INF/services}). One-way/push, SOAP 1.2, RSA-SHA256 with SHA-256, AES-128-GCM with
 * RSA-OAEP (MGF1-SHA256), gzip, signed receipts with non-repudiation in the HTTP response.
 */
public final class Phase4Profile implements IAS4ProfileRegistrarSPI {

    static final String ID = "imi-conformance-edelivery-1.15";

    @Override
    public void registerAS4Profile(IAS4ProfileRegistrar registrar) {
        registrar.registerProfile(new AS4Profile(ID, "eDelivery AS4 1.15 (conformance test peer)",
                () -> new IAS4ProfileValidator() {
                },
                (initiator, responder, address) -> pmode(PModeParty.createSimple(initiator, CAS4.DEFAULT_INITIATOR_URL),
                        PModeParty.createSimple(responder, CAS4.DEFAULT_RESPONDER_URL), address, null),
                IPModeIDProvider.DEFAULT_DYNAMIC, false, false));
    }

    static PMode pmode(PModeParty initiator, PModeParty responder, String address, String agreement) {
        PModeLeg leg = new PModeLeg(new PModeLegProtocol(address, ESoapVersion.SOAP_12),
                PModeLegBusinessInformation.create(null, CAS4.DEFAULT_ACTION_URL, null, CAS4.DEFAULT_MPC_ID),
                new PModeLegErrorHandling(null, null, ETriState.TRUE, ETriState.TRUE, ETriState.TRUE, ETriState.TRUE),
                (PModeLegReliability) null, security());
        return new PMode(IPModeIDProvider.DEFAULT_DYNAMIC.getPModeID(initiator, responder), initiator, responder, agreement,
                EMEP.ONE_WAY, EMEPBinding.PUSH, leg, null, new PModePayloadService(EAS4CompressionMode.GZIP),
                new PModeReceptionAwareness(ETriState.TRUE, ETriState.FALSE, 0, 0, ETriState.TRUE));
    }

    static PModeLegSecurity security() {
        PModeLegSecurity security = new PModeLegSecurity();
        security.setWSSVersion(EWSSVersion.WSS_111);
        security.setX509SignatureAlgorithm(ECryptoAlgorithmSign.RSA_SHA_256);
        security.setX509SignatureHashFunction(ECryptoAlgorithmSignDigest.DIGEST_SHA_256);
        security.setX509EncryptionAlgorithm(ECryptoAlgorithmCrypt.AES_128_GCM);
        security.setX509EncryptionMinimumStrength(128);
        security.setPModeAuthorize(false);
        security.setSendReceipt(true);
        security.setSendReceiptNonRepudiation(true);
        security.setSendReceiptReplyPattern(EPModeSendReceiptReplyPattern.RESPONSE);
        return security;
    }

    static AS4SigningParams signing() {
        return new AS4SigningParams().setFromPMode(security());
    }

    static AS4CryptParams crypt() {
        return new AS4CryptParams().setFromPMode(security()).setKeyEncAlgorithm(ECryptoKeyEncryptionAlgorithm.RSA_OAEP_XENC11)
                .setMGFAlgorithm(WSS4JConstants.MGF_SHA256).setDigestAlgorithm(WSS4JConstants.SHA256);
    }
}
