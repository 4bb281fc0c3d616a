package org.imigateway.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The authorities of a fan-out run: {@code recipients} authorities granted pq-alert, spread
 * round-robin over the first {@code countries} EU member states, each country served by an
 * access point of its own, plus one sending authority in the first country. No country has an
 * incoming-alert coordinator, so the hub sends an alert to every granted authority itself: one
 * alert naming every country reaches every recipient, and only the sender is left out.
 */
record FanOutDirectory(List<Authority> recipients, Authority sender, List<String> countries) {

    /** The EU member states (Greece as EL, as in EU usage). */
    static final List<String> EU = List.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "EL", "HU",
            "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE");

    static final String POLICY_AREA = "professional-qualifications";
    static final String PROCEDURE = "pq-alert";

    /** One authority, the country it is in and the access point (PMode party) that serves it. */
    record Authority(String id, String country, String accessPoint) {
    }

    FanOutDirectory {
        recipients = List.copyOf(recipients);
        countries = List.copyOf(countries);
    }

    static FanOutDirectory of(int recipients, int countries) {
        if (countries < 1 || countries > EU.size()) {
            throw new IllegalArgumentException("--countries " + countries + ": must be 1 to " + EU.size());
        }
        if (recipients < countries) {
            throw new IllegalArgumentException("--authorities " + recipients + ": must be at least --countries " + countries
                    + ", so that every national system receives the alert");
        }
        List<String> chosen = EU.subList(0, countries);
        List<Authority> all = new ArrayList<>();
        for (int i = 0; i < recipients; i++) {
            String country = chosen.get(i % countries);
            all.add(new Authority(String.format(Locale.ROOT, "%s-PQ-%04d", country, i / countries + 1), country,
                    accessPointOf(country)));
        }
        return new FanOutDirectory(all, new Authority(chosen.get(0) + "-ALERT-DESK", chosen.get(0),
                accessPointOf(chosen.get(0))), chosen);
    }

    static String accessPointOf(String country) {
        return "ap-" + country.toLowerCase(Locale.ROOT);
    }

    List<String> accessPoints() {
        return countries.stream().map(FanOutDirectory::accessPointOf).toList();
    }

    /** The hub's directory file: every authority granted the alert procedure, no coordinators. */
    String xml() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<directory xmlns=\"urn:imigateway:imi:directory:1\">\n");
        List<Authority> all = new ArrayList<>(recipients);
        all.add(sender);
        for (Authority a : all) {
            xml.append("  <authority id=\"").append(a.id()).append("\" country=\"").append(a.country()).append("\">\n")
                    .append("    <name lang=\"en\">Competent authority ").append(a.id()).append("</name>\n")
                    .append("    <accessPoint>").append(a.accessPoint()).append("</accessPoint>\n")
                    .append("    <grant policyArea=\"").append(POLICY_AREA).append("\"><procedure>").append(PROCEDURE)
                    .append("</procedure></grant>\n")
                    .append("  </authority>\n");
        }
        return xml.append("</directory>\n").toString();
    }
}
