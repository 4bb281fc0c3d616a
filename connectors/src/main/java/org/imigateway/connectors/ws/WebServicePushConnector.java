package org.imigateway.connectors.ws;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.GregorianCalendar;
import java.util.Objects;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;

import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.soap.SOAPBinding;

import org.apache.cxf.configuration.jsse.TLSClientParameters;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.imigateway.connectors.BackendPort;
import org.imigateway.connectors.Connector;
import org.imigateway.connectors.Delivery;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.SubmissionError;
import org.imigateway.schemas.backend.push.DeliverMessage;
import org.imigateway.schemas.backend.push.Payload;
import org.imigateway.schemas.backend.push.Property;
import org.imigateway.schemas.backend.push.SendFailure;
import org.imigateway.schemas.backend.push.SendSuccess;
import org.imigateway.schemas.backend.push.Service;
import org.imigateway.text.Untrusted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A web service backend in push mode: it still submits through the gateway's service (the pull
 * connector it wraps), and the gateway calls the backend's own service to deliver and to tell
 * outcomes. A failed call throws, so the delivery route rolls back and the broker offers the
 * message again, and the outcome stays un-notified for the next round: nothing is lost, and a
 * repeat carries the same MessageId for the backend to recognise.
 */
public final class WebServicePushConnector implements Connector {

    private static final Logger LOG = LoggerFactory.getLogger(WebServicePushConnector.class);

    /** Where and how the gateway reaches the backend's service. */
    public record Target(String url, Optional<BasicCredentials> credentials, Optional<SSLContext> tls,
            long connectTimeoutMillis, long receiveTimeoutMillis) {
        public Target {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(credentials, "credentials");
            Objects.requireNonNull(tls, "tls");
        }
    }

    private final String name;
    private final WebServiceConnector pull;
    private final Target target;
    private final BackendPushService client;

    public WebServicePushConnector(String name, WebServiceConnector pull, Target target) {
        this.name = Objects.requireNonNull(name, "name");
        this.pull = Objects.requireNonNull(pull, "pull");
        this.target = Objects.requireNonNull(target, "target");
        this.client = client(target);
    }

    private static BackendPushService client(Target target) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(BackendPushService.class);
        factory.setAddress(target.url());
        target.credentials().ifPresent(c -> {
            factory.setUsername(c.user());
            factory.setPassword(c.password());
        });
        BackendPushService service = (BackendPushService) factory.create();
        ((SOAPBinding) ((BindingProvider) service).getBinding()).setMTOMEnabled(true);
        HTTPConduit conduit = (HTTPConduit) ClientProxy.getClient(service).getConduit();
        HTTPClientPolicy policy = new HTTPClientPolicy();
        policy.setConnectionTimeout(target.connectTimeoutMillis());
        policy.setReceiveTimeout(target.receiveTimeoutMillis());
        // Large payloads stream in chunks rather than being buffered to learn their length.
        policy.setAllowChunking(true);
        conduit.setClient(policy);
        target.tls().ifPresent(context -> {
            TLSClientParameters tls = new TLSClientParameters();
            tls.setSslContext(context);
            conduit.setTlsClientParameters(tls);
        });
        return service;
    }

    @Override
    public void start(BackendPort port) throws Exception {
        pull.start(port);
        LOG.info("backend {} takes deliveries and outcomes at {}", name, Untrusted.inLog(target.url()));
    }

    /** The gateway's own service for this backend's submissions. */
    public WebServiceConnector pull() {
        return pull;
    }

    @Override
    public void deliver(Delivery delivery) {
        DeliverMessage request = new DeliverMessage();
        request.setMessageId(delivery.messageId());
        request.setConversationId(delivery.conversationId());
        request.setRefToMessageId(delivery.refToMessageId().orElse(null));
        request.setTimestamp(xmlTime(delivery.timestamp()));
        request.setFromParty(delivery.fromPartyId());
        request.setToParty(delivery.toPartyId());
        Service service = new Service();
        service.setValue(delivery.service());
        service.setType(delivery.serviceType().orElse(null));
        request.setService(service);
        request.setAction(delivery.action());
        delivery.properties().forEach(p -> request.getProperties().add(property(p)));
        for (org.imigateway.connectors.Payload part : delivery.payloads()) {
            Payload payload = new Payload();
            payload.setMimeType(part.mimeType());
            payload.setCharacterSet(part.characterSet().orElse(null));
            part.properties().forEach(p -> payload.getProperties().add(property(p)));
            payload.setContent(new DataHandler(new FileDataSource(part.file().toFile())));
            request.getPayloads().add(payload);
        }
        client.deliverMessage(request);
        LOG.info("message {} delivered to backend {}", Untrusted.inLog(delivery.messageId()), name);
    }

    @Override
    public void sendSuccess(String messageId, Optional<String> submissionId) {
        SendSuccess request = new SendSuccess();
        request.setMessageId(messageId);
        request.setSubmissionId(submissionId.orElse(null));
        client.sendSuccess(request);
    }

    @Override
    public void sendFailure(SubmissionError error) {
        SendFailure request = new SendFailure();
        request.setMessageId(error.messageId().orElse(null));
        request.setSubmissionId(error.submissionId().orElse(null));
        request.setErrorCode(error.errorCode());
        request.setDetail(error.detail());
        request.setTime(xmlTime(error.time()));
        client.sendFailure(request);
    }

    private static Property property(MessageProperty p) {
        Property property = new Property();
        property.setName(p.name());
        property.setValue(p.value());
        property.setType(p.type().orElse(null));
        return property;
    }

    private static XMLGregorianCalendar xmlTime(Instant instant) {
        try {
            return DatatypeFactory.newInstance().newXMLGregorianCalendar(
                    GregorianCalendar.from(instant.atZone(ZoneOffset.UTC)));
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException("no XML date-time factory", e);
        }
    }

    @Override
    public void close() {
        pull.close();
        ClientProxy.getClient(client).destroy();
    }
}
