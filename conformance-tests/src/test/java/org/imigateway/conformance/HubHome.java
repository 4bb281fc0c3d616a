package org.imigateway.conformance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.imigateway.testsupport.Folders;
import org.imigateway.testsupport.FreePort;
import org.imigateway.testsupport.GatewayHome;

/**
 * Our gateway configured as a cooperation hub for the suite: a home with the target's keys and
 * PModes (party {@code target}) and {@code gateway.role=hub}, whose directory names the suite's
 * party as the access point of four authorities and two coordinators, and another access point's
 * authority that the directory search finds too.
 */
final class HubHome {

    /** The authority the suite sends as: a German medical chamber, granted requests, alerts and the repository. */
    static final String AUTHORITY = "DE-AEK-NORDRHEIN";
    /** Served by the suite too: the addressee of requests, reached by alerts to France. */
    static final String PEER = "FR-ORDRE";
    /** Served by the suite, granted the repository procedure, but Latvia is outside its access group. */
    static final String OUTSIDER = "LV-VDI";
    /** Served by the suite: Germany's coordinator for professional qualifications, responsible for registrations there. */
    static final String COORDINATOR = "DE-ZAB";
    /** Served by the suite: the Polish chamber the peer forwards a request to; notified with the peer. */
    static final String FORWARDEE = "PL-NIL";
    /** Served by the suite: Germany's national coordinator, responsible for what is not delegated. */
    static final String NATIONAL_COORDINATOR = "DE-BVA";

    private HubHome() {
    }

    /** Makes the hub home beside the target's (the target's data is not copied) and returns it. */
    static Path create(ConformanceNetwork network) throws IOException {
        return create(network, "hub");
    }

    /** As {@link #create(ConformanceNetwork)}, in {@code net/<name>}. */
    static Path create(ConformanceNetwork network, String name) throws IOException {
        Path home = network.dir.resolve("net/" + name);
        Folders.deleteTree(home);
        for (String folder : List.of("config", "keystores")) {
            Folders.copyTree(network.targetHome().resolve(folder), home.resolve(folder));
        }
        // later lines of a properties file win: a port of its own, no TLS, the hub role; the overdue
        // timer looks every 2 s (default 60), so coop-overdue ends in seconds
        GatewayHome.at(home).appendProperties("http.port=" + FreePort.onLoopback(), "https.port=-1", "gateway.role=hub",
                "overdue.checkSeconds=2")
                .writeConfig("directory/authorities.xml", directory());
        return home;
    }

    static String url(Path home) throws IOException {
        return GatewayHome.at(home).as4Url();
    }

    private static String directory() {
        String suite = ConformanceNetwork.SUITE;
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<directory xmlns=\"urn:imigateway:imi:directory:1\">\n"
                + authority(AUTHORITY, "DE", "de", "Ärztekammer Nordrhein", suite,
                        grant("professional-qualifications", "pq-request", "pq-alert")
                                + grant("posting-of-workers", "posting-declarations") + grant("services", "services-notification"))
                + authority(PEER, "FR", "fr", "Ordre des médecins", suite,
                        grant("professional-qualifications", "pq-request", "pq-alert") + grant("services", "services-notification"))
                + authority(FORWARDEE, "PL", "pl", "Naczelna Izba Lekarska", suite,
                        grant("professional-qualifications", "pq-request") + grant("services", "services-notification"))
                + authority(OUTSIDER, "LV", "lv", "Valsts darba inspekcija", suite,
                        grant("posting-of-workers", "posting-declarations"))
                + authority("DE-AEK-HAMBURG", "DE", "de", "Aerztekammer Hamburg", ConformanceNetwork.TARGET,
                        grant("professional-qualifications", "pq-alert"))
                + authority(NATIONAL_COORDINATOR, "DE", "de", "Bundesverwaltungsamt", suite, "")
                + authority(COORDINATOR, "DE", "de", "Zentralstelle für ausländisches Bildungswesen", suite, "")
                + "  <coordinator authority=\"" + NATIONAL_COORDINATOR + "\" country=\"DE\" scope=\"national\"/>\n"
                + "  <coordinator authority=\"" + COORDINATOR + "\" country=\"DE\" scope=\"policy-area\""
                + " policyArea=\"professional-qualifications\"/>\n"
                + "</directory>\n";
    }

    private static String authority(String id, String country, String lang, String name, String accessPoint, String grants) {
        return "  <authority id=\"" + id + "\" country=\"" + country + "\">\n    <name lang=\"" + lang + "\">" + name
                + "</name>\n    <accessPoint>" + accessPoint + "</accessPoint>\n    " + grants + "\n  </authority>\n";
    }

    private static String grant(String area, String... procedures) {
        StringBuilder xml = new StringBuilder("<grant policyArea=\"" + area + "\">");
        for (String procedure : procedures) {
            xml.append("<procedure>").append(procedure).append("</procedure>");
        }
        return xml.append("</grant>").toString();
    }
}
