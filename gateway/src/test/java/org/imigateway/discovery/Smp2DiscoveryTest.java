package org.imigateway.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import org.imigateway.discovery.DiscoveryException.Cause;
import org.imigateway.xml.SecureXml;
import org.xml.sax.SAXException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OASIS SMP 2.0 answers ({@code discovery.smp.version=2.0}, path {@code bdxr-smp-2/}) from the real
 * loopback SMP, signed like 1.0 ones: the endpoint, its dates as calendar days, the certificate
 * check, and an SMP 2.0 document read by its namespace where 1.0 was asked.
 */
class Smp2DiscoveryTest extends DiscoveryFixture {

    static final URI B_AS4_V2 = URI.create("http://127.0.0.1:9/as4-published-by-smp2");

    @BeforeEach
    void smp2() throws Exception {
        smp.publish2(B, DOC, PROC, SmpVersion.V2, LoopbackSmp.Published.as4(B_AS4_V2, apB.certificate()));
        discovery = discovery(Duration.ofSeconds(2), SmpVersion.V2);
    }

    /** The loopback SMP's 2.0 answers are valid against the OASIS schema, signature included: the reader is tested on real 2.0. */
    @Test
    void theLoopbackSmpServesSchemaValidSmp2Documents() throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file,jar");
        // the namespaces SMP 2.0 imports without a location come first (as the build's catalog maps them)
        Schema schema = factory.newSchema(new Source[] {
            new StreamSource(getClass().getResource("/xsd/xmldsig-core-schema.xsd").toString()),
            new StreamSource(getClass().getResource("/xsd/smp2/common/CCTS_CCT_SchemaModule.xsd").toString()),
            new StreamSource(getClass().getResource("/xsd/smp2/ServiceMetadata-2.0.xsd").toString())});
        byte[] served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(smp.metadataUrl(SmpVersion.V2, B, DOC)).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        schema.newValidator().validate(new DOMSource(SecureXml.parse(new ByteArrayInputStream(served))));
        // and the check can fail: without its mandatory SMPVersionID the document is not SMP 2.0
        String broken = new String(served, StandardCharsets.UTF_8).replaceAll("<smb:SMPVersionID>2.0</smb:SMPVersionID>", "");
        assertThrows(SAXException.class, () -> schema.newValidator().validate(new DOMSource(SecureXml.parse(broken))));
    }

    private DiscoveryException refused() {
        return assertThrows(DiscoveryException.class, () -> discovery.endpoint(B, DOC, PROC));
    }

    @Test
    void signedSmp2AnswerGivesEndpointAddressAndCertificate() throws Exception {
        Endpoint e = discovery.endpoint(B, DOC, PROC);
        assertEquals(B_AS4_V2, e.address());
        assertEquals(apB.certificate(), e.certificate());
        assertEquals(LoopbackSmp.AS4_PROFILE, e.transportProfile());
    }

    @Test
    void smp2DocumentWhereSmp1IsAskedIsReadByItsNamespace() throws Exception {
        URI other = URI.create("http://127.0.0.1:9/as4-smp2-on-the-1.0-path");
        smp.publish2(B, DOC, PROC, SmpVersion.V1, LoopbackSmp.Published.as4(other, apB.certificate()));
        assertEquals(other, discovery(Duration.ofSeconds(2), SmpVersion.V1).endpoint(B, DOC, PROC).address());
    }

    @Test
    void smp2AnswerChangedAfterSigningIsRefused() {
        smp.fault(LoopbackSmp.Fault.TAMPERED);
        DiscoveryException e = refused();
        assertEquals(Cause.BAD_SIGNATURE, e.cause());
        assertTrue(e.getMessage().contains("does not verify"), e.getMessage());
    }

    @Test
    void smp2AnswerWithoutSignatureIsRefused() {
        smp.fault(LoopbackSmp.Fault.UNSIGNED);
        assertEquals(Cause.BAD_SIGNATURE, refused().cause());
    }

    @Test
    void smp2EndpointPastItsExpirationDayIsRefused() throws Exception {
        smp.publish2(B, DOC, PROC, SmpVersion.V2, new LoopbackSmp.Published(LoopbackSmp.AS4_PROFILE, B_AS4_V2,
                apB.certificate(), Optional.of(now.get().minus(30, ChronoUnit.DAYS)),
                Optional.of(now.get().minus(2, ChronoUnit.DAYS))));
        DiscoveryException e = refused();
        assertEquals(Cause.ENDPOINT_NOT_ACTIVE, e.cause());
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
    }

    @Test
    void smp2EndpointIsActiveThroughTheWholeOfItsExpirationDay() throws Exception {
        smp.publish2(B, DOC, PROC, SmpVersion.V2, new LoopbackSmp.Published(LoopbackSmp.AS4_PROFILE, B_AS4_V2,
                apB.certificate(), Optional.empty(), Optional.of(now.get())));
        now.set(now.get().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(23)));
        assertEquals(B_AS4_V2, discovery.endpoint(B, DOC, PROC).address());
    }

    @Test
    void smp2EndpointNotActiveYetIsRefused() throws Exception {
        smp.publish2(B, DOC, PROC, SmpVersion.V2, new LoopbackSmp.Published(LoopbackSmp.AS4_PROFILE, B_AS4_V2,
                apB.certificate(), Optional.of(now.get().plus(2, ChronoUnit.DAYS)), Optional.empty()));
        DiscoveryException e = refused();
        assertEquals(Cause.ENDPOINT_NOT_ACTIVE, e.cause());
        assertTrue(e.getMessage().contains("active only from"), e.getMessage());
    }

    @Test
    void smp2CertificateNotChainingToTheApAnchorIsRefused() throws Exception {
        smp.publish2(B, DOC, PROC, SmpVersion.V2,
                LoopbackSmp.Published.as4(B_AS4_V2, strangerCa.issueSigning("gateway-x").certificate()));
        DiscoveryException e = refused();
        assertEquals(Cause.UNTRUSTED_CERTIFICATE, e.cause());
        assertEquals("EBMS:0010", e.cause().outcome());
    }

    @Test
    void smp2WithoutOurTransportProfileIsNoEndpoint() throws Exception {
        smp.publish2(B, DOC, PROC, SmpVersion.V2, new LoopbackSmp.Published("peppol-transport-as4-v2_0", B_AS4_V2,
                apB.certificate(), Optional.empty(), Optional.empty()));
        DiscoveryException e = refused();
        assertEquals(Cause.NO_ENDPOINT, e.cause());
        assertTrue(e.getMessage().contains("peppol-transport-as4-v2_0"), e.getMessage());
    }
}
