package org.imigateway.discovery;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.xml.datatype.XMLGregorianCalendar;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;

import org.imigateway.schemas.smp1.EndpointType;
import org.imigateway.schemas.smp1.ProcessType;
import org.imigateway.schemas.smp1.RedirectType;
import org.imigateway.schemas.smp1.ServiceInformationType;
import org.imigateway.schemas.smp1.SignedServiceMetadata;
import org.w3c.dom.Document;

/** Reads an OASIS SMP 1.0 SignedServiceMetadata (JAXB classes from {@code xsd/smp/bdx-smp-201605.xsd}). */
final class Smp1Reader {

    private static final JAXBContext SMP1 = context();

    private Smp1Reader() {
    }

    private static JAXBContext context() {
        try {
            return JAXBContext.newInstance(SignedServiceMetadata.class);
        } catch (JAXBException e) {
            throw new IllegalStateException("the SMP 1.0 classes do not bind", e);
        }
    }

    static SmpAnswer read(Document answer, URI url) throws DiscoveryException {
        SignedServiceMetadata signed;
        try {
            Object root = SMP1.createUnmarshaller().unmarshal(answer);
            if (!(root instanceof SignedServiceMetadata s) || s.getServiceMetadata() == null) {
                throw SmpAnswer.bad(url, "it is not an SMP 1.0 SignedServiceMetadata");
            }
            signed = s;
        } catch (JAXBException e) {
            throw SmpAnswer.bad(url, "it cannot be read as SMP 1.0: " + e);
        }
        RedirectType redirect = signed.getServiceMetadata().getRedirect();
        if (redirect != null) {
            // SMP 1.0 section 3.5: the whole answer is elsewhere; CertificateUID is the target's signer
            return new SmpAnswer("1.0", "", "", null, List.of(new SmpAnswer.ProcessGroup(List.of(), List.of(),
                    Optional.of(new SmpAnswer.Redirect(target(redirect.getHref(), url),
                            Optional.of(SmpAnswer.nonNull(redirect.getCertificateUID())), List.of())))));
        }
        ServiceInformationType info = signed.getServiceMetadata().getServiceInformation();
        if (info == null) {
            throw SmpAnswer.bad(url, "it holds neither ServiceInformation nor Redirect");
        }
        String scheme = info.getParticipantIdentifier() == null ? "" : SmpAnswer.nonNull(info.getParticipantIdentifier().getScheme());
        String value = info.getParticipantIdentifier() == null ? "" : SmpAnswer.nonNull(info.getParticipantIdentifier().getValue());
        Endpoint.DocumentType documentType = info.getDocumentIdentifier() == null ? null : new Endpoint.DocumentType(
                SmpAnswer.nonNull(info.getDocumentIdentifier().getScheme()), SmpAnswer.nonNull(info.getDocumentIdentifier().getValue()));
        List<SmpAnswer.ProcessGroup> groups = new ArrayList<>();
        if (info.getProcessList() != null) {
            for (ProcessType p : info.getProcessList().getProcesses()) {
                if (p.getProcessIdentifier() == null || p.getServiceEndpointList() == null) {
                    continue;
                }
                Endpoint.Process process = new Endpoint.Process(SmpAnswer.nonNull(p.getProcessIdentifier().getScheme()),
                        SmpAnswer.nonNull(p.getProcessIdentifier().getValue()));
                List<SmpAnswer.Offer> offers = new ArrayList<>();
                for (EndpointType e : p.getServiceEndpointList().getEndpoints()) {
                    offers.add(new SmpAnswer.Offer(SmpAnswer.nonNull(e.getTransportProfile()), SmpAnswer.nonNull(e.getEndpointURI()),
                            instant(e.getServiceActivationDate()), instant(e.getServiceExpirationDate()),
                            e.getCertificate() == null ? List.of()
                                    : List.of(new SmpAnswer.PublishedCertificate(e.getCertificate(), Optional.empty(), Optional.empty()))));
                }
                groups.add(new SmpAnswer.ProcessGroup(List.of(process), offers, Optional.empty()));
            }
        }
        return new SmpAnswer("1.0", scheme, value, documentType, groups);
    }

    static URI target(String href, URI url) throws DiscoveryException {
        try {
            URI target = new URI(SmpAnswer.nonNull(href));
            if (target.getHost() != null && ("https".equals(target.getScheme()) || "http".equals(target.getScheme()))) {
                return target;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw SmpAnswer.bad(url, "its redirect target '" + href + "' is not an http(s) URL");
    }

    private static Optional<Instant> instant(XMLGregorianCalendar c) {
        return Optional.ofNullable(c).map(x -> x.toGregorianCalendar().toInstant());
    }
}
