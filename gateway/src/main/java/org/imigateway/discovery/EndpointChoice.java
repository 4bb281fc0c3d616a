package org.imigateway.discovery;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.xml.datatype.XMLGregorianCalendar;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;

import org.imigateway.schemas.smp1.EndpointType;
import org.imigateway.schemas.smp1.ProcessType;
import org.imigateway.schemas.smp1.ServiceInformationType;
import org.imigateway.schemas.smp1.SignedServiceMetadata;
import org.w3c.dom.Document;

/**
 * Picks the endpoint of a verified SMP 1.0 answer: the answer must be about the participant and
 * document type asked; of the process asked, the endpoints of a transport profile we speak, in
 * the SMP's order, of which the first one active now (activation and expiration dates) whose
 * certificate chains to the network's AP anchor and is valid now.
 */
public final class EndpointChoice {

    private static final JAXBContext SMP1 = context();

    private final List<String> transportProfiles;
    private final ChainCheck apAnchor;

    public EndpointChoice(List<String> transportProfiles, ChainCheck apAnchor) {
        this.transportProfiles = List.copyOf(transportProfiles);
        this.apAnchor = apAnchor;
    }

    private static JAXBContext context() {
        try {
            return JAXBContext.newInstance(SignedServiceMetadata.class);
        } catch (JAXBException e) {
            throw new IllegalStateException("the SMP 1.0 classes do not bind", e);
        }
    }

    Endpoint choose(Document answer, URI url, URI smp, ParticipantId participant, Endpoint.DocumentType documentType,
            Endpoint.Process process, Instant now) throws DiscoveryException {
        ServiceInformationType info = read(answer, url);
        if (info.getParticipantIdentifier() == null || !participant.matches(info.getParticipantIdentifier().getScheme(),
                info.getParticipantIdentifier().getValue())) {
            throw bad(url, "it is about participant " + describe(info) + ", not " + participant);
        }
        if (info.getDocumentIdentifier() == null || !documentType.equals(new Endpoint.DocumentType(
                nonNull(info.getDocumentIdentifier().getScheme()), nonNull(info.getDocumentIdentifier().getValue()).trim()))) {
            throw bad(url, "it is about another document type than " + documentType);
        }
        List<EndpointType> offered = new ArrayList<>();
        for (ProcessType p : info.getProcessList().getProcesses()) {
            if (p.getProcessIdentifier() != null && process.equals(new Endpoint.Process(
                    nonNull(p.getProcessIdentifier().getScheme()), nonNull(p.getProcessIdentifier().getValue()).trim()))) {
                offered.addAll(p.getServiceEndpointList().getEndpoints());
            }
        }
        if (offered.isEmpty()) {
            throw new DiscoveryException(DiscoveryException.Cause.NO_ENDPOINT, "SMP answer " + url + " lists no endpoint for process "
                    + process);
        }
        List<EndpointType> ours = offered.stream().filter(e -> transportProfiles.contains(e.getTransportProfile())).toList();
        if (ours.isEmpty()) {
            throw new DiscoveryException(DiscoveryException.Cause.NO_ENDPOINT, "SMP answer " + url + " offers transport profiles "
                    + offered.stream().map(EndpointType::getTransportProfile).distinct().toList() + ", none of ours "
                    + transportProfiles);
        }
        List<String> refused = new ArrayList<>();
        DiscoveryException.Cause cause = DiscoveryException.Cause.ENDPOINT_NOT_ACTIVE;
        for (EndpointType e : ours) {
            Optional<Instant> activation = instant(e.getServiceActivationDate());
            Optional<Instant> expiration = instant(e.getServiceExpirationDate());
            if (activation.isPresent() && now.isBefore(activation.get())) {
                refused.add(e.getEndpointURI() + " is active only from " + activation.get());
                continue;
            }
            if (expiration.isPresent() && !now.isBefore(expiration.get())) {
                refused.add(e.getEndpointURI() + " expired at " + expiration.get());
                continue;
            }
            X509Certificate certificate = certificate(e, url);
            Optional<String> untrusted = apAnchor.refusal(certificate, now);
            if (untrusted.isPresent()) {
                cause = DiscoveryException.Cause.UNTRUSTED_CERTIFICATE;
                refused.add(e.getEndpointURI() + " has a certificate the AP trust anchor does not vouch for now ("
                        + untrusted.get() + ")");
                continue;
            }
            return new Endpoint(participant, documentType, process, address(e, url), e.getTransportProfile(), certificate,
                    smp, activation, expiration);
        }
        throw new DiscoveryException(cause, "SMP answer " + url + ": no usable endpoint: " + String.join("; ", refused));
    }

    private static ServiceInformationType read(Document answer, URI url) throws DiscoveryException {
        try {
            Object root = SMP1.createUnmarshaller().unmarshal(answer);
            if (!(root instanceof SignedServiceMetadata signed) || signed.getServiceMetadata() == null) {
                throw bad(url, "it is not an SMP 1.0 SignedServiceMetadata");
            }
            if (signed.getServiceMetadata().getServiceInformation() == null) {
                // A redirect names another SMP; following it is not built yet (docs/discovery.md).
                throw bad(url, "it redirects to another SMP, which this gateway does not follow");
            }
            return signed.getServiceMetadata().getServiceInformation();
        } catch (JAXBException e) {
            throw bad(url, "it cannot be read as SMP 1.0: " + e);
        }
    }

    private static X509Certificate certificate(EndpointType e, URI url) throws DiscoveryException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(e.getCertificate()));
        } catch (CertificateException | RuntimeException ex) {
            throw bad(url, "endpoint " + e.getEndpointURI() + " has no readable certificate");
        }
    }

    private static URI address(EndpointType e, URI url) throws DiscoveryException {
        try {
            URI address = new URI(nonNull(e.getEndpointURI()).trim());
            String scheme = nonNull(address.getScheme()).toLowerCase(Locale.ROOT);
            if (address.getHost() != null && (scheme.equals("https") || scheme.equals("http"))) {
                return address;
            }
        } catch (URISyntaxException ex) {
            // refused below
        }
        throw bad(url, "endpoint address '" + e.getEndpointURI() + "' is not an http(s) URL");
    }

    private static Optional<Instant> instant(XMLGregorianCalendar c) {
        return Optional.ofNullable(c).map(x -> x.toGregorianCalendar().toInstant());
    }

    private static String describe(ServiceInformationType info) {
        return info.getParticipantIdentifier() == null ? "(none)"
                : nonNull(info.getParticipantIdentifier().getScheme()) + "::" + nonNull(info.getParticipantIdentifier().getValue());
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static DiscoveryException bad(URI url, String why) {
        return new DiscoveryException(DiscoveryException.Cause.BAD_ANSWER, "SMP answer " + url + " refused: " + why);
    }
}
