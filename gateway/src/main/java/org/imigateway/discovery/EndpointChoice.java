package org.imigateway.discovery;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks the endpoint of a verified SMP answer (1.0 or 2.0, read into {@link SmpAnswer}): the
 * answer must be about the participant and document type asked; of the process asked, the
 * endpoints of a transport profile we speak, in the SMP's order, of which the first one active
 * now (activation and expiration dates) with a certificate, active now too, that chains to the
 * network's AP anchor and is valid now.
 */
public final class EndpointChoice {

    private final List<String> transportProfiles;
    private final ChainCheck apAnchor;

    public EndpointChoice(List<String> transportProfiles, ChainCheck apAnchor) {
        this.transportProfiles = List.copyOf(transportProfiles);
        this.apAnchor = apAnchor;
    }

    Endpoint choose(SmpAnswer answer, URI url, URI smp, ParticipantId participant, Endpoint.DocumentType documentType,
            Endpoint.Process process, Instant now) throws DiscoveryException {
        if (!participant.matches(answer.participantScheme(), answer.participantValue())) {
            throw SmpAnswer.bad(url, "it is about participant " + describe(answer) + ", not " + participant);
        }
        if (!documentType.equals(answer.documentType())) {
            throw SmpAnswer.bad(url, "it is about another document type than " + documentType);
        }
        List<SmpAnswer.Offer> offered = new ArrayList<>();
        for (SmpAnswer.ProcessGroup group : answer.groups()) {
            if (group.covers(process)) {
                offered.addAll(group.endpoints());
            }
        }
        if (offered.isEmpty()) {
            throw new DiscoveryException(DiscoveryException.Cause.NO_ENDPOINT, "SMP answer " + url + " lists no endpoint for process "
                    + process);
        }
        List<SmpAnswer.Offer> ours = offered.stream().filter(e -> transportProfiles.contains(e.transportProfile())).toList();
        if (ours.isEmpty()) {
            throw new DiscoveryException(DiscoveryException.Cause.NO_ENDPOINT, "SMP answer " + url + " offers transport profiles "
                    + offered.stream().map(SmpAnswer.Offer::transportProfile).distinct().toList() + ", none of ours "
                    + transportProfiles);
        }
        List<String> refused = new ArrayList<>();
        DiscoveryException.Cause cause = DiscoveryException.Cause.ENDPOINT_NOT_ACTIVE;
        for (SmpAnswer.Offer e : ours) {
            Optional<String> inactive = inactive(e.activation(), e.expiration(), now);
            if (inactive.isPresent()) {
                refused.add(e.address() + inactive.get());
                continue;
            }
            if (e.certificates().isEmpty()) {
                throw SmpAnswer.bad(url, "endpoint " + e.address() + " publishes no certificate");
            }
            for (SmpAnswer.PublishedCertificate published : e.certificates()) {
                X509Certificate certificate = Smp2Reader.certificate(published.der(), url);
                Optional<String> notNow = inactive(published.activation(), published.expiration(), now);
                if (notNow.isPresent()) {
                    refused.add(e.address() + ": its certificate" + notNow.get());
                    continue;
                }
                Optional<String> untrusted = apAnchor.refusal(certificate, now);
                if (untrusted.isEmpty()) {
                    return new Endpoint(participant, documentType, process, address(e, url), e.transportProfile(), certificate,
                            smp, e.activation(), e.expiration());
                }
                cause = DiscoveryException.Cause.UNTRUSTED_CERTIFICATE;
                refused.add(e.address() + " has a certificate the AP trust anchor does not vouch for now (" + untrusted.get() + ")");
            }
        }
        throw new DiscoveryException(cause, "SMP answer " + url + ": no usable endpoint: " + String.join("; ", refused));
    }

    private static Optional<String> inactive(Optional<Instant> activation, Optional<Instant> expiration, Instant now) {
        if (activation.isPresent() && now.isBefore(activation.get())) {
            return Optional.of(" is active only from " + activation.get());
        }
        if (expiration.isPresent() && !now.isBefore(expiration.get())) {
            return Optional.of(" expired at " + expiration.get());
        }
        return Optional.empty();
    }

    private static URI address(SmpAnswer.Offer e, URI url) throws DiscoveryException {
        try {
            URI address = new URI(e.address());
            String scheme = SmpAnswer.nonNull(address.getScheme()).toLowerCase(Locale.ROOT);
            if (address.getHost() != null && (scheme.equals("https") || scheme.equals("http"))) {
                return address;
            }
        } catch (URISyntaxException ex) {
            // refused below
        }
        throw SmpAnswer.bad(url, "endpoint address '" + e.address() + "' is not an http(s) URL");
    }

    private static String describe(SmpAnswer answer) {
        return answer.participantValue().isEmpty() ? "(none)" : answer.participantScheme() + "::" + answer.participantValue();
    }
}
