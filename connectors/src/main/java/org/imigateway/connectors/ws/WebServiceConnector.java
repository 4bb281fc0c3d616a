package org.imigateway.connectors.ws;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import jakarta.xml.ws.Endpoint;

import org.apache.cxf.jaxws.EndpointImpl;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.imigateway.connectors.BackendPort;
import org.imigateway.connectors.Connector;
import org.imigateway.connectors.Delivery;
import org.imigateway.connectors.SubmissionError;
import org.imigateway.text.Untrusted;
import org.imigateway.connectors.admission.AdmissionSettings;
import org.imigateway.connectors.admission.HardenedServer;
import org.imigateway.connectors.admission.OverloadAnswer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A backend connected by the SOAP web service, pull mode: the backend calls the gateway. A
 * delivery needs no hand-over here: the message stays in the gateway's store, listed as pending
 * until the backend marks it downloaded; outcomes are read with getStatus and getErrors.
 */
public final class WebServiceConnector implements Connector {

    public static final String PATH = "/backend";
    private static final Logger LOG = LoggerFactory.getLogger(WebServiceConnector.class);

    private final String name;
    private final InetSocketAddress address;
    private final BackendAuthentication authentication;
    private final Optional<SslContextFactory.Server> tls;
    private final Path work;
    private final AdmissionSettings admission;
    private Server server;
    private ServerConnector connector;
    private Endpoint endpoint;

    /**
     * @param tls the gateway's TLS server set-up; empty serves plain HTTP (loopback tests only:
     *        the password would travel in clear)
     * @param admission the admission rules of its port
     */
    public WebServiceConnector(String name, InetSocketAddress address, BackendAuthentication authentication,
            Optional<SslContextFactory.Server> tls, Path work, AdmissionSettings admission) {
        this.name = Objects.requireNonNull(name, "name");
        this.address = Objects.requireNonNull(address, "address");
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.tls = Objects.requireNonNull(tls, "tls");
        this.work = Objects.requireNonNull(work, "work");
        this.admission = Objects.requireNonNull(admission, "admission");
    }

    @Override
    public synchronized void start(BackendPort port) throws Exception {
        Files.createDirectories(work);
        SpiContext context = new SpiContext(PATH);
        HardenedServer hardened = HardenedServer.create("ws-" + name, admission);
        server = hardened.server();
        connector = hardened.connector(address.getHostString(), address.getPort(), tls);
        hardened.handler(new WebServiceHandler(name, authentication, context), OverloadAnswer.plainText());
        EndpointImpl published = (EndpointImpl) Endpoint.create(new BackendServiceImpl(port, work));
        published.publish(context);
        endpoint = published;
        server.start();
        LOG.info("web service of backend {} listening on {}", name, url());
    }

    /** The service address, with the port actually bound. */
    public synchronized String url() {
        if (connector == null) {
            throw new IllegalStateException("the web service of backend " + name + " is not started");
        }
        return (tls.isPresent() ? "https" : "http") + "://" + address.getHostString() + ":" + connector.getLocalPort()
                + PATH;
    }

    /** Pull mode: the message is already durable in the gateway and listed as pending. */
    @Override
    public void deliver(Delivery delivery) {
        LOG.info("message {} (conversation {}) waits for backend {} to pull it", Untrusted.inLog(delivery.messageId()),
                Untrusted.inLog(delivery.conversationId()), name);
    }

    /** Pull mode: the backend reads outcomes with getStatus. */
    @Override
    public void sendSuccess(String messageId, Optional<String> submissionId) {
        // Nothing to push: getStatus answers ACKNOWLEDGED.
    }

    @Override
    public void sendFailure(SubmissionError error) {
        // Nothing to push: getErrors lists the failure.
    }

    @Override
    public synchronized void close() {
        try {
            if (endpoint != null) {
                endpoint.stop();
            }
            if (server != null) {
                server.stop();
            }
        } catch (Exception e) {
            LOG.warn("the web service of backend {} did not stop cleanly: {}", name, e.getMessage());
        }
    }
}
