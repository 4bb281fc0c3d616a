package org.imigateway.conformance.phase4;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509CRL;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.wss4j.dom.handler.RequestData;
import org.imigateway.testsupport.phase4.BufferedResponse;
import org.imigateway.testsupport.phase4.Edelivery115Profile;
import org.imigateway.testsupport.phase4.Phase4Keys;
import org.imigateway.testsupport.phase4.Phase4Runtime;

import com.helger.collection.commons.CommonsArrayList;
import com.helger.collection.commons.ICommonsList;
import com.helger.http.header.HttpHeaderMap;
import com.helger.mime.CMimeType;
import com.helger.phase4.CAS4;
import com.helger.phase4.attachment.IAS4IncomingAttachmentFactory;
import com.helger.phase4.attachment.WSS4JAttachment;
import com.helger.phase4.crypto.AS4CryptoFactoryInMemoryKeyStore;
import com.helger.phase4.crypto.IAS4DecryptParameterModifier;
import com.helger.phase4.ebms3header.Ebms3SignalMessage;
import com.helger.phase4.ebms3header.Ebms3UserMessage;
import com.helger.phase4.error.AS4ErrorList;
import com.helger.phase4.model.error.EEbmsError;
import com.helger.phase4.incoming.AS4IncomingMessageMetadata;
import com.helger.phase4.incoming.AS4IncomingProfileSelectorConstant;
import com.helger.phase4.incoming.AS4IncomingReceiverConfiguration;
import com.helger.phase4.incoming.AS4RequestHandler;
import com.helger.phase4.incoming.IAS4IncomingMessageMetadata;
import com.helger.phase4.incoming.IAS4IncomingMessageState;
import com.helger.phase4.incoming.crypto.AS4IncomingSecurityConfiguration;
import com.helger.phase4.incoming.spi.AS4MessageProcessorResult;
import com.helger.phase4.incoming.spi.AS4SignalMessageProcessorResult;
import com.helger.phase4.incoming.spi.IAS4IncomingMessageProcessorSPI;
import com.helger.phase4.model.pmode.IPMode;
import com.helger.phase4.model.pmode.PModeParty;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.w3c.dom.Node;

/**
 * A phase4 receiver for the suite to test, so the suite is shown not to be tuned to our own
 * gateway: phase4's {@link AS4RequestHandler} behind the JDK HTTP server on loopback, with the
 * shared test peer's eDelivery AS4 1.15 profile, runtime and keys (imi-test-support). What is the
 * suite's own: like an integrator's backend, it writes each UserMessage it accepts into a delivery
 * folder (one file per delivery, naming the MessageId), and it is configured as an eDelivery
 * deployment of phase4 must be, since phase4 leaves these to its user: the processor refuses
 * unsigned messages (EBMS:0101), does not deliver pings, reads each payload (phase4 gunzips
 * lazily) and CRLs are checked.
 */
public final class Phase4Target implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private final AS4CryptoFactoryInMemoryKeyStore crypto;
    private final String self;
    private final String partner;
    private final String agreement;
    private final Path deliveries;

    public Phase4Target(KeyStore keys, char[] password, KeyStore trust, X509CRL crl, String self, String partner,
            String agreement, Path deliveries) throws IOException {
        Phase4Runtime.ensureStarted();
        // Signs with alias "signing"; decrypts with whichever key the sender referenced (alias
        // "encryption"): both share the store's password.
        this.crypto = new Phase4Keys(keys, "signing", password, trust).cryptoFactory(List.of(crl));
        this.self = self;
        this.partner = partner;
        this.agreement = agreement;
        this.deliveries = Files.createDirectories(deliveries);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(workers);
        server.createContext("/as4", this::exchange);
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/as4";
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            BufferedResponse response;
            try {
                response = Phase4Runtime.inRequestScope(() -> handle(exchange));
            } catch (Exception e) {
                response = new BufferedResponse();
                response.setStatus(400);
                response.setMimeType(CMimeType.TEXT_PLAIN);
                response.setContent(String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            }
            response.writeTo(exchange);
        }
    }

    private BufferedResponse handle(HttpExchange exchange) throws Exception {
        HttpHeaderMap headers = new HttpHeaderMap();
        exchange.getRequestHeaders().forEach((name, values) -> values.forEach(v -> headers.addHeader(name, v)));
        BufferedResponse response = new BufferedResponse();
        try (AS4RequestHandler handler = new AS4RequestHandler(AS4IncomingMessageMetadata.createForRequest()
                .setRemoteAddr("127.0.0.1").setHttpHeaders(headers)); InputStream body = exchange.getRequestBody()) {
            handler.setCryptoFactory(crypto)
                    .setPModeResolver((id, service, action, initiator, responder, agreementRef, address) ->
                            partner.equals(initiator) && self.equals(responder)
                                    ? Edelivery115Profile.pmode(new PModeParty(null, partner, CAS4.DEFAULT_INITIATOR_URL, null, null),
                                            new PModeParty(null, self, CAS4.DEFAULT_RESPONDER_URL, null, null),
                                            endpoint(), agreement)
                                    : null)
                    .setIncomingProfileSelector(new AS4IncomingProfileSelectorConstant(Edelivery115Profile.PROFILE_ID, true))
                    .setIncomingAttachmentFactory(IAS4IncomingAttachmentFactory.DEFAULT_INSTANCE)
                    .setIncomingSecurityConfiguration(new AS4IncomingSecurityConfiguration()
                            .setSigningParams(Edelivery115Profile.signingParams())
                            .setCryptParams(Edelivery115Profile.cryptParams())
                            .setDecryptParameterModifier(new IAS4DecryptParameterModifier() {
                                @Override
                                public void modifyRequestData(RequestData data) {
                                    data.setEnableRevocation(true); // off in phase4 unless configured
                                }
                            }))
                    .setIncomingReceiverConfiguration(new AS4IncomingReceiverConfiguration()
                            .setReceiverEndpointAddress(endpoint()))
                    .setProcessorSupplier(() -> new CommonsArrayList<>(new Deliver()));
            handler.handleRequest(body, headers, response);
        }
        return response;
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    /** The backend: refuses unsigned messages, writes every other one into the delivery folder. */
    private final class Deliver implements IAS4IncomingMessageProcessorSPI {
        @Override
        public AS4MessageProcessorResult processAS4UserMessage(IAS4IncomingMessageMetadata metadata, HttpHeaderMap headers,
                Ebms3UserMessage message, IPMode pmode, Node body, ICommonsList<WSS4JAttachment> attachments,
                IAS4IncomingMessageState state, AS4ErrorList errors) {
            String messageId = message.getMessageInfo().getMessageId();
            if (!state.isSoapSignatureChecked()) {
                errors.add(EEbmsError.EBMS_FAILED_AUTHENTICATION.errorBuilder(Locale.US).refToMessageInError(messageId)
                        .errorDetail("the UserMessage is not signed").build());
                return AS4MessageProcessorResult.createFailure();
            }
            var collaboration = message.getCollaborationInfo();
            if (CAS4.DEFAULT_SERVICE_URL.equals(collaboration.getService().getValue())
                    && CAS4.DEFAULT_ACTION_URL.equals(collaboration.getAction())) {
                return AS4MessageProcessorResult.createSuccess(); // a ping: receipted, never delivered
            }
            StringBuilder delivery = new StringBuilder("messageId=" + messageId + "\n");
            for (WSS4JAttachment attachment : attachments) {
                // phase4 gunzips lazily, when the backend reads: a damaged stream shows here
                try (InputStream content = attachment.getSourceStream()) {
                    delivery.append(attachment.getId()).append(": ").append(content.readAllBytes().length).append(" bytes\n");
                } catch (IOException | RuntimeException e) {
                    errors.add(EEbmsError.EBMS_DECOMPRESSION_FAILURE.errorBuilder(Locale.US).refToMessageInError(messageId)
                            .errorDetail("attachment " + attachment.getId() + " cannot be read: " + e.getMessage()).build());
                    return AS4MessageProcessorResult.createFailure();
                }
            }
            try {
                Files.writeString(deliveries.resolve("delivery-" + UUID.randomUUID() + ".txt"), delivery);
            } catch (IOException e) {
                return AS4MessageProcessorResult.createFailure();
            }
            return AS4MessageProcessorResult.createSuccess();
        }

        @Override
        public AS4SignalMessageProcessorResult processAS4SignalMessage(IAS4IncomingMessageMetadata metadata,
                HttpHeaderMap headers, Ebms3SignalMessage signal, IPMode pmode, IAS4IncomingMessageState state,
                AS4ErrorList errors) {
            return AS4SignalMessageProcessorResult.createSuccess();
        }

        @Override
        public void processAS4ResponseMessage(IAS4IncomingMessageMetadata metadata, IAS4IncomingMessageState state,
                String responseMessageId, byte[] response, boolean responsePayloadIsAvailable, AS4ErrorList errors) {
            // nothing to keep
        }
    }
}
