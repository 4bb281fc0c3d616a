package org.imigateway.as4;

/** XML namespaces and fixed URIs of ebMS 3.0 / AS4 and the security specifications. */
public final class Namespaces {

    public static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
    public static final String EBMS = "http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/";
    public static final String EBBP = "http://docs.oasis-open.org/ebxml-bp/ebbp-signals-2.0";
    public static final String DS = "http://www.w3.org/2000/09/xmldsig#";
    public static final String XENC = "http://www.w3.org/2001/04/xmlenc#";
    public static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    public static final String WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";

    public static final String DEFAULT_MPC = EBMS + "defaultMPC";
    public static final String DEFAULT_INITIATOR_ROLE = EBMS + "initiator";
    public static final String DEFAULT_RESPONDER_ROLE = EBMS + "responder";
    /** The test service and action: a "ping" that is receipted and never delivered. */
    public static final String TEST_SERVICE = EBMS + "service";
    public static final String TEST_ACTION = EBMS + "test";
    public static final String UNREGISTERED_PARTY_TYPE = "urn:oasis:names:tc:ebcore:partyid-type:unregistered";

    public static final String PROPERTY_ORIGINAL_SENDER = "originalSender";
    public static final String PROPERTY_FINAL_RECIPIENT = "finalRecipient";
    public static final String PART_PROPERTY_MIME_TYPE = "MimeType";
    public static final String PART_PROPERTY_CHARACTER_SET = "CharacterSet";
    public static final String PART_PROPERTY_COMPRESSION_TYPE = "CompressionType";
    public static final String GZIP_MIME_TYPE = "application/gzip";

    public static final String SOAP12_CONTENT_TYPE = "application/soap+xml";

    private Namespaces() {
    }
}
