package org.imigateway.testsupport.phase4;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.apache.wss4j.dom.handler.RequestData;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.helger.collection.commons.CommonsArrayList;
import com.helger.collection.commons.ICommonsList;
import com.helger.http.header.HttpHeaderMap;
import com.helger.mime.CMimeType;
import com.helger.phase4.CAS4;
import com.helger.phase4.attachment.IAS4IncomingAttachmentFactory;
import com.helger.phase4.crypto.IAS4CryptoFactory;
import com.helger.phase4.crypto.IAS4DecryptParameterModifier;
import com.helger.phase4.incoming.AS4IncomingMessageMetadata;
import com.helger.phase4.incoming.AS4IncomingProfileSelectorConstant;
import com.helger.phase4.incoming.AS4IncomingReceiverConfiguration;
import com.helger.phase4.incoming.AS4RequestHandler;
import com.helger.phase4.incoming.crypto.AS4IncomingSecurityConfiguration;
import com.helger.phase4.incoming.spi.IAS4IncomingMessageProcessorSPI;
import com.helger.phase4.model.pmode.IPMode;
import com.helger.phase4.model.pmode.PModeParty;
import com.helger.phase4.util.Phase4Exception;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An in-process AS4 receiver: phase4's {@link AS4RequestHandler} behind the JDK HTTP server on a
 * loopback port. It accepts UserMessages from one partner under the {@link Edelivery115Profile}
 * (or an AS4 2.0 profile), refuses unsigned ones with EBMS:0101 and unreadable payloads with
 * EBMS:0303, answers the others with a signed receipt carrying non-repudiation information, and
 * keeps what it accepted for the test to inspect. Pings are receipted, not kept.
 */
public final class Phase4Receiver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Phase4Receiver.class);

    private final Phase4Party self;
    private final Phase4Party partner;
    private final IAS4CryptoFactory cryptoFactory;
    private final boolean checkRevocation;
    private final Edelivery20Profiles.Phase4Profile profile;
    private final String agreement;
    private final Consumer<Phase4Received> onAccepted;
    private final HttpServer server;
    private final ExecutorService workers;
    private final URI endpoint;
    private final List<Phase4Received> received = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();

    private Phase4Receiver(Builder builder) throws IOException {
        Phase4Runtime.ensureStarted();
        this.self = builder.self;
        this.partner = builder.partner;
        this.cryptoFactory = builder.keys.cryptoFactory(builder.revocationLists);
        this.checkRevocation = !builder.revocationLists.isEmpty();
        this.profile = builder.profile;
        this.agreement = builder.agreement;
        this.onAccepted = builder.onAccepted;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), builder.port), 0);
        this.workers = Executors.newFixedThreadPool(2);
        server.setExecutor(workers);
        server.createContext(builder.path, this::exchange);
        server.start();
        this.endpoint = URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":"
                + server.getAddress().getPort() + builder.path);
        LOG.info("phase4 peer receiver for {} listening at {}", self.id(), endpoint);
    }

    public static Builder builder() {
        return new Builder();
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Waits until at least {@code count} messages were accepted; returns all accepted so far. */
    public synchronized List<Phase4Received> awaitMessages(int count, Duration timeout)
            throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("Expected " + count + " UserMessage(s) at " + endpoint + " within "
                        + timeout + ", got " + received.size());
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return List.copyOf(received);
    }

    /** The UserMessages accepted so far, in arrival order. */
    public synchronized List<Phase4Received> received() {
        return List.copyOf(received);
    }

    /** MessageIds of UserMessages refused by this receiver's own checks (unsigned messages). */
    public synchronized List<String> refusedMessageIds() {
        return List.copyOf(refused);
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void accept(Phase4Received message) {
        onAccepted.accept(message);
        synchronized (this) {
            received.add(message);
            notifyAll();
        }
    }

    private synchronized void refuse(String messageId) {
        refused.add(messageId);
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            BufferedResponse response = Phase4Runtime.inRequestScope(() -> handle(exchange));
            response.writeTo(exchange);
        } catch (Exception e) {
            LOG.warn("phase4 peer receiver failed on a request to {}", endpoint, e);
            if (exchange.getResponseCode() == -1) {
                exchange.sendResponseHeaders(500, -1);
            }
        } finally {
            exchange.close();
        }
    }

    private BufferedResponse handle(HttpExchange exchange) throws Exception {
        HttpHeaderMap headers = new HttpHeaderMap();
        exchange.getRequestHeaders().forEach((name, values) -> values.forEach(value -> headers.addHeader(name, value)));
        AS4IncomingMessageMetadata metadata = AS4IncomingMessageMetadata.createForRequest()
                .setRemoteAddr(exchange.getRemoteAddress().getAddress().getHostAddress())
                .setRemotePort(exchange.getRemoteAddress().getPort())
                .setHttpHeaders(headers);
        BufferedResponse response = new BufferedResponse();
        try (AS4RequestHandler handler = new AS4RequestHandler(metadata);
             InputStream body = exchange.getRequestBody()) {
            handler.setCryptoFactory(cryptoFactory)
                    .setPModeResolver(this::pmodeForPartner)
                    .setIncomingProfileSelector(new AS4IncomingProfileSelectorConstant(profile.id(), true))
                    .setIncomingAttachmentFactory(IAS4IncomingAttachmentFactory.DEFAULT_INSTANCE)
                    .setIncomingSecurityConfiguration(securityConfiguration())
                    .setIncomingReceiverConfiguration(new AS4IncomingReceiverConfiguration()
                            .setReceiverEndpointAddress(endpoint.toString()))
                    .setProcessorSupplier(this::processors);
            handler.handleRequest(body, headers, response);
        } catch (Phase4Exception e) {
            // phase4 throws before it has an ebMS message to answer to (no SOAP, bad MIME).
            LOG.info("phase4 peer receiver answered 400: {}", e.getMessage());
            response.setStatus(400);
            response.setMimeType(CMimeType.TEXT_PLAIN);
            response.setContent(String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        }
        return response;
    }

    private AS4IncomingSecurityConfiguration securityConfiguration() {
        AS4IncomingSecurityConfiguration configuration = new AS4IncomingSecurityConfiguration()
                .setSigningParams(profile.signingParams())
                .setCryptParams(profile.cryptParams());
        if (checkRevocation) {
            // phase4 leaves WSS4J's revocation check off unless it is asked for
            configuration.setDecryptParameterModifier(new IAS4DecryptParameterModifier() {
                @Override
                public void modifyRequestData(RequestData data) {
                    data.setEnableRevocation(true);
                }
            });
        }
        return configuration;
    }

    private ICommonsList<IAS4IncomingMessageProcessorSPI> processors() {
        return new CommonsArrayList<>(new RecordingProcessor(this::accept, this::refuse));
    }

    /**
     * The only P-Mode this receiver knows: from the partner to itself. Anything else is left
     * unresolved, and phase4 answers EBMS:0010 naming the parties it could not match.
     */
    private IPMode pmodeForPartner(String pmodeId, String service, String action, String initiatorId,
                                   String responderId, String agreementRef, String address) {
        if (!partner.id().equals(initiatorId) || !self.id().equals(responderId)) {
            return null;
        }
        return profile.pmode(
                new PModeParty(typeOrNull(partner), partner.id(), CAS4.DEFAULT_INITIATOR_URL, null, null),
                new PModeParty(typeOrNull(self), self.id(), CAS4.DEFAULT_RESPONDER_URL, null, null),
                endpoint.toString(), agreement);
    }

    private static String typeOrNull(Phase4Party party) {
        return party.type().isEmpty() ? null : party.type();
    }

    /** Configuration of a receiver; {@link #start()} binds the port and returns the running receiver. */
    public static final class Builder {

        private Phase4Keys keys;
        private Phase4Party self;
        private Phase4Party partner;
        private String path = "/as4";
        private int port;
        private Edelivery20Profiles.Phase4Profile profile = Edelivery20Profiles.Phase4Profile.EDELIVERY_1_15;
        private String agreement = Edelivery115Profile.AGREEMENT;
        private List<X509CRL> revocationLists = List.of();
        private Consumer<Phase4Received> onAccepted = message -> { };

        private Builder() {
        }

        /** Key pair that decrypts payloads and signs receipts, and the trust store for senders. */
        public Builder keys(Phase4Keys value) {
            keys = value;
            return this;
        }

        /** This receiver's own PartyId, the To party of messages it accepts. */
        public Builder self(Phase4Party value) {
            self = value;
            return this;
        }

        /** The one sender (From party) whose messages are accepted. */
        public Builder partner(Phase4Party value) {
            partner = value;
            return this;
        }

        /** The security profile messages must come in with, and receipts go out with; 1.15 unless set. */
        public Builder profile(Edelivery20Profiles.Phase4Profile value) {
            profile = value;
            return this;
        }

        /** The AgreementRef of the one P-Mode this receiver knows; the peer's own unless set. */
        public Builder agreement(String value) {
            agreement = Objects.requireNonNull(value, "agreement");
            return this;
        }

        /**
         * Checks each sender's certificate against this revocation list, as an eDelivery
         * deployment must (phase4 does not by default); no check unless set.
         */
        public Builder revocationList(X509CRL value) {
            revocationLists = List.of(value);
            return this;
        }

        /** Called with each accepted UserMessage before its receipt is answered, like a backend's hand-over. */
        public Builder onAccepted(Consumer<Phase4Received> value) {
            onAccepted = Objects.requireNonNull(value, "onAccepted");
            return this;
        }

        public Builder path(String value) {
            path = value;
            return this;
        }

        /** Port to bind on loopback; 0 (the default) picks a free one. */
        public Builder port(int value) {
            port = value;
            return this;
        }

        public Phase4Receiver start() throws IOException {
            Objects.requireNonNull(keys, "keys");
            Objects.requireNonNull(self, "self");
            Objects.requireNonNull(partner, "partner");
            return new Phase4Receiver(this);
        }
    }
}
