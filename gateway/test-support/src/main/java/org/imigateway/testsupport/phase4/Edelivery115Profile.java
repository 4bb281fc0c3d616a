package org.imigateway.testsupport.phase4;

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
import com.helger.phase4.wss.EWSSVersion;

/**
 * The eDelivery AS4 1.15 common profile (RSA) as phase4 data: one-way push, SOAP 1.2, RSA-SHA256
 * signatures with SHA-256 digests, AES-128-GCM payload encryption with RSA-OAEP (xmlenc11,
 * MGF1-SHA256, SHA-256) key transport, gzip compression and a signed receipt carrying
 * non-repudiation information in the HTTP response.
 *
 * <p>phase4 ships this profile in a module our registry does not serve, so {@link Edelivery20Profiles}
 * registers it with the AS4 2.0 ones through
 * {@code META-INF/services/com.helger.phase4.profile.IAS4ProfileRegistrarSPI}.
 */
public final class Edelivery115Profile {

    public static final String PROFILE_ID = "imi-edelivery-1.15";
    public static final String AGREEMENT = "urn:imi-gateway:agreement:edelivery-1.15";

    private Edelivery115Profile() {
    }

    /** A one-way/push P-Mode between two parties; {@code address} is the responder's URL or empty. */
    public static PMode pmode(PModeParty initiator, PModeParty responder, String address) {
        return pmode(initiator, responder, address, AGREEMENT);
    }

    /** The same P-Mode under another AgreementRef, for a peer that stands in for a deployment with its own. */
    public static PMode pmode(PModeParty initiator, PModeParty responder, String address, String agreement) {
        PModeLeg leg = new PModeLeg(
                new PModeLegProtocol(address.isEmpty() ? null : address, ESoapVersion.SOAP_12),
                PModeLegBusinessInformation.create(null, CAS4.DEFAULT_ACTION_URL, null, CAS4.DEFAULT_MPC_ID),
                errorsAsResponse(),
                (PModeLegReliability) null,
                legSecurity());
        return new PMode(IPModeIDProvider.DEFAULT_DYNAMIC.getPModeID(initiator, responder),
                initiator,
                responder,
                agreement,
                EMEP.ONE_WAY,
                EMEPBinding.PUSH,
                leg,
                null,
                // AS4 profile, compression feature: gzip, compressed before signing.
                new PModePayloadService(EAS4CompressionMode.GZIP),
                sendOnce());
    }

    /** Algorithms of eDelivery AS4 1.15, section "Message Security". */
    public static PModeLegSecurity legSecurity() {
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

    /** Signing parameters of the profile, for senders and for the receipts a receiver signs. */
    public static AS4SigningParams signingParams() {
        return new AS4SigningParams().setFromPMode(legSecurity());
    }

    /**
     * Encryption parameters of the profile. The P-Mode names only the content encryption, so the
     * key transport (RSA-OAEP of xmlenc11 with MGF1-SHA256 and a SHA-256 digest) is set here
     * explicitly rather than left to phase4's defaults.
     */
    public static AS4CryptParams cryptParams() {
        return new AS4CryptParams()
                .setFromPMode(legSecurity())
                .setKeyEncAlgorithm(ECryptoKeyEncryptionAlgorithm.RSA_OAEP_XENC11)
                .setMGFAlgorithm(WSS4JConstants.MGF_SHA256)
                .setDigestAlgorithm(WSS4JConstants.SHA256);
    }

    private static PModeLegErrorHandling errorsAsResponse() {
        return new PModeLegErrorHandling(null, null, ETriState.TRUE, ETriState.TRUE, ETriState.TRUE, ETriState.TRUE);
    }

    /** The peer sends once: retries are the behaviour under test, never the peer's own. */
    private static PModeReceptionAwareness sendOnce() {
        return new PModeReceptionAwareness(ETriState.TRUE, ETriState.FALSE, 0, 0, ETriState.TRUE);
    }
}
