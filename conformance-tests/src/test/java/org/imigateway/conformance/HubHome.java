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
 * party as the access point of three authorities, and another access point's authority that the
 * directory search finds too.
 */
final class HubHome {

    /** The authority the suite sends as: a German medical chamber, granted requests, alerts and the repository. */
    static final String AUTHORITY = "DE-AEK-NORDRHEIN";
    /** Served by the suite too: the addressee of requests, reached by alerts to France. */
    static final String PEER = "FR-ORDRE";
    /** Served by the suite, granted the repository procedure, but Latvia is outside its access group. */
    static final String OUTSIDER = "LV-VDI";

    private HubHome() {
    }

    /** Makes the hub home beside the target's (the target's data is not copied) and returns it. */
    static Path create(ConformanceNetwork network) throws IOException {
        Path home = network.dir.resolve("net/hub");
        Folders.deleteTree(home);
        for (String folder : List.of("config", "keystores")) {
            Folders.copyTree(network.targetHome().resolve(folder), home.resolve(folder));
        }
        // later lines of a properties file win: a port of its own, no TLS, the hub role
        GatewayHome.at(home).appendProperties("http.port=" + FreePort.onLoopback(), "https.port=-1", "gateway.role=hub")
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
                                + grant("posting-of-workers", "posting-declarations"))
                + authority(PEER, "FR", "fr", "Ordre des médecins", suite,
                        grant("professional-qualifications", "pq-request", "pq-alert"))
                + authority(OUTSIDER, "LV", "lv", "Valsts darba inspekcija", suite,
                        grant("posting-of-workers", "posting-declarations"))
                + authority("DE-AEK-HAMBURG", "DE", "de", "Aerztekammer Hamburg", ConformanceNetwork.TARGET,
                        grant("professional-qualifications", "pq-alert"))
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
