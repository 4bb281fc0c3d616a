package org.imigateway.as4;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.WSDataRef;
import org.apache.wss4j.dom.engine.WSSConfig;
import org.apache.wss4j.dom.engine.WSSecurityEngine;
import org.apache.wss4j.dom.engine.WSSecurityEngineResult;
import org.apache.wss4j.dom.handler.RequestData;
import org.apache.wss4j.dom.handler.WSHandlerResult;
import org.w3c.dom.Element;

import org.imigateway.pmode.SecurityProfile;
/**
 * Runs WSS4J over the wsse:Security header of a received message: decrypts the attachments
 * with our encryption key and verifies the signature, the signer's path to a trust anchor,
 * its validity dates and its revocation status. Failures become ebMS errors without the
 * library's internal detail (no oracle for an attacker): EBMS:0102 when decryption failed,
 * EBMS:0101 otherwise.
 */
public final class SecurityHeaderProcessor {

    static {
        WssInit.ensure();
    }

    // Verifies as WSS4J does, without keeping attachment bytes in memory (WSS-727)
    private static final StreamingSignatureProcessor SIGNATURES = new StreamingSignatureProcessor();

    /**
     * @param allowedSigners the only certificates whose subject may sign (WSS4J's subject DN
     *        constraints): the parties' signing certificates from the PModes
     */
    public VerifiedSecurity process(MimeEnvelope envelope, SecurityProfile profile, Cryptos cryptos,
            Collection<X509Certificate> allowedSigners, Path workDir) throws EbmsException {
        return process(envelope, profile, cryptos, allowedSigners, workDir, TimestampWindow.WSS4J_DEFAULT);
    }

    /**
     * @param timestamps the bounds WSS4J applies to a wsu:Timestamp: the leg's, so that WSS4J
     *        never refuses what the leg's freshness check accepted (a retry of the same bytes)
     */
    public VerifiedSecurity process(MimeEnvelope envelope, SecurityProfile profile, Cryptos cryptos,
            Collection<X509Certificate> allowedSigners, Path workDir, TimestampWindow timestamps) throws EbmsException {
        Optional<Element> security = securityHeader(envelope);
        if (security.isEmpty()) {
            return new VerifiedSecurity(Optional.empty(), List.of(), Set.of(), Set.of(), List.of(), 0);
        }
        AlgorithmPolicy policy = new AlgorithmPolicy(profile);
        policy.check(security.get());

        RequestData data = new RequestData();
        WSSConfig config = WSSConfig.getNewInstance();
        config.setProcessor(WSConstants.SIGNATURE, SIGNATURES);
        data.setWssConfig(config);
        data.setSigVerCrypto(cryptos.verification());
        data.setDecCrypto(cryptos.own());
        data.setCallbackHandler(cryptos.passwordCallback());
        AttachmentCallbacks callbacks = new AttachmentCallbacks(envelope, workDir, cryptos.passwordCallback());
        data.setAttachmentCallbackHandler(callbacks);
        data.setEnableRevocation(true);
        data.setAllowRSA15KeyTransportAlgorithm(false);
        data.setAlgorithmSuite(policy.suite());
        data.setSubjectCertConstraints(subjectConstraints(allowedSigners));
        data.setTimeStampTTL(seconds(timestamps.maxAge()));
        data.setTimeStampFutureTTL(seconds(timestamps.clockSkew()));

        WSSecurityEngine engine = new WSSecurityEngine();
        engine.setWssConfig(config);
        WSHandlerResult results;
        try {
            results = StreamingGcm.run(envelope.largestPart(), () -> engine.processSecurityHeader(envelope.soap(), data));
        } catch (WSSecurityException e) {
            throw classify(e, security.get());
        } catch (Exception e) {
            throw new EbmsException(EbmsErrorCode.FAILED_AUTHENTICATION, "the security header cannot be processed", e);
        } finally {
            callbacks.closeStreams();
        }
        return summarise(results, security.get());
    }

    private static int seconds(java.time.Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toSeconds());
    }

    /** Exact subject DNs, quoted: a DN is not a regular expression. */
    private static List<Pattern> subjectConstraints(Collection<X509Certificate> signers) {
        return signers.stream().map(c -> Pattern.compile(Pattern.quote(c.getSubjectX500Principal().getName()))).toList();
    }

    private static Optional<Element> securityHeader(MimeEnvelope envelope) {
        Element header = envelope.header();
        return header == null ? Optional.empty() : Dom.child(header, Namespaces.WSSE, "Security");
    }

    private static VerifiedSecurity summarise(WSHandlerResult results, Element security) {
        Optional<X509Certificate> signer = Optional.empty();
        List<Element> signedElements = new ArrayList<>();
        Set<String> signedAttachments = new HashSet<>();
        Set<String> encryptedAttachments = new HashSet<>();
        int signatures = 0;
        if (results != null) {
            for (WSSecurityEngineResult result : results.getResults()) {
                Integer action = (Integer) result.get(WSSecurityEngineResult.TAG_ACTION);
                @SuppressWarnings("unchecked")
                List<WSDataRef> refs = (List<WSDataRef>) result.get(WSSecurityEngineResult.TAG_DATA_REF_URIS);
                if (action != null && action == WSConstants.SIGN) {
                    signatures++;
                    signer = Optional.ofNullable((X509Certificate) result.get(WSSecurityEngineResult.TAG_X509_CERTIFICATE));
                    for (WSDataRef ref : refs == null ? List.<WSDataRef>of() : refs) {
                        if (ref.isAttachment()) {
                            signedAttachments.add(As4Part.bareContentId(ref.getWsuId()));
                        } else if (ref.getProtectedElement() != null) {
                            signedElements.add(ref.getProtectedElement());
                        }
                    }
                } else if (action != null && action == WSConstants.ENCR && refs != null) {
                    for (WSDataRef ref : refs) {
                        if (ref.isAttachment()) {
                            encryptedAttachments.add(As4Part.bareContentId(ref.getWsuId()));
                        }
                    }
                }
            }
        }
        List<Element> references = new ArrayList<>();
        for (Element signature : Dom.children(security, Namespaces.DS, "Signature")) {
            Dom.child(signature, Namespaces.DS, "SignedInfo").ifPresent(info -> {
                for (Element reference : Dom.children(info, Namespaces.DS, "Reference")) {
                    references.add((Element) reference.cloneNode(true));
                }
            });
        }
        return new VerifiedSecurity(signer, signedElements, signedAttachments, encryptedAttachments, references, signatures);
    }

    /**
     * WSS4J reports most failures with one generic code; where the failure happened tells
     * whether it was decryption (EBMS:0102) or authentication (EBMS:0101).
     */
    static EbmsException classify(WSSecurityException e, Element security) {
        if (e.getErrorCode() == WSSecurityException.ErrorCode.UNSUPPORTED_ALGORITHM
                || e.getErrorCode() == WSSecurityException.ErrorCode.INVALID_SECURITY && mentionsAlgorithm(e)) {
            return new EbmsException(EbmsErrorCode.POLICY_NONCOMPLIANCE,
                    "an algorithm or key size in the security header is not allowed by this leg's security profile", e);
        }
        if (inDecryption(e)) {
            return new EbmsException(EbmsErrorCode.FAILED_DECRYPTION,
                    "the attachments cannot be decrypted with this gateway's encryption key", e);
        }
        Optional<String> untrusted = TrustFailure.describe(e, security);
        if (untrusted.isPresent()) {
            return new EbmsException(EbmsErrorCode.FAILED_AUTHENTICATION, untrusted.get(), e);
        }
        String detail = switch (e.getErrorCode()) {
            case FAILED_CHECK -> "the signature does not verify: the signed content was changed";
            case FAILED_AUTHENTICATION -> "the signing certificate is not trusted: no valid path to a trust anchor, "
                    + "or it is expired or revoked";
            case SECURITY_TOKEN_UNAVAILABLE -> "the signing certificate cannot be found";
            default -> "the security header cannot be processed";
        };
        return new EbmsException(EbmsErrorCode.FAILED_AUTHENTICATION, detail, e);
    }

    private static boolean mentionsAlgorithm(Throwable e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return message.contains("algorithm") || message.contains("key length") || message.contains("key size");
    }

    private static boolean inDecryption(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                String cls = frame.getClassName();
                if (cls.endsWith("EncryptedKeyProcessor") || cls.endsWith("ReferenceListProcessor")
                        || cls.endsWith("EncryptedDataProcessor") || cls.contains("XMLCipher")) {
                    return true;
                }
                if (cls.endsWith("SignatureProcessor")) {
                    return false;
                }
            }
        }
        return false;
    }
}
