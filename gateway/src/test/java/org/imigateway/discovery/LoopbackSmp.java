package org.imigateway.discovery;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.xml.security.Init;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.imigateway.xml.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A real HTTP SMP on a loopback port (Jetty) serving OASIS SMP 1.0 and 2.0 documents and
 * redirects, signed by the test's SMP key the way an SMP signs them (enveloped, whole document),
 * or as a test tells it to serve them wrongly: unsigned, tampered after signing, slow, or not at all.
 */
public final class LoopbackSmp implements AutoCloseable {

    public static final String AS4_PROFILE = "bdxr-transport-ebms3-as4-v1p0";

    enum Fault { NONE, UNSIGNED, TAMPERED, SLOW, SERVER_ERROR }

    static {
        Init.init();
    }

    private final Server server;
    private final PrivateKey smpKey;
    private final X509Certificate smpCertificate;
    private final Map<String, byte[]> documents = new ConcurrentHashMap<>();
    private volatile Fault fault = Fault.NONE;

    public LoopbackSmp(PrivateKey smpKey, X509Certificate smpCertificate) throws Exception {
        this.smpKey = smpKey;
        this.smpCertificate = smpCertificate;
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                return serve(request, response, callback);
            }
        });
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/smp/");
    }

    void fault(Fault f) {
        fault = f;
    }

    void clear() {
        documents.clear();
        fault = Fault.NONE;
    }

    /** One endpoint of one process for a participant and document type. */
    public record Published(String transportProfile, URI address, X509Certificate certificate, Optional<Instant> activation,
            Optional<Instant> expiration) {
        public static Published as4(URI address, X509Certificate certificate) {
            return new Published(AS4_PROFILE, address, certificate, Optional.empty(), Optional.empty());
        }
    }

    /** An OASIS SMP 1.0 SignedServiceMetadata at the 1.0 path. */
    public void publish(ParticipantId participant, Endpoint.DocumentType documentType, Endpoint.Process process, Published... endpoints)
            throws Exception {
        StringBuilder xml = new StringBuilder();
        xml.append("<ServiceInformation>")
                .append("<ParticipantIdentifier scheme=\"").append(participant.scheme()).append("\">")
                .append(participant.value()).append("</ParticipantIdentifier>")
                .append("<DocumentIdentifier scheme=\"").append(documentType.scheme()).append("\">")
                .append(documentType.value()).append("</DocumentIdentifier>")
                .append("<ProcessList><Process><ProcessIdentifier scheme=\"").append(process.scheme()).append("\">")
                .append(process.value()).append("</ProcessIdentifier><ServiceEndpointList>");
        for (Published e : endpoints) {
            xml.append("<Endpoint transportProfile=\"").append(e.transportProfile()).append("\">")
                    .append("<EndpointURI>").append(e.address()).append("</EndpointURI>");
            e.activation().ifPresent(a -> xml.append("<ServiceActivationDate>").append(a).append("</ServiceActivationDate>"));
            e.expiration().ifPresent(a -> xml.append("<ServiceExpirationDate>").append(a).append("</ServiceExpirationDate>"));
            xml.append("<Certificate>").append(base64(e.certificate())).append("</Certificate><ServiceDescription>test AP</ServiceDescription>")
                    .append("<TechnicalContactUrl>mailto:ops@imi.test</TechnicalContactUrl></Endpoint>");
        }
        xml.append("</ServiceEndpointList></Process></ProcessList></ServiceInformation>");
        put(SmpVersion.V1, participant, documentType, smp1(xml));
    }

    /** An SMP 1.0 Redirect to {@code target}, whose signer's subject is {@code certificateUid}. */
    public void redirect1(ParticipantId participant, Endpoint.DocumentType documentType, URI target, String certificateUid)
            throws Exception {
        put(SmpVersion.V1, participant, documentType, smp1(new StringBuilder("<Redirect href=\"").append(target)
                .append("\"><CertificateUID>").append(certificateUid).append("</CertificateUID></Redirect>")));
    }

    /**
     * An OASIS SMP 2.0 ServiceMetadata at the 2.0 path ({@code bdxr-smp-2/}), or, with
     * {@code at}, at another version's path (an SMP answering 2.0 where 1.0 is asked).
     */
    public void publish2(ParticipantId participant, Endpoint.DocumentType documentType, Endpoint.Process process,
            SmpVersion at, Published... endpoints) throws Exception {
        StringBuilder xml = new StringBuilder("<sma:Endpoint>");
        for (Published e : endpoints) {
            if (xml.length() > "<sma:Endpoint>".length()) {
                xml.append("</sma:Endpoint><sma:Endpoint>");
            }
            xml.append("<smb:TransportProfileID>").append(e.transportProfile()).append("</smb:TransportProfileID>")
                    .append("<smb:AddressURI>").append(e.address()).append("</smb:AddressURI>");
            e.activation().ifPresent(a -> xml.append("<smb:ActivationDate>").append(day(a)).append("</smb:ActivationDate>"));
            e.expiration().ifPresent(a -> xml.append("<smb:ExpirationDate>").append(day(a)).append("</smb:ExpirationDate>"));
            xml.append("<sma:Certificate><smb:TypeCode>signing</smb:TypeCode>")
                    .append("<smb:ContentBinaryObject mimeCode=\"application/base64\">").append(base64(e.certificate()))
                    .append("</smb:ContentBinaryObject></sma:Certificate>");
        }
        xml.append("</sma:Endpoint>");
        put(at, participant, documentType, smp2(participant, documentType, process, xml.toString()));
    }

    /** An SMP 2.0 Redirect of {@code process} to {@code target}, naming the target's signing certificate. */
    public void redirect2(ParticipantId participant, Endpoint.DocumentType documentType, Endpoint.Process process, URI target,
            X509Certificate targetSigner) throws Exception {
        put(SmpVersion.V2, participant, documentType, smp2(participant, documentType, process, "<sma:Redirect><smb:PublisherURI>"
                + target + "</smb:PublisherURI><sma:Certificate><smb:ContentBinaryObject mimeCode=\"application/base64\">"
                + base64(targetSigner) + "</smb:ContentBinaryObject></sma:Certificate></sma:Redirect>"));
    }

    /** Where an SMP of {@code version} serves a participant's metadata for a document type. */
    public URI metadataUrl(SmpVersion version, ParticipantId participant, Endpoint.DocumentType documentType) {
        return version.metadataUrl(url(), participant, documentType);
    }

    private static String smp1(StringBuilder serviceMetadataContent) {
        return "<SignedServiceMetadata xmlns=\"http://docs.oasis-open.org/bdxr/ns/SMP/2016/05\"><ServiceMetadata>"
                + serviceMetadataContent + "</ServiceMetadata></SignedServiceMetadata>";
    }

    private static String smp2(ParticipantId participant, Endpoint.DocumentType documentType, Endpoint.Process process,
            String endpointsOrRedirect) {
        return "<ServiceMetadata xmlns=\"http://docs.oasis-open.org/bdxr/ns/SMP/2/ServiceMetadata\""
                + " xmlns:sma=\"http://docs.oasis-open.org/bdxr/ns/SMP/2/AggregateComponents\""
                + " xmlns:smb=\"http://docs.oasis-open.org/bdxr/ns/SMP/2/BasicComponents\">"
                + "<smb:SMPVersionID>2.0</smb:SMPVersionID>"
                + "<smb:ID schemeID=\"" + documentType.scheme() + "\">" + documentType.value() + "</smb:ID>"
                + "<smb:ParticipantID schemeID=\"" + participant.scheme() + "\">" + participant.value() + "</smb:ParticipantID>"
                + "<sma:ProcessMetadata><sma:Process><smb:ID schemeID=\"" + process.scheme() + "\">" + process.value()
                + "</smb:ID></sma:Process>" + endpointsOrRedirect + "</sma:ProcessMetadata></ServiceMetadata>";
    }

    private void put(SmpVersion version, ParticipantId participant, Endpoint.DocumentType documentType, String xml)
            throws Exception {
        documents.put(metadataUrl(version, participant, documentType).getRawPath(), sign(SecureXml.parse(xml)));
    }

    private static String base64(X509Certificate certificate) throws Exception {
        return Base64.getEncoder().encodeToString(certificate.getEncoded());
    }

    private static String day(Instant instant) {
        return instant.atZone(java.time.ZoneOffset.UTC).toLocalDate().toString();
    }

    private byte[] sign(Document doc) throws Exception {
        Element root = doc.getDocumentElement();
        XMLSignature signature = new XMLSignature(doc, "", XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256);
        root.appendChild(signature.getElement());
        Transforms transforms = new Transforms(doc);
        transforms.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
        transforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
        signature.addDocument("", transforms, "http://www.w3.org/2001/04/xmlenc#sha256");
        signature.addKeyInfo(smpCertificate);
        signature.sign(smpKey);
        return SecureXml.toBytes(doc);
    }

    private boolean serve(Request request, Response response, Callback callback) throws Exception {
        Fault f = fault;
        if (f == Fault.SERVER_ERROR) {
            response.setStatus(503);
            callback.succeeded();
            return true;
        }
        if (f == Fault.SLOW) {
            Thread.sleep(Duration.ofSeconds(3).toMillis());
        }
        byte[] body = documents.get(request.getHttpURI().getPath().isEmpty() ? "" : request.getHttpURI().getPath());
        if (body == null) {
            body = documents.get(request.getHttpURI().getCanonicalPath());
        }
        if (body == null) {
            response.setStatus(404);
            callback.succeeded();
            return true;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (f == Fault.UNSIGNED) {
            text = text.replaceAll("(?s)<(ds:)?Signature .*</(ds:)?Signature>", "");
        } else if (f == Fault.TAMPERED) {
            text = text.replace("<EndpointURI>http://", "<EndpointURI>http://evil.")
                    .replace("<smb:AddressURI>http://", "<smb:AddressURI>http://evil.");
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/xml");
        response.write(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
