package org.imigateway.discovery;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.xml.datatype.XMLGregorianCalendar;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;

import org.imigateway.schemas.ccts.cct.IdentifierType;
import org.imigateway.schemas.smp2.ServiceMetadata;
import org.imigateway.schemas.smp2.ac.Certificate;
import org.imigateway.schemas.smp2.ac.Process;
import org.imigateway.schemas.smp2.ac.ProcessMetadata;
import org.imigateway.schemas.smp2.ac.Redirect;
import org.imigateway.schemas.smp2.udt.DateType;
import org.w3c.dom.Document;

/**
 * Reads an OASIS SMP 2.0 ServiceMetadata (JAXB classes from {@code xsd/smp2/}). Identifiers carry
 * their scheme in {@code schemeID}; dates are calendar days, so an endpoint or certificate is
 * active from the start of its ActivationDate to the end of its ExpirationDate (UTC).
 */
final class Smp2Reader {

    private static final JAXBContext SMP2 = context();

    private Smp2Reader() {
    }

    private static JAXBContext context() {
        try {
            return JAXBContext.newInstance(ServiceMetadata.class);
        } catch (JAXBException e) {
            throw new IllegalStateException("the SMP 2.0 classes do not bind", e);
        }
    }

    static SmpAnswer read(Document answer, URI url) throws DiscoveryException {
        ServiceMetadata metadata;
        try {
            Object root = SMP2.createUnmarshaller().unmarshal(answer);
            if (!(root instanceof ServiceMetadata m)) {
                throw SmpAnswer.bad(url, "it is not an SMP 2.0 ServiceMetadata");
            }
            metadata = m;
        } catch (JAXBException e) {
            throw SmpAnswer.bad(url, "it cannot be read as SMP 2.0: " + e);
        }
        if (metadata.getSMPVersionID() == null || !"2.0".equals(SmpAnswer.nonNull(metadata.getSMPVersionID().getValue()))) {
            throw SmpAnswer.bad(url, "its SMPVersionID is not 2.0");
        }
        List<SmpAnswer.ProcessGroup> groups = new ArrayList<>();
        for (ProcessMetadata pm : metadata.getProcessMetadatas()) {
            List<Endpoint.Process> processes = new ArrayList<>();
            for (Process p : pm.getProcesses()) {
                if (p.getID() != null) {
                    processes.add(new Endpoint.Process(scheme(p.getID()), value(p.getID())));
                }
            }
            List<SmpAnswer.Offer> offers = new ArrayList<>();
            for (org.imigateway.schemas.smp2.ac.Endpoint e : pm.getEndpoints()) {
                List<SmpAnswer.PublishedCertificate> certificates = new ArrayList<>();
                for (Certificate c : e.getCertificates()) {
                    if (c.getContentBinaryObject() != null && c.getContentBinaryObject().getValue() != null) {
                        certificates.add(new SmpAnswer.PublishedCertificate(c.getContentBinaryObject().getValue(),
                                startOf(c.getActivationDate()), endOf(c.getExpirationDate())));
                    }
                }
                offers.add(new SmpAnswer.Offer(e.getTransportProfileID() == null ? "" : value(e.getTransportProfileID()),
                        e.getAddressURI() == null ? "" : SmpAnswer.nonNull(e.getAddressURI().getValue()),
                        startOf(e.getActivationDate()), endOf(e.getExpirationDate()), certificates));
            }
            groups.add(new SmpAnswer.ProcessGroup(processes, offers, redirect(pm.getRedirect(), url)));
        }
        return new SmpAnswer("2.0", metadata.getParticipantID() == null ? "" : scheme(metadata.getParticipantID()),
                metadata.getParticipantID() == null ? "" : value(metadata.getParticipantID()),
                metadata.getID() == null ? null : new Endpoint.DocumentType(scheme(metadata.getID()), value(metadata.getID())),
                groups);
    }

    private static Optional<SmpAnswer.Redirect> redirect(Redirect redirect, URI url) throws DiscoveryException {
        if (redirect == null) {
            return Optional.empty();
        }
        URI target = Smp1Reader.target(redirect.getPublisherURI() == null ? "" : redirect.getPublisherURI().getValue(), url);
        List<X509Certificate> signers = new ArrayList<>();
        for (Certificate c : redirect.getCertificates()) {
            if (c.getContentBinaryObject() != null && c.getContentBinaryObject().getValue() != null) {
                signers.add(certificate(c.getContentBinaryObject().getValue(), url));
            }
        }
        return Optional.of(new SmpAnswer.Redirect(target, Optional.empty(), signers));
    }

    static X509Certificate certificate(byte[] der, URI url) throws DiscoveryException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            throw SmpAnswer.bad(url, "it holds a certificate that cannot be read");
        }
    }

    private static String scheme(IdentifierType id) {
        return SmpAnswer.nonNull(id.getSchemeID());
    }

    private static String value(IdentifierType id) {
        return SmpAnswer.nonNull(id.getValue());
    }

    private static Optional<Instant> startOf(DateType date) {
        return day(date).map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private static Optional<Instant> endOf(DateType date) {
        return day(date).map(d -> d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private static Optional<LocalDate> day(DateType date) {
        if (date == null || date.getValue() == null) {
            return Optional.empty();
        }
        XMLGregorianCalendar c = date.getValue();
        return Optional.of(LocalDate.of(c.getYear(), c.getMonth(), c.getDay()));
    }
}
