package org.imigateway.discovery;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;

import org.imigateway.xml.SecureXml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/**
 * Asks a participant's SMP for its service metadata over the OASIS SMP 1.0 or 2.0 HTTP binding
 * ({@link SmpVersion}), checks the signature, follows at most one redirect to another SMP, and
 * hands the answer to {@link EndpointChoice}.
 */
public final class SmpClient {

    private static final Logger LOG = LoggerFactory.getLogger(SmpClient.class);

    private final HttpClient http;
    private final Duration timeout;
    private final SmpVersion version;
    private final SmpSignature signature;
    private final EndpointChoice choice;

    public SmpClient(Duration timeout, SmpVersion version, SmpSignature signature, EndpointChoice choice) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
        this.version = version;
        this.signature = signature;
        this.choice = choice;
    }

    private record Verified(SmpAnswer answer, X509Certificate signer) {
    }

    public Endpoint endpoint(URI smp, ParticipantId participant, Endpoint.DocumentType documentType,
            Endpoint.Process process, Instant now) throws DiscoveryException {
        URI url = version.metadataUrl(smp, participant, documentType);
        Verified first = fetchVerified(url, now);
        Optional<SmpAnswer.Redirect> redirect = first.answer().groupFor(process).flatMap(SmpAnswer.ProcessGroup::redirect);
        if (redirect.isEmpty()) {
            return choice.choose(first.answer(), url, smp, participant, documentType, process, now);
        }
        // SMP 1.0 section 3.5 / SMP 2.0 Redirect: one hop, signed by the certificate the first SMP names
        URI target = redirect.get().target();
        Verified second = fetchVerified(target, now);
        checkRedirectSigner(redirect.get(), second.signer(), url, target);
        if (second.answer().groupFor(process).flatMap(SmpAnswer.ProcessGroup::redirect).isPresent()) {
            throw SmpAnswer.bad(target, "it redirects again after the redirect from " + url + "; at most one redirect is followed");
        }
        LOG.info("discovery: SMP {} redirects {} {} to {}", url, participant, documentType, target);
        return choice.choose(second.answer(), target, target, participant, documentType, process, now);
    }

    private Verified fetchVerified(URI url, Instant now) throws DiscoveryException {
        byte[] body = fetch(url);
        Document answer;
        try {
            answer = SecureXml.parse(new ByteArrayInputStream(body));
        } catch (SAXException | IOException e) {
            throw new DiscoveryException(DiscoveryException.Cause.BAD_ANSWER, "SMP answer " + url + " is not XML: " + e.getMessage());
        }
        X509Certificate signer = signature.verify(answer, url.toString(), now);
        return new Verified(SmpAnswer.read(answer, url), signer);
    }

    /** SMP 1.0: the signer's subject is the CertificateUID (RDNs in any order); SMP 2.0: one of the certificates given. */
    private static void checkRedirectSigner(SmpAnswer.Redirect redirect, X509Certificate signer, URI from, URI target)
            throws DiscoveryException {
        boolean matches;
        String expected;
        if (redirect.signerSubject().isPresent()) {
            expected = "subject '" + redirect.signerSubject().get() + "'";
            matches = sameSubject(redirect.signerSubject().get(), signer.getSubjectX500Principal().getName());
        } else if (!redirect.signers().isEmpty()) {
            expected = "one of the " + redirect.signers().size() + " certificate(s) the redirect publishes";
            matches = redirect.signers().contains(signer);
        } else {
            return;
        }
        if (!matches) {
            throw new DiscoveryException(DiscoveryException.Cause.BAD_SIGNATURE, "SMP answer " + target + " refused: "
                    + from + " redirects there to an SMP signing with " + expected + ", but it is signed by '"
                    + signer.getSubjectX500Principal().getName() + "'");
        }
    }

    private static boolean sameSubject(String a, String b) {
        try {
            return new HashSet<>(new LdapName(a).getRdns()).equals(new HashSet<>(new LdapName(b).getRdns()));
        } catch (InvalidNameException e) {
            return false;
        }
    }

    private byte[] fetch(URI url) throws DiscoveryException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            int status = response.statusCode();
            if (status == 404) {
                throw new DiscoveryException(DiscoveryException.Cause.NO_ENDPOINT, "SMP " + url
                        + " answered 404: the participant does not publish this document type");
            }
            if (status >= 500) {
                throw new DiscoveryException(DiscoveryException.Cause.UNREACHABLE, "SMP " + url + " answered " + status);
            }
            if (status != 200) {
                throw new DiscoveryException(DiscoveryException.Cause.BAD_ANSWER, "SMP " + url + " answered " + status);
            }
            return response.body();
        } catch (java.net.http.HttpTimeoutException e) {
            throw new DiscoveryException(DiscoveryException.Cause.UNREACHABLE, "SMP " + url + " did not answer within "
                    + timeout.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new DiscoveryException(DiscoveryException.Cause.UNREACHABLE, "SMP " + url + " cannot be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DiscoveryException(DiscoveryException.Cause.UNREACHABLE, "SMP " + url + ": lookup interrupted", e);
        }
    }
}
