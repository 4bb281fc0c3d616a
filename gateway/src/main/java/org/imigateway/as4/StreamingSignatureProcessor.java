package org.imigateway.as4;

import java.security.NoSuchProviderException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import javax.xml.crypto.Data;
import javax.xml.crypto.NodeSetData;
import javax.xml.crypto.URIDereferencer;
import javax.xml.crypto.URIReference;
import javax.xml.crypto.URIReferenceException;
import javax.xml.crypto.XMLCryptoContext;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;

import org.apache.wss4j.common.bsp.BSPEnforcer;
import org.apache.wss4j.common.bsp.BSPRule;
import org.apache.wss4j.common.crypto.AlgorithmSuiteValidator;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.WSDataRef;
import org.apache.wss4j.dom.WSDocInfo;
import org.apache.wss4j.dom.engine.WSSecurityEngineResult;
import org.apache.wss4j.dom.handler.RequestData;
import org.apache.wss4j.dom.processor.Processor;
import org.apache.wss4j.dom.transform.AttachmentContentSignatureTransform;
import org.apache.wss4j.dom.transform.STRTransform;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import org.imigateway.pmode.SecurityProfile;
/**
 * Verifies a ds:Signature in place of WSS4J's SignatureProcessor, with one difference: the
 * bytes digested for an attachment reference are not kept in memory.
 * <p>
 * WSS4J 4.0.1 turns on {@code javax.xml.crypto.dsig.cacheReference} for the whole signature,
 * because it reads back each reference's dereferenced node-set to learn which element was
 * signed. Santuario then also keeps every digested byte of every reference, a 2 GiB attachment
 * included, in one growing array (WSS-727). Here the property is set per reference, just before
 * Santuario reads it: on for same-document references (so the signed element is the one
 * Santuario dereferenced, exactly as in WSS4J), off for {@code cid:} attachment references,
 * which are digested as a stream. The rest is WSS4J's own machinery: its SecurityTokenReference
 * parser and trust validator ({@link SigningCredential}), its algorithm-suite check, its
 * element registration against signature wrapping, its attachment transforms and callbacks,
 * and Santuario's secure validation.
 */
final class StreamingSignatureProcessor implements Processor {

    static final String CACHE_REFERENCE = "javax.xml.crypto.dsig.cacheReference";
    private static final String SWA_NS = "http://docs.oasis-open.org/wss/oasis-wss-SwAProfile-1.1";
    private static final Set<String> ATTACHMENT_TRANSFORMS = Set.of(AlgorithmPolicy.SWA_CONTENT_TRANSFORM,
            AlgorithmPolicy.SWA_COMPLETE_TRANSFORM);
    private static final Set<String> LAST_TRANSFORMS = Set.of(SecurityProfile.C14N_EXCLUSIVE, AlgorithmPolicy.STR_TRANSFORM,
            AlgorithmPolicy.SWA_CONTENT_TRANSFORM, AlgorithmPolicy.SWA_COMPLETE_TRANSFORM);

    // Santuario's provider, as in WSS4J: its attachment transforms and resolvers are registered there
    private final XMLSignatureFactory factory;

    StreamingSignatureProcessor() {
        try {
            factory = XMLSignatureFactory.getInstance("DOM", "ApacheXMLDSig");
        } catch (NoSuchProviderException e) {
            throw new IllegalStateException("Santuario's ApacheXMLDSig provider is not installed", e);
        }
    }

    @Override
    public List<WSSecurityEngineResult> handleToken(Element signature, RequestData data) throws WSSecurityException {
        SigningCredential signer = SigningCredential.of(signature, data);
        XMLSignature verified = verify(signature, signer, data);
        SignedInfo signedInfo = verified.getSignedInfo();
        List<WSDataRef> protectedRefs = protectedRefs(signature.getOwnerDocument(), signedInfo);
        if (protectedRefs.isEmpty()) {
            throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_CHECK);
        }
        WSSecurityEngineResult result = new WSSecurityEngineResult(WSConstants.SIGN, signer.principal(),
                signer.chain(), protectedRefs, verified.getSignatureValue().getValue());
        result.put(WSSecurityEngineResult.TAG_SIGNATURE_METHOD, signedInfo.getSignatureMethod().getAlgorithm());
        result.put(WSSecurityEngineResult.TAG_CANONICALIZATION_METHOD, signedInfo.getCanonicalizationMethod().getAlgorithm());
        String id = signature.getAttributeNS(null, "Id");
        if (!id.isEmpty()) {
            result.put(WSSecurityEngineResult.TAG_ID, id);
        }
        result.put(WSSecurityEngineResult.TAG_PUBLIC_KEY, signer.chain()[0].getPublicKey());
        result.put(WSSecurityEngineResult.TAG_X509_REFERENCE_TYPE, signer.referenceType());
        result.put(WSSecurityEngineResult.TAG_TOKEN_ELEMENT, signature);
        result.put(WSSecurityEngineResult.TAG_VALIDATED_TOKEN, Boolean.TRUE);
        if (signer.validated() != null) {
            result.put(WSSecurityEngineResult.TAG_SUBJECT, signer.validated().getSubject());
        }
        data.getWsDocInfo().addResult(result);
        data.getWsDocInfo().addTokenElement(signature);
        return List.of(result);
    }

    private XMLSignature verify(Element signature, SigningCredential signer, RequestData data) throws WSSecurityException {
        DOMValidateContext context = new DOMValidateContext(signer.chain()[0].getPublicKey(), signature);
        context.setProperty("org.apache.jcp.xml.dsig.secureValidation", Boolean.TRUE);
        context.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
        context.setProperty(STRTransform.TRANSFORM_WS_DOC_INFO, data.getWsDocInfo());
        context.setProperty(AttachmentContentSignatureTransform.ATTACHMENT_CALLBACKHANDLER,
                data.getAttachmentCallbackHandler());
        context.setURIDereferencer(new CacheXmlReferencesOnly(factory.getURIDereferencer()));
        try {
            XMLSignature xmlSignature = factory.unmarshalXMLSignature(context);
            if (!xmlSignature.getObjects().isEmpty()) {
                // BSP R5403 forbids ds:Object (and so ds:Manifest); AS4 signatures carry none
                throw new WSSecurityException(WSSecurityException.ErrorCode.INVALID_SECURITY);
            }
            if (data.getAlgorithmSuite() == null) {
                throw new WSSecurityException(WSSecurityException.ErrorCode.UNSUPPORTED_ALGORITHM);
            }
            new AlgorithmSuiteValidator(data.getAlgorithmSuite()).checkSignatureAlgorithms(xmlSignature);
            checkTransforms(xmlSignature.getSignedInfo(), data.getBSPEnforcer());
            registerReferencedElements(xmlSignature.getSignedInfo(), context, data.getWsDocInfo());
            if (xmlSignature.validate(context)) {
                return xmlSignature;
            }
        } catch (WSSecurityException e) {
            throw e;
        } catch (Exception e) {
            throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_CHECK, e);
        }
        throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_CHECK);
    }

    /**
     * The reference rules WSS4J's processor applies (Basic Security Profile R5416: transforms
     * present; R5412: the last one canonicalises or is an STR or SwA transform), and one of the
     * SwA profile: a {@code cid:} reference ends in an attachment transform. Without one the
     * digest would cover no attachment bytes at all (WSS4J's attachment resolver yields none),
     * yet the attachment would be reported as signed.
     */
    private static void checkTransforms(SignedInfo signedInfo, BSPEnforcer bsp) throws WSSecurityException {
        for (Object item : signedInfo.getReferences()) {
            Reference reference = (Reference) item;
            List<?> transforms = reference.getTransforms();
            if (transforms.isEmpty()) {
                bsp.handleBSPRule(BSPRule.R5416);
            }
            String last = transforms.isEmpty() ? "" : ((Transform) transforms.get(transforms.size() - 1)).getAlgorithm();
            if (!transforms.isEmpty() && !LAST_TRANSFORMS.contains(last)) {
                bsp.handleBSPRule(BSPRule.R5412);
            }
            if (isAttachment(reference.getURI()) && !ATTACHMENT_TRANSFORMS.contains(last)) {
                throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_CHECK);
            }
        }
    }

    /**
     * WSS4J's defence against signature wrapping: each same-document reference is resolved to
     * the one element carrying that Id (two are refused), and registered as the element the
     * URI means; anything else (tokens, attachments) is put on the context by WSS4J.
     */
    private static void registerReferencedElements(SignedInfo signedInfo, DOMValidateContext context, WSDocInfo docInfo)
            throws WSSecurityException {
        for (Object item : signedInfo.getReferences()) {
            String uri = ((Reference) item).getURI();
            Element element = docInfo.getCallbackLookup().getAndRegisterElement(uri, null, true, context);
            if (element == null) {
                docInfo.setTokenOnContext(uri, context);
            }
        }
    }

    /** What the signature protects, in WSS4J's terms, for the coverage check and the receipt. */
    private static List<WSDataRef> protectedRefs(Document document, SignedInfo signedInfo) throws WSSecurityException {
        List<WSDataRef> refs = new ArrayList<>();
        for (Object item : signedInfo.getReferences()) {
            Reference reference = (Reference) item;
            String uri = reference.getURI();
            if (uri == null || uri.isEmpty()) {
                continue;
            }
            boolean attachment = isAttachment(uri);
            Element protectedElement = attachment ? document.createElementNS(SWA_NS, "attachment")
                    : firstElement(reference.getDereferencedData());
            WSDataRef ref = new WSDataRef();
            ref.setWsuId(uri);
            ref.setProtectedElement(protectedElement);
            ref.setAttachment(attachment);
            ref.setAlgorithm(signedInfo.getSignatureMethod().getAlgorithm());
            ref.setDigestAlgorithm(reference.getDigestMethod().getAlgorithm());
            ref.setDigestValue(reference.getDigestValue());
            List<String> transforms = new ArrayList<>();
            for (Object transform : reference.getTransforms()) {
                transforms.add(((Transform) transform).getAlgorithm());
            }
            ref.setTransformAlgorithms(transforms);
            refs.add(ref);
        }
        return refs;
    }

    private static Element firstElement(Data dereferenced) throws WSSecurityException {
        if (dereferenced instanceof NodeSetData<?> nodes) {
            for (Iterator<?> it = nodes.iterator(); it.hasNext(); ) {
                if (it.next() instanceof Element element) {
                    return element;
                }
            }
        }
        throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_CHECK);
    }

    static boolean isAttachment(String uri) {
        return uri != null && uri.startsWith("cid:");
    }

    /**
     * Santuario reads {@link #CACHE_REFERENCE} once per reference, right after dereferencing it:
     * setting it here decides, reference by reference, whether the digested bytes are kept.
     */
    private record CacheXmlReferencesOnly(URIDereferencer standard) implements URIDereferencer {
        @Override
        public Data dereference(URIReference reference, XMLCryptoContext context) throws URIReferenceException {
            context.setProperty(CACHE_REFERENCE, !isAttachment(reference.getURI()));
            return standard.dereference(reference, context);
        }
    }
}
