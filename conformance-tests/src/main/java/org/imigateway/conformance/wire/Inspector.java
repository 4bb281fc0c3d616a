package org.imigateway.conformance.wire;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.apache.wss4j.common.crypto.Merlin;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.WSDataRef;
import org.apache.wss4j.dom.engine.WSSConfig;
import org.apache.wss4j.dom.engine.WSSecurityEngine;
import org.apache.wss4j.dom.engine.WSSecurityEngineResult;
import org.apache.wss4j.dom.handler.RequestData;
import org.apache.wss4j.dom.handler.WSHandlerResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Reads a message a target sent to the suite: notes the algorithms its security header names,
 * decrypts the attachments with our key and verifies the signature with the target's signing
 * certificate (WSS4J), then gunzips each payload its part properties say is compressed.
 */
public final class Inspector {

    private static final String XENC = "http://www.w3.org/2001/04/xmlenc#";

    static {
        WssSetup.ensure();
    }

    private final Identity decryption;
    private final X509Certificate targetSigning;
    private final Merlin verification;

    public Inspector(Identity decryption, X509Certificate targetSigning, List<X509Certificate> anchors) {
        this.decryption = decryption;
        this.targetSigning = targetSigning;
        this.verification = TargetTrust.verification(targetSigning, anchors);
    }

    public Inspection inspect(String contentType, byte[] body) throws MimeParts.MalformedMime, IOException {
        MimeParts.Split split = MimeParts.split(contentType, body);
        Document soap;
        try {
            soap = Xml.parse(split.soap());
        } catch (org.xml.sax.SAXException e) {
            throw new IOException("the SOAP part is not acceptable XML: " + e.getMessage(), e);
        }
        String soapText = new String(split.soap(), StandardCharsets.UTF_8);
        Element root = soap.getDocumentElement();
        Optional<Element> messaging = Xml.child(root, Ns.SOAP12, "Header").flatMap(h -> Xml.child(h, Ns.EBMS, "Messaging"));
        if (messaging.isEmpty()) {
            throw new IOException("the message has no eb:Messaging header");
        }
        Element m = messaging.get();
        Optional<String> signatureAlgorithm = Xml.descendants(root, Ns.DS, "SignatureMethod").stream().findFirst()
                .map(e -> e.getAttribute("Algorithm"));
        Set<String> digests = algorithms(root, Ns.DS, "DigestMethod", null);
        Set<String> content = algorithms(root, XENC, "EncryptionMethod", "EncryptedData");
        Set<String> keyTransport = algorithms(root, XENC, "EncryptionMethod", "EncryptedKey");

        List<Part> parts = new ArrayList<>(split.attachments());
        Set<String> signedUris = new HashSet<>();
        boolean[] signed = new boolean[2];
        List<Element> references = new ArrayList<>();
        Optional<String> problem = verify(soap, parts, signedUris, signed, references);

        List<Inspection.ReceivedPayload> payloads = new ArrayList<>();
        for (Element partInfo : Xml.descendants(m, Ns.EBMS, "PartInfo")) {
            payloads.add(payload(partInfo, parts));
        }
        List<Property> properties = new ArrayList<>();
        for (Element holder : Xml.descendants(m, Ns.EBMS, "MessageProperties")) {
            for (Element p : Xml.descendants(holder, Ns.EBMS, "Property")) {
                properties.add(new Property(p.getAttribute("name"), p.getTextContent().trim(),
                        p.hasAttribute("type") ? Optional.of(p.getAttribute("type")) : Optional.empty()));
            }
        }
        return new Inspection(soapText, Xml.text(m, Ns.EBMS, "MessageId"), Xml.text(m, Ns.EBMS, "ConversationId"),
                properties, payloads, signatureAlgorithm, digests, content, keyTransport, problem, signedUris, signed[0],
                signed[1], references);
    }

    private Optional<String> verify(Document soap, List<Part> parts, Set<String> signedUris, boolean[] signed,
            List<Element> references) {
        Element security = Xml.child(soap.getDocumentElement(), Ns.SOAP12, "Header")
                .flatMap(h -> Xml.child(h, Ns.WSSE, "Security")).orElse(null);
        if (security == null) {
            return Optional.of("the message has no wsse:Security header: it is neither signed nor encrypted");
        }
        for (Element reference : Xml.descendants(security, Ns.DS, "Reference")) {
            if (reference.getParentNode() != null && "SignedInfo".equals(reference.getParentNode().getLocalName())) {
                references.add((Element) reference.cloneNode(true));
            }
        }
        RequestData data = new RequestData();
        data.setWssConfig(WSSConfig.getNewInstance());
        data.setSigVerCrypto(verification);
        data.setDecCrypto(decryption.crypto());
        data.setCallbackHandler(decryption.passwords());
        data.setAttachmentCallbackHandler(new AttachmentBridge(parts, decryption.passwords()));
        data.setAllowRSA15KeyTransportAlgorithm(false);
        data.setEnableRevocation(false);
        WSHandlerResult results;
        try {
            results = new WSSecurityEngine().processSecurityHeader(soap, data);
        } catch (WSSecurityException e) {
            return Optional.of("WSS4J could not decrypt or verify the message with our key and the target's"
                    + " certificate: " + e.getMessage());
        }
        X509Certificate signer = null;
        Element messaging = Xml.child(soap.getDocumentElement(), Ns.SOAP12, "Header")
                .flatMap(h -> Xml.child(h, Ns.EBMS, "Messaging")).orElseThrow();
        Element body = Xml.child(soap.getDocumentElement(), Ns.SOAP12, "Body").orElse(null);
        for (WSSecurityEngineResult result : results.getResults()) {
            if (Integer.valueOf(WSConstants.SIGN).equals(result.get(WSSecurityEngineResult.TAG_ACTION))) {
                signer = (X509Certificate) result.get(WSSecurityEngineResult.TAG_X509_CERTIFICATE);
                @SuppressWarnings("unchecked")
                List<WSDataRef> refs = (List<WSDataRef>) result.get(WSSecurityEngineResult.TAG_DATA_REF_URIS);
                for (WSDataRef ref : refs == null ? List.<WSDataRef>of() : refs) {
                    if (ref.isAttachment()) {
                        signedUris.add("cid:" + Part.bare(ref.getWsuId()));
                    }
                    signed[0] |= ref.getProtectedElement() == messaging;
                    signed[1] |= body != null && ref.getProtectedElement() == body;
                }
            }
        }
        if (signer == null) {
            return Optional.of("the message is not signed");
        }
        if (!signer.equals(targetSigning)) {
            return Optional.of("the message is signed by '" + signer.getSubjectX500Principal() + "', not by the target's"
                    + " signing certificate");
        }
        return Optional.empty();
    }

    private static Inspection.ReceivedPayload payload(Element partInfo, List<Part> parts) {
        String href = partInfo.getAttribute("href");
        Map<String, String> properties = new LinkedHashMap<>();
        for (Element p : Xml.descendants(partInfo, Ns.EBMS, "Property")) {
            properties.put(p.getAttribute("name"), p.getTextContent().trim());
        }
        Optional<Part> part = parts.stream().filter(p -> href.startsWith("cid:") && p.contentId().equals(Part.bare(href)))
                .findFirst();
        if (part.isEmpty()) {
            return new Inspection.ReceivedPayload(href, properties, Optional.empty(),
                    Optional.of("no MIME part matches PartInfo href '" + href + "'"));
        }
        if (!Ns.GZIP.equals(properties.get("CompressionType"))) {
            return new Inspection.ReceivedPayload(href, properties, Optional.of(part.get().bytes()), Optional.empty());
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(part.get().bytes()))) {
            return new Inspection.ReceivedPayload(href, properties, Optional.of(in.readAllBytes()), Optional.empty());
        } catch (IOException e) {
            return new Inspection.ReceivedPayload(href, properties, Optional.empty(),
                    Optional.of("part " + href + " says CompressionType application/gzip but does not gunzip: " + e.getMessage()));
        }
    }

    /** The Algorithm attributes of every {@code localName} element, optionally only under a parent of that name. */
    private static Set<String> algorithms(Element root, String ns, String localName, String parentName) {
        Set<String> found = new HashSet<>();
        for (Element e : Xml.descendants(root, ns, localName)) {
            if (parentName == null || parentName.equals(e.getParentNode().getLocalName())) {
                found.add(e.getAttribute("Algorithm"));
            }
        }
        return found;
    }
}
