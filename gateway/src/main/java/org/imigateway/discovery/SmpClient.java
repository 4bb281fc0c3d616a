package org.imigateway.discovery;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.imigateway.xml.SecureXml;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/**
 * Asks a participant's SMP for its service metadata (OASIS SMP 1.0 HTTP binding:
 * {@code GET {smp}/{participant}/services/{document type}}, identifiers percent-encoded as
 * {@code scheme::value}), checks the signature and hands the document to {@link EndpointChoice}.
 */
public final class SmpClient {

    private final HttpClient http;
    private final Duration timeout;
    private final SmpSignature signature;
    private final EndpointChoice choice;

    public SmpClient(Duration timeout, SmpSignature signature, EndpointChoice choice) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
        this.signature = signature;
        this.choice = choice;
    }

    static URI metadataUrl(URI smp, ParticipantId participant, Endpoint.DocumentType documentType) {
        String base = smp.toString().endsWith("/") ? smp.toString() : smp + "/";
        return URI.create(base + encode(participant.toString()) + "/services/" + encode(documentType.toString()));
    }

    private static String encode(String identifier) {
        return URLEncoder.encode(identifier, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public Endpoint endpoint(URI smp, ParticipantId participant, Endpoint.DocumentType documentType,
            Endpoint.Process process, Instant now) throws DiscoveryException {
        URI url = metadataUrl(smp, participant, documentType);
        byte[] body = fetch(url);
        Document answer;
        try {
            answer = SecureXml.parse(new ByteArrayInputStream(body));
        } catch (SAXException | IOException e) {
            throw new DiscoveryException(DiscoveryException.Cause.BAD_ANSWER, "SMP answer " + url + " is not XML: " + e.getMessage());
        }
        signature.verify(answer, url.toString(), now);
        return choice.choose(answer, url, smp, participant, documentType, process, now);
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
