package org.imigateway.conformance.wire;

/** XML namespaces and fixed URIs of ebMS 3.0, AS4 and the security specifications. */
public final class Ns {

    public static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
    public static final String EBMS = "http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/";
    public static final String EBBP = "http://docs.oasis-open.org/ebxml-bp/ebbp-signals-2.0";
    public static final String DS = "http://www.w3.org/2000/09/xmldsig#";
    public static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    public static final String WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    public static final String XMLNS = "http://www.w3.org/2000/xmlns/";

    public static final String TEST_SERVICE = EBMS + "service";
    public static final String TEST_ACTION = EBMS + "test";
    public static final String INITIATOR_ROLE = EBMS + "initiator";
    public static final String RESPONDER_ROLE = EBMS + "responder";
    public static final String UNREGISTERED_PARTY_TYPE = "urn:oasis:names:tc:ebcore:partyid-type:unregistered";

    /** eDelivery AS4 1.15 algorithms (REFERENCE.md, security profiles). */
    public static final String RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    public static final String RSA_SHA1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
    public static final String SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";
    public static final String SHA1 = "http://www.w3.org/2000/09/xmldsig#sha1";
    public static final String AES128_GCM = "http://www.w3.org/2009/xmlenc11#aes128-gcm";
    public static final String AES128_CBC = "http://www.w3.org/2001/04/xmlenc#aes128-cbc";
    public static final String RSA_OAEP = "http://www.w3.org/2009/xmlenc11#rsa-oaep";
    public static final String MGF1_SHA256 = "http://www.w3.org/2009/xmlenc11#mgf1sha256";
    public static final String C14N_EXCLUSIVE = "http://www.w3.org/2001/10/xml-exc-c14n#";

    /** eDelivery AS4 2.0 algorithms: the EdDSA/X25519 common profile and the ECDSA/ECDH-ES alternative. */
    public static final String ED25519 = "http://www.w3.org/2021/04/xmldsig-more#eddsa-ed25519";
    public static final String ECDSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
    public static final String X25519 = "http://www.w3.org/2021/04/xmldsig-more#x25519";
    public static final String ECDH_ES = "http://www.w3.org/2009/xmlenc11#ECDH-ES";
    public static final String KW_AES128 = "http://www.w3.org/2001/04/xmlenc#kw-aes128";
    public static final String HMAC_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#hmac-sha256";

    public static final String GZIP = "application/gzip";

    private Ns() {
    }
}
