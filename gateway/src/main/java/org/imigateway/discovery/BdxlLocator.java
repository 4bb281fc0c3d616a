package org.imigateway.discovery;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.xbill.DNS.Lookup;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Finds a participant's SMP through the SML: the NAPTR records at its {@link BdxlName}, of which
 * the terminal ({@code U} flag) ones for the {@code Meta:SMP} service count, taken by order then
 * preference (RFC 3403); the first one's regular expression, applied to the name asked (the
 * U-NAPTR application unique string, RFC 4848), gives the SMP's URL.
 */
public final class BdxlLocator implements SmpLocator {

    static final String SMP_SERVICE = "Meta:SMP";

    private final String zone;
    private final SimpleResolver resolver;

    /** {@code dnsServer} empty: the system's resolver configuration. */
    public BdxlLocator(String zone, Optional<InetSocketAddress> dnsServer, Duration timeout) {
        this.zone = zone;
        try {
            this.resolver = dnsServer.map(SimpleResolver::new).orElseGet(BdxlLocator::systemResolver);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot use DNS server " + dnsServer.orElse(null) + ": " + e.getMessage(), e);
        }
        resolver.setTimeout(timeout);
    }

    private static SimpleResolver systemResolver() {
        try {
            return new SimpleResolver();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("no DNS server configured on this system", e);
        }
    }

    @Override
    public URI locate(ParticipantId participant) throws DiscoveryException {
        String domain = BdxlName.of(participant, zone);
        Lookup lookup;
        try {
            lookup = new Lookup(Name.fromString(domain + "."), Type.NAPTR);
        } catch (TextParseException e) {
            throw new DiscoveryException(DiscoveryException.Cause.NXDOMAIN, "'" + domain + "' is not a DNS name", e);
        }
        lookup.setResolver(resolver);
        // Our own cache (DiscoveryCache) keeps answers by the SMP's validity; dnsjava's default
        // cache would keep an NXDOMAIN past the moment the participant is registered.
        lookup.setCache(null);
        Record[] records = lookup.run();
        switch (lookup.getResult()) {
            case Lookup.SUCCESSFUL:
                break;
            case Lookup.HOST_NOT_FOUND:
                throw new DiscoveryException(DiscoveryException.Cause.NXDOMAIN, "participant " + participant
                        + " is not registered in SML zone " + zone + " (" + domain + " does not exist)");
            case Lookup.TYPE_NOT_FOUND:
                throw new DiscoveryException(DiscoveryException.Cause.NO_NAPTR, "participant " + participant + ": "
                        + domain + " holds no NAPTR record");
            default:
                throw new DiscoveryException(DiscoveryException.Cause.UNREACHABLE, "participant " + participant
                        + ": the DNS lookup of " + domain + " failed: " + lookup.getErrorString());
        }
        return smpUrl(participant, domain, records);
    }

    static URI smpUrl(ParticipantId participant, String domain, Record[] records) throws DiscoveryException {
        List<NAPTRRecord> candidates = new ArrayList<>();
        for (Record r : records) {
            if (r instanceof NAPTRRecord naptr && SMP_SERVICE.equalsIgnoreCase(naptr.getService())
                    && "U".equalsIgnoreCase(naptr.getFlags())) {
                candidates.add(naptr);
            }
        }
        candidates.sort(Comparator.comparingInt(NAPTRRecord::getOrder).thenComparingInt(NAPTRRecord::getPreference));
        List<String> refused = new ArrayList<>();
        for (NAPTRRecord naptr : candidates) {
            try {
                return rewrite(unescape(naptr.getRegexp()), domain);
            } catch (IllegalArgumentException e) {
                refused.add(e.getMessage());
            }
        }
        throw new DiscoveryException(DiscoveryException.Cause.NO_NAPTR, "participant " + participant + ": " + domain
                + " holds no usable U-NAPTR record for service " + SMP_SERVICE
                + (refused.isEmpty() ? "" : " (" + String.join("; ", refused) + ")"));
    }

    /**
     * dnsjava hands a character-string in DNS presentation form ({@code \\} for a backslash,
     * {@code \DDD} for other bytes); the regexp's own back-references need the raw text.
     */
    static String unescape(String presentation) {
        StringBuilder raw = new StringBuilder(presentation.length());
        for (int i = 0; i < presentation.length(); i++) {
            char c = presentation.charAt(i);
            if (c == '\\' && i + 3 < presentation.length() && Character.isDigit(presentation.charAt(i + 1))
                    && Character.isDigit(presentation.charAt(i + 2)) && Character.isDigit(presentation.charAt(i + 3))) {
                raw.append((char) Integer.parseInt(presentation.substring(i + 1, i + 4)));
                i += 3;
            } else if (c == '\\' && i + 1 < presentation.length()) {
                raw.append(presentation.charAt(++i));
            } else {
                raw.append(c);
            }
        }
        return raw.toString();
    }

    /**
     * Applies a NAPTR regexp field, {@code <delim>pattern<delim>replacement<delim>[i]} (RFC 3402),
     * to {@code subject}; the result must be an absolute http(s) URL.
     */
    static URI rewrite(String regexp, String subject) {
        if (regexp == null || regexp.length() < 3) {
            throw new IllegalArgumentException("regexp '" + regexp + "' is not <d>pattern<d>replacement<d>");
        }
        String delimiter = regexp.substring(0, 1);
        String[] parts = regexp.substring(1).split(Pattern.quote(delimiter), -1);
        if (parts.length != 3 || !(parts[2].isEmpty() || parts[2].equals("i"))) {
            throw new IllegalArgumentException("regexp '" + regexp + "' is not <d>pattern<d>replacement<d>");
        }
        Matcher matcher;
        try {
            matcher = Pattern.compile(parts[0], parts[2].isEmpty() ? 0 : Pattern.CASE_INSENSITIVE).matcher(subject);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("regexp '" + regexp + "' has a bad pattern: " + e.getDescription());
        }
        if (!matcher.find()) {
            throw new IllegalArgumentException("regexp '" + regexp + "' does not match " + subject);
        }
        // RFC 3402 back-references are \1..\9; everything else in the replacement is literal.
        StringBuilder out = new StringBuilder();
        String replacement = parts[1];
        for (int i = 0; i < replacement.length(); i++) {
            char c = replacement.charAt(i);
            if (c == '\\' && i + 1 < replacement.length()) {
                char next = replacement.charAt(++i);
                if (Character.isDigit(next) && next != '0') {
                    int group = next - '0';
                    if (group > matcher.groupCount()) {
                        throw new IllegalArgumentException("regexp '" + regexp + "' names group " + group + " it lacks");
                    }
                    out.append(matcher.group(group));
                } else {
                    out.append(next);
                }
            } else {
                out.append(c);
            }
        }
        try {
            URI uri = new URI(out.toString());
            String scheme = uri.getScheme();
            if (uri.getHost() == null || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
                throw new IllegalArgumentException("regexp '" + regexp + "' gives '" + out + "', not an http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("regexp '" + regexp + "' gives '" + out + "', not a URL");
        }
    }
}
