package org.imigateway.connectors;

import static org.imigateway.GatewayParts.partsOf;

import static org.imigateway.connectors.BackendClients.awaitFile;
import static org.imigateway.connectors.BackendClients.drop;
import static org.imigateway.connectors.BackendClients.metadata;
import static org.imigateway.connectors.ConnectorExchangeTest.configure;
import static org.imigateway.connectors.ConnectorExchangeTest.inboundCount;
import static org.imigateway.connectors.ConnectorExchangeTest.leg;
import static org.imigateway.connectors.ConnectorExchangeTest.messageIdOf;
import static org.imigateway.connectors.ConnectorExchangeTest.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.net.ssl.TrustManagerFactory;

import jakarta.activation.DataHandler;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.soap.SOAPBinding;

import org.apache.cxf.configuration.jsse.TLSClientParameters;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.transport.http.HTTPConduit;
import org.imigateway.Gateway;
import org.imigateway.TestNetwork;
import org.imigateway.connectors.fs.FolderInbox;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.connectors.fs.FolderConnector;
import org.imigateway.connectors.ws.BackendFault;
import org.imigateway.connectors.ws.BackendService;
import org.imigateway.connectors.ws.WebServiceConnector;
import org.imigateway.store.MessageStatus;
import org.imigateway.schemas.backend.pull.ErrorDetail;
import org.imigateway.schemas.backend.pull.GetErrors;
import org.imigateway.schemas.backend.pull.GetStatus;
import org.imigateway.schemas.backend.pull.ListPendingMessages;
import org.imigateway.schemas.backend.pull.MarkDownloaded;
import org.imigateway.schemas.backend.pull.Payload;
import org.imigateway.schemas.backend.pull.Property;
import org.imigateway.schemas.backend.pull.RetrieveMessage;
import org.imigateway.schemas.backend.pull.RetrieveMessageResponse;
import org.imigateway.schemas.backend.pull.SubmitMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A backend on the SOAP web service of gw-a, driven by a real CXF JAX-WS client with MTOM over
 * HTTPS and basic authentication, exchanging with gw-b's folder backend. A second web service
 * backend of gw-a (plain HTTP on loopback) serves another authority and must see none of the
 * first one's messages.
 */
class WebServiceExchangeTest {

    static final Duration WAIT = ConnectorExchangeTest.WAIT;
    static final String SMALL = ConnectorExchangeTest.SMALL;

    @TempDir
    static Path dir;
    static TestNetwork network;
    static Gateway gwA;
    static Gateway gwB;

    @BeforeAll
    static void start() throws Exception {
        network = TestNetwork.create(dir.resolve("net"), "gw-a", "gw-b");
        network.addLeg(leg("small", SMALL, "<maxPayloadSize>100</maxPayloadSize>"));
        configure(network, "gw-a", """
                backend.aws.type=ws
                backend.aws.authorities=urn:authority:a-ws
                backend.aws.port=0
                backend.aws.user=aws
                backend.aws.password=aws-secret
                backend.other.type=ws
                backend.other.authorities=urn:authority:a-other
                backend.other.port=0
                backend.other.tls=false
                backend.other.user=other
                backend.other.password=other-secret
                """);
        configure(network, "gw-a", """
                backend.certified.type=ws
                backend.certified.authorities=urn:authority:a-certified
                backend.certified.port=0
                backend.certified.clientCertSubject=%s
                """.formatted(tlsClientCertificate("gw-b").getSubjectX500Principal().getName()));
        configure(network, "gw-b", """
                backend.bfolder.type=folder
                backend.bfolder.authorities=urn:authority:b-folder
                backend.bfolder.pollMillis=100
                """);
        gwA = network.start("gw-a");
        gwB = network.start("gw-b");
    }

    @AfterAll
    static void stop() {
        network.close();
        network = null;
        gwA = null;
        gwB = null;
    }

    static String url(String backend) {
        return ((WebServiceConnector) partsOf(gwA).backends().connector(backend).orElseThrow()).url();
    }

    static Properties settings(String party) throws Exception {
        Properties settings = new Properties();
        try (InputStream in = Files.newInputStream(network.plan().home(party).resolve("config/gateway.properties"))) {
            settings.load(in);
        }
        return settings;
    }

    static KeyStore store(String party, String file, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(network.plan().home(party).resolve(settings(party).getProperty(file)))) {
            store.load(in, settings(party).getProperty(password).toCharArray());
        }
        return store;
    }

    static java.security.cert.X509Certificate tlsClientCertificate(String party) throws Exception {
        return (java.security.cert.X509Certificate) store(party, "keys.store", "keys.password")
                .getCertificate(org.imigateway.certificates.PartyKit.TLS_CLIENT_ALIAS);
    }

    /** A client that shows the party's TLS client certificate and no password. */
    static BackendService certifiedClient(String party) throws Exception {
        KeyStore keys = store(party, "keys.store", "keys.password");
        char[] password = settings(party).getProperty("keys.password").toCharArray();
        String alias = org.imigateway.certificates.PartyKit.TLS_CLIENT_ALIAS;
        KeyStore only = KeyStore.getInstance("PKCS12");
        only.load(null, null);
        only.setKeyEntry(alias, keys.getKey(alias, password), password, keys.getCertificateChain(alias));
        javax.net.ssl.KeyManagerFactory factory = javax.net.ssl.KeyManagerFactory.getInstance(
                javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        factory.init(only, password);
        BackendService service = client("certified", null, null);
        ((HTTPConduit) ClientProxy.getClient(service).getConduit()).getTlsClientParameters()
                .setKeyManagers(factory.getKeyManagers());
        return service;
    }

    /** What a backend application would build: the generated-style proxy with MTOM, over the service's TLS. */
    static BackendService client(String backend, String user, String password) throws Exception {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(BackendService.class);
        factory.setAddress(url(backend));
        factory.setUsername(user);
        factory.setPassword(password);
        BackendService service = (BackendService) factory.create();
        ((SOAPBinding) ((jakarta.xml.ws.BindingProvider) service).getBinding()).setMTOMEnabled(true);
        if (url(backend).startsWith("https:")) {
            Client client = ClientProxy.getClient(service);
            TLSClientParameters tls = new TLSClientParameters();
            tls.setTrustManagers(trustManagers());
            ((HTTPConduit) client.getConduit()).setTlsClientParameters(tls);
        }
        return service;
    }

    static BackendService aws() throws Exception {
        return client("aws", "aws", "aws-secret");
    }

    static BackendService other() throws Exception {
        return client("other", "other", "other-secret");
    }

    /** The network's trust store: the gateways' TLS certificates chain to its CA. */
    static javax.net.ssl.TrustManager[] trustManagers() throws Exception {
        KeyStore trust = store("gw-a", "trust.store", "trust.password");
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        return factory.getTrustManagers();
    }

    static SubmitMessage submission(String submissionId, String toParty, String action,
            String finalRecipient, byte[] payload) {
        SubmitMessage request = new SubmitMessage();
        request.setSubmissionId(submissionId);
        request.setToParty(toParty);
        request.setService(DemoNetwork.SERVICE);
        request.setServiceType(DemoNetwork.SERVICE_TYPE);
        request.setAction(action);
        request.getProperty().add(property("finalRecipient", finalRecipient));
        request.getProperty().add(property("originalSender", "urn:authority:a-ws"));
        Payload part = new Payload();
        part.setMimeType("application/octet-stream");
        part.getProperty().add(property("DocumentType", "Scan"));
        part.setContent(new DataHandler(new jakarta.mail.util.ByteArrayDataSource(payload, part.getMimeType())));
        request.getPayload().add(part);
        return request;
    }

    static Property property(String name, String value) {
        Property property = new Property();
        property.setName(name);
        property.setValue(value);
        return property;
    }

    static <T> T request(T request, java.util.function.Consumer<T> fill) {
        fill.accept(request);
        return request;
    }

    static GetStatus status(String id) {
        return request(new GetStatus(), r -> r.setId(id));
    }

    static RetrieveMessage retrieve(String id) {
        return request(new RetrieveMessage(), r -> r.setMessageId(id));
    }

    static MarkDownloaded mark(String id) {
        return request(new MarkDownloaded(), r -> r.setMessageId(id));
    }

    static List<String> pending(BackendService service) {
        return service.listPendingMessages(new ListPendingMessages()).getMessageId();
    }

    @Test
    void webServiceSubmissionWithMtomReachesTheOtherGatewaysFolderInboxByteIdentical() throws Exception {
        byte[] scan = random(300_000, 11);
        BackendService service = aws();
        String messageId = service.submitMessage(submission("ws-1", "gw-b", DemoNetwork.ACTION,
                "urn:authority:b-folder", scan)).getMessageId();

        FolderConnector inbox = (FolderConnector) partsOf(gwB).backends().connector("bfolder").orElseThrow();
        Path delivered = inbox.inbox().resolve(FolderInbox.folderName(messageId));
        awaitFile(delivered.resolve("metadata.xml"), WAIT);
        assertArrayEquals(scan, Files.readAllBytes(delivered.resolve("payload-1")));
        assertEquals(MessageStatus.ACKNOWLEDGED, gwA.awaitOutcome(messageId, WAIT).status());
        assertEquals("ACKNOWLEDGED", service.getStatus(status("ws-1")).getStatus());
        assertEquals(messageId, service.getStatus(status("ws-1")).getMessageId());
        assertTrue(service.getErrors(request(new GetErrors(), r -> r.setId("ws-1"))).getError().isEmpty());
    }

    @Test
    void aMessageForTheWebServiceBackendIsPendingUntilPulledAndMarkedDownloaded() throws Exception {
        byte[] scan = random(200_000, 12);
        FolderConnector outbox = (FolderConnector) partsOf(gwB).backends().connector("bfolder").orElseThrow();
        drop(outbox.outbox(), "to-ws", metadata("gw-a", DemoNetwork.ACTION, "urn:authority:a-ws", "scan.bin"),
                Map.of("scan.bin", scan));
        String messageId = messageIdOf(partsOf(gwB).backends().port("bfolder").orElseThrow(), "to-ws");
        BackendService service = aws();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!pending(service).contains(messageId)) {
            assertTrue(System.nanoTime() < deadline, "message " + messageId + " never became pending");
            Thread.sleep(100);
        }

        RetrieveMessageResponse message = service.retrieveMessage(retrieve(messageId));
        assertEquals("gw-b", message.getFromParty());
        assertEquals(DemoNetwork.ACTION, message.getAction());
        assertEquals(1, message.getPayload().size());
        assertEquals("application/octet-stream", message.getPayload().get(0).getMimeType());
        try (InputStream in = message.getPayload().get(0).getContent().getInputStream()) {
            assertArrayEquals(scan, in.readAllBytes());
        }
        assertTrue(message.getProperty().stream().anyMatch(p -> p.getName().equals("finalRecipient")
                && p.getValue().equals("urn:authority:a-ws")));

        assertPayloadTravelsAsMtomAttachment(messageId);

        assertTrue(service.markDownloaded(mark(messageId)).isMarked());
        assertFalse(pending(service).contains(messageId));
        assertEquals("DOWNLOADED", service.getStatus(status(messageId)).getStatus());
        assertFalse(service.markDownloaded(mark(messageId)).isMarked(), "a second mark changes nothing");
    }

    /** Seen on the wire: the retrieve answer is multipart/related with the payload as an XOP part, not base64. */
    static void assertPayloadTravelsAsMtomAttachment(String messageId) throws Exception {
        String envelope = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
                + "<retrieveMessage xmlns=\"" + BackendService.NS + "\"><messageId>" + messageId
                + "</messageId></retrieveMessage></s:Body></s:Envelope>";
        java.net.http.HttpResponse<String> answer = http().send(authorized("aws:aws-secret")
                .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "\"retrieveMessage\"")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(envelope)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(200, answer.statusCode(), answer.body());
        String type = answer.headers().firstValue("Content-Type").orElse("");
        assertTrue(type.startsWith("multipart/related") && type.contains("application/xop+xml"), type);
        assertTrue(answer.body().contains("<xop:Include") || answer.body().contains(":Include "), "no XOP include");
    }

    static java.net.http.HttpClient http() throws Exception {
        javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
        tls.init(null, trustManagers(), null);
        return java.net.http.HttpClient.newBuilder().sslContext(tls).build();
    }

    static java.net.http.HttpRequest.Builder authorized(String userAndPassword) {
        String credentials = java.util.Base64.getEncoder().encodeToString(userAndPassword.getBytes());
        return java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("aws")))
                .header("Authorization", "Basic " + credentials);
    }

    @Test
    void aBackendCannotListRetrieveOrMarkTheMessagesOfAnAuthorityItDoesNotServe() throws Exception {
        FolderConnector outbox = (FolderConnector) partsOf(gwB).backends().connector("bfolder").orElseThrow();
        drop(outbox.outbox(), "to-ws-private", metadata("gw-a", DemoNetwork.ACTION, "urn:authority:a-ws", "p.bin"),
                Map.of("p.bin", random(1000, 13)));
        String messageId = messageIdOf(partsOf(gwB).backends().port("bfolder").orElseThrow(), "to-ws-private");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!pending(aws()).contains(messageId)) {
            assertTrue(System.nanoTime() < deadline, "message " + messageId + " never became pending");
            Thread.sleep(100);
        }

        BackendService stranger = other();
        assertFalse(pending(stranger).contains(messageId));
        BackendFault retrieve = assertThrows(BackendFault.class, () -> stranger.retrieveMessage(retrieve(messageId)));
        assertEquals("EBMS:0004", retrieve.getFaultInfo().getErrorCode());
        assertTrue(retrieve.getFaultInfo().getDetail().contains("'" + messageId + "' is not known to backend 'other'"),
                retrieve.getFaultInfo().getDetail());
        assertThrows(BackendFault.class, () -> stranger.markDownloaded(mark(messageId)));
        assertThrows(BackendFault.class, () -> stranger.getStatus(status(messageId)));
        assertTrue(pending(aws()).contains(messageId), "still pending for its own backend");
    }

    @Test
    void theServiceDescribesItselfWithTheWsdlShippedInSchemas() throws Exception {
        java.net.http.HttpResponse<String> published = http().send(authorized("aws:aws-secret")
                .uri(java.net.URI.create(url("aws") + "?wsdl")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, published.statusCode(), published.body());
        Files.writeString(Path.of("target/published-backend-service.wsdl"), published.body());
        String shipped;
        try (InputStream in = WebServiceExchangeTest.class.getResourceAsStream("/wsdl/backend-service.wsdl")) {
            assertTrue(in != null, "schemas has no wsdl/backend-service.wsdl");
            shipped = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        org.xmlunit.diff.Diff diff = org.xmlunit.builder.DiffBuilder.compare(shipped).withTest(published.body())
                .ignoreWhitespace().ignoreComments().checkForSimilar()
                // The address is wherever the service listens.
                .withAttributeFilter(attribute -> !attribute.getLocalName().equals("location"))
                .build();
        assertFalse(diff.hasDifferences(), diff.toString());
    }

    @Test
    void wrongPasswordOrAnotherBackendsCredentialsAreRefused() throws Exception {
        BackendService wrong = client("aws", "aws", "not-the-password");
        assertUnauthorized(assertThrows(WebServiceException.class, () -> pending(wrong)));
        BackendService borrowed = client("aws", "other", "other-secret");
        assertUnauthorized(assertThrows(WebServiceException.class, () -> pending(borrowed)));
        BackendService anonymous = client("aws", null, null);
        assertUnauthorized(assertThrows(WebServiceException.class, () -> pending(anonymous)));
    }

    /** The transport's own error, not a SOAP fault: the caller got 401 before any SOAP was read. */
    static void assertUnauthorized(WebServiceException refused) {
        StringBuilder chain = new StringBuilder();
        for (Throwable t = refused; t != null; t = t.getCause()) {
            chain.append(t).append(" | ");
        }
        assertTrue(chain.toString().contains("401"), chain.toString());
    }

    @Test
    void aBackendOnAClientCertificateIsLetInByItsSubjectOnly() throws Exception {
        assertTrue(pending(certifiedClient("gw-b")).isEmpty(), "the configured certificate is let in");
        assertUnauthorized(assertThrows(WebServiceException.class, () -> pending(certifiedClient("gw-a"))));
        assertUnauthorized(assertThrows(WebServiceException.class,
                () -> pending(client("certified", "aws", "aws-secret"))));
    }

    /** Bad submissions, each with its ebMS code and the words its fault must contain. */
    static final String PARTICIPANT = "iso6523-actorid-upis::0088:5798000000001";
    static final String DOCUMENT_TYPE = "busdox-docid-qns::urn:imi:document:request::1.0";
    static final String PROCESS = "cenbii-procid-ubl::urn:imi:process:request";

    enum Bad {
        MISSING_TO_PARTY("EBMS:0009", "toParty is required"),
        MISSING_PAYLOAD_CONTENT("EBMS:0009", "payload[1].content is missing"),
        UNKNOWN_PARTY("EBMS:0001", "toParty 'gw-x' is not a party"),
        UNKNOWN_ACTION("EBMS:0010", "action 'NoSuchAction'"),
        PAYLOAD_OVER_LIMIT("EBMS:0004", "more than the 100"),
        FOREIGN_SENDER("EBMS:0003", "originalSender 'urn:authority:a-other'"),
        TO_PARTY_AND_PARTICIPANT("EBMS:0009", "toParty and participant are both given"),
        PARTICIPANT_WITHOUT_DOCUMENT_TYPE("EBMS:0009", "documentType is required"),
        // reaches the gateway with its participant, which the leg (not marked dynamic) refuses
        PARTICIPANT_ON_A_STATIC_LEG("EBMS:0010", "not marked dynamic");

        final String code;
        final String words;

        Bad(String code, String words) {
            this.code = code;
            this.words = words;
        }

        /** Refused by the gateway rather than by the web service's own checks, so kept for getErrors. */
        boolean reachesThePort() {
            return this != MISSING_TO_PARTY && this != MISSING_PAYLOAD_CONTENT && this != TO_PARTY_AND_PARTICIPANT
                    && this != PARTICIPANT_WITHOUT_DOCUMENT_TYPE;
        }
    }

    @ParameterizedTest
    @EnumSource(Bad.class)
    void badWebServiceSubmissionGetsASoapFaultNamingTheCauseAndAppearsInGetErrors(Bad bad) throws Exception {
        String id = "ws-bad-" + bad.name().toLowerCase();
        SubmitMessage request = submission(id, "gw-b", DemoNetwork.ACTION, "urn:authority:b-folder",
                random(1000, 14));
        switch (bad) {
            case MISSING_TO_PARTY -> request.setToParty(null);
            case MISSING_PAYLOAD_CONTENT -> request.getPayload().get(0).setContent(null);
            case UNKNOWN_PARTY -> request.setToParty("gw-x");
            case UNKNOWN_ACTION -> request.setAction("NoSuchAction");
            case PAYLOAD_OVER_LIMIT -> request.setAction(SMALL);
            case FOREIGN_SENDER -> request.getProperty().get(1).setValue("urn:authority:a-other");
            case TO_PARTY_AND_PARTICIPANT -> request.setParticipant(PARTICIPANT);
            case PARTICIPANT_WITHOUT_DOCUMENT_TYPE -> {
                request.setToParty(null);
                request.setParticipant(PARTICIPANT);
                request.setProcess(PROCESS);
            }
            case PARTICIPANT_ON_A_STATIC_LEG -> {
                request.setToParty(null);
                request.setParticipant(PARTICIPANT);
                request.setDocumentType(DOCUMENT_TYPE);
                request.setProcess(PROCESS);
            }
        }
        BackendService service = aws();
        BackendFault fault = assertThrows(BackendFault.class, () -> service.submitMessage(request));
        assertEquals(bad.code, fault.getFaultInfo().getErrorCode());
        assertTrue(fault.getFaultInfo().getDetail().contains(bad.words), fault.getFaultInfo().getDetail());
        if (bad.reachesThePort()) {
            List<ErrorDetail> errors = service.getErrors(request(new GetErrors(), r -> r.setId(id))).getError();
            assertEquals(1, errors.size());
            assertEquals(bad.code, errors.get(0).getErrorCode());
            assertTrue(errors.get(0).getDetail().contains(bad.words), errors.get(0).getDetail());
            assertEquals("REFUSED", service.getStatus(status(id)).getStatus());
        }
    }

    @Test
    void theSameSubmissionIdTwiceResultsInOneAs4Message() throws Exception {
        long before = inboundCount(gwB);
        byte[] scan = random(5000, 15);
        BackendService service = aws();
        String first = service.submitMessage(submission("ws-twice", "gw-b", DemoNetwork.ACTION,
                "urn:authority:b-folder", scan)).getMessageId();
        String second = service.submitMessage(submission("ws-twice", "gw-b", DemoNetwork.ACTION,
                "urn:authority:b-folder", scan)).getMessageId();
        assertEquals(first, second);
        assertEquals(MessageStatus.ACKNOWLEDGED, gwA.awaitOutcome(first, WAIT).status());
        Thread.sleep(2000); // time for a second message, were there one
        assertEquals(before + 1, inboundCount(gwB), "one AS4 message from two submissions under one id");
    }
}
