package org.imigateway.schemas;

import java.net.URL;
import java.util.List;
import java.util.Objects;

/**
 * Classpath locations of the XSDs in this module.
 *
 * <p>Every schema names its imports by a relative {@code schemaLocation}, so a validator that
 * only lets a schema reach {@code file:} and {@code jar:} URLs (never the network) can load any
 * of them from its own classpath location.
 */
public final class SchemaResources {

    /** ebMS 3.0 message header ({@code eb:Messaging}); imports SOAP 1.1, SOAP 1.2 and xml.xsd. */
    public static final String EBMS_HEADER = "/xsd/ebms-header-3_0-200704.xsd";
    /** ebBP 2.0.4 business signals ({@code ebbp:NonRepudiationInformation}); imports XML-DSig and XLink. */
    public static final String EBBP_SIGNALS = "/xsd/ebbp-signals-2.0.4.xsd";
    /** SOAP 1.2 envelope. */
    public static final String SOAP12_ENVELOPE = "/xsd/soap12-envelope.xsd";
    /** SOAP 1.1 envelope; needed only because the ebMS header refers to its mustUnderstand. */
    public static final String SOAP11_ENVELOPE = "/xsd/soap11-envelope.xsd";
    /** W3C XML-Signature core. */
    public static final String XMLDSIG = "/xsd/xmldsig-core-schema.xsd";
    /** OASIS WS-Security 1.0 utility ({@code wsu:Id}, {@code wsu:Timestamp}). */
    public static final String WSU = "/xsd/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    /** OASIS WS-Security 1.0 SOAP message security ({@code wsse:Security}). */
    public static final String WSSE = "/xsd/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    /** The {@code xml:} namespace ({@code xml:lang}). */
    public static final String XML = "/xsd/xml.xsd";
    /** The attributes of the XLink namespace that ebBP refers to. */
    public static final String XLINK = "/xsd/xlink.xsd";
    /** IMI Gateway processing modes. */
    public static final String PMODE = "/xsd/pmode.xsd";

    /** IMI business documents: authority and case references, texts, codes, the hub's refusal. */
    public static final String IMI_COMMON = "/xsd/imi/common.xsd";
    /** IMI requests: submit, accept, counter-propose, forward, further information, answer, close. */
    public static final String IMI_REQUEST = "/xsd/imi/request.xsd";
    /** IMI alerts and notifications. */
    public static final String IMI_ALERT = "/xsd/imi/alert.xsd";
    /** IMI repository entries, queries and results. */
    public static final String IMI_REPOSITORY = "/xsd/imi/repository.xsd";
    /** IMI directory: the data file, search, registration and decisions. */
    public static final String IMI_DIRECTORY = "/xsd/imi/directory.xsd";
    /** IMI public submissions: declarations, complaints, professional card applications from outsiders. */
    public static final String IMI_PUBLIC = "/xsd/imi/public.xsd";
    /** IMI procedures as data ({@code config/procedures/*.xml}). */
    public static final String IMI_PROCEDURE = "/xsd/imi/procedure.xsd";

    /** All of the above. */
    public static final List<String> ALL = List.of(
            EBMS_HEADER, EBBP_SIGNALS, SOAP12_ENVELOPE, SOAP11_ENVELOPE, XMLDSIG, WSU, WSSE, XML, XLINK, PMODE,
            IMI_COMMON, IMI_REQUEST, IMI_ALERT, IMI_REPOSITORY, IMI_DIRECTORY, IMI_PUBLIC, IMI_PROCEDURE);

    private SchemaResources() {
    }

    /**
     * The URL of one of the locations above, from this module's classpath.
     *
     * @throws IllegalArgumentException when nothing is there
     */
    public static URL url(String location) {
        Objects.requireNonNull(location, "location");
        URL url = SchemaResources.class.getResource(location);
        if (url == null) {
            throw new IllegalArgumentException("No schema on the classpath at " + location);
        }
        return url;
    }
}
