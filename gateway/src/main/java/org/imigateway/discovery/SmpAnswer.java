package org.imigateway.discovery;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.w3c.dom.Document;

/**
 * A signed SMP answer, read from either OASIS SMP version into one form: whom and which document
 * type it is about, and per group of processes the endpoints offered or a redirect to another
 * SMP. The version is the root element's namespace, so a 1.0 SMP redirecting to a 2.0 one (or
 * the reverse) is read correctly whatever {@code discovery.smp.version} asks for.
 */
record SmpAnswer(
        String version,
        String participantScheme,
        String participantValue,
        Endpoint.DocumentType documentType,
        List<ProcessGroup> groups) {

    static final String SMP1_NS = "http://docs.oasis-open.org/bdxr/ns/SMP/2016/05";
    static final String SMP2_NS = "http://docs.oasis-open.org/bdxr/ns/SMP/2/ServiceMetadata";

    /**
     * Endpoints (or a redirect) for some processes; {@code processes} empty means every process (an
     * SMP 1.0 redirect, an SMP 2.0 ProcessMetadata without Process).
     */
    record ProcessGroup(List<Endpoint.Process> processes, List<Offer> endpoints, Optional<Redirect> redirect) {
        boolean covers(Endpoint.Process process) {
            return processes.isEmpty() || processes.contains(process);
        }
    }

    /** One published endpoint; the dates are the endpoint's own, each certificate has its own too. */
    record Offer(String transportProfile, String address, Optional<Instant> activation, Optional<Instant> expiration,
            List<PublishedCertificate> certificates) {
    }

    /** A certificate as published: its bytes and, in SMP 2.0, the period the SMP says it is used. */
    record PublishedCertificate(byte[] der, Optional<Instant> activation, Optional<Instant> expiration) {
    }

    /**
     * Another SMP holds the answer. SMP 1.0 names the target's signing certificate by its subject
     * (CertificateUID), SMP 2.0 publishes the certificate(s) itself; the answer fetched from the
     * target must be signed by that certificate (and still chain to the SMP trust anchor).
     */
    record Redirect(URI target, Optional<String> signerSubject, List<X509Certificate> signers) {
    }

    static SmpAnswer read(Document answer, URI url) throws DiscoveryException {
        String ns = answer.getDocumentElement().getNamespaceURI();
        if (SMP1_NS.equals(ns)) {
            return Smp1Reader.read(answer, url);
        }
        if (SMP2_NS.equals(ns)) {
            return Smp2Reader.read(answer, url);
        }
        throw bad(url, "its root element {" + ns + "}" + answer.getDocumentElement().getLocalName()
                + " is neither SMP 1.0 SignedServiceMetadata nor SMP 2.0 ServiceMetadata");
    }

    /** The group that answers {@code process}, the first in the SMP's order. */
    Optional<ProcessGroup> groupFor(Endpoint.Process process) {
        return groups.stream().filter(g -> g.covers(process)).findFirst();
    }

    static String nonNull(String s) {
        return s == null ? "" : s.trim();
    }

    static DiscoveryException bad(URI url, String why) {
        return new DiscoveryException(DiscoveryException.Cause.BAD_ANSWER, "SMP answer " + url + " refused: " + why);
    }
}
