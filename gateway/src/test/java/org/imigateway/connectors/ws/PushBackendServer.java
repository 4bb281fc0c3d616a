package org.imigateway.connectors.ws;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.jws.WebService;
import jakarta.xml.ws.Endpoint;

import org.apache.cxf.jaxws.EndpointImpl;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.imigateway.config.AdmissionConfig;
import org.imigateway.connectors.admission.HardenedServer;
import org.imigateway.connectors.admission.OverloadAnswer;
import org.imigateway.schemas.backend.push.DeliverMessage;
import org.imigateway.schemas.backend.push.DeliverMessageResponse;
import org.imigateway.schemas.backend.push.SendFailure;
import org.imigateway.schemas.backend.push.SendFailureResponse;
import org.imigateway.schemas.backend.push.SendSuccess;
import org.imigateway.schemas.backend.push.SendSuccessResponse;

/**
 * A backend's push service as an integrator would publish it: CXF JAX-WS on Jetty over TLS,
 * behind HTTP basic authentication. It keeps every call, counted by MessageId, so a test sees
 * whether a message came once; the payload bytes are read on arrival, as a backend would store them.
 */
public final class PushBackendServer implements AutoCloseable {

    public record Delivered(DeliverMessage request, List<byte[]> payloads) {
    }

    private final Server server;
    private final Endpoint endpoint;
    public final Map<String, Delivered> deliveries = new ConcurrentHashMap<>();
    public final Map<String, Integer> deliveryCalls = new ConcurrentHashMap<>();
    public final List<SendSuccess> successes = new CopyOnWriteArrayList<>();
    public final List<SendFailure> failures = new CopyOnWriteArrayList<>();

    public PushBackendServer(int port, SslContextFactory.Server tls, String user, String password) throws Exception {
        this(port, tls, BackendAuthentication.basic(new BasicCredentials(user, password)));
    }

    /** A backend that takes its callers as {@code authentication} says (basic, client certificate or either). */
    public PushBackendServer(int port, SslContextFactory.Server tls, BackendAuthentication authentication)
            throws Exception {
        SpiContext context = new SpiContext("/push");
        HardenedServer hardened = HardenedServer.create("push-backend", AdmissionConfig.Port.BACKEND.defaults());
        server = hardened.server();
        hardened.connector("127.0.0.1", port, Optional.of(tls));
        hardened.handler(new WebServiceHandler("push-backend", authentication, context), OverloadAnswer.plainText());
        EndpointImpl published = (EndpointImpl) Endpoint.create(new Service());
        published.getProperties().put("mtom-enabled", Boolean.TRUE);
        published.publish(context);
        endpoint = published;
        server.start();
    }

    /** Takes the backend off the network (its port refuses connections) and back. */
    public void down() throws Exception {
        server.stop();
    }

    public void up() throws Exception {
        server.start();
    }

    @Override
    public void close() throws Exception {
        endpoint.stop();
        server.stop();
    }

    @WebService(endpointInterface = "org.imigateway.connectors.ws.BackendPushService",
            targetNamespace = BackendPushService.NS, serviceName = "BackendPushService", portName = "BackendPushPort")
    public final class Service implements BackendPushService {

        @Override
        public DeliverMessageResponse deliverMessage(DeliverMessage request) {
            List<byte[]> payloads = request.getPayloads().stream().map(p -> {
                try (var in = p.getContent().getInputStream()) {
                    return in.readAllBytes();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
            deliveryCalls.merge(request.getMessageId(), 1, Integer::sum);
            // Idempotent by MessageId: a repeat changes nothing.
            deliveries.putIfAbsent(request.getMessageId(), new Delivered(request, payloads));
            return new DeliverMessageResponse();
        }

        @Override
        public SendSuccessResponse sendSuccess(SendSuccess request) {
            successes.add(request);
            return new SendSuccessResponse();
        }

        @Override
        public SendFailureResponse sendFailure(SendFailure request) {
            failures.add(request);
            return new SendFailureResponse();
        }
    }
}
