package org.imigateway.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Who is in the sandbox: one robot authority per robot country, each behind an access point of
 * its own and its country's national coordinator; the integrator's authority in its country,
 * behind the integrator's access point; and a robot national coordinator of the integrator's
 * country (on the first robot country's access point), which decides the integrator's
 * registrations. Every authority is granted the request procedure of each of the three policy
 * areas and the alert procedure.
 */
record SandboxDirectory(List<String> robotCountries, String integratorCountry) {

    static final String HUB = "hub";
    static final String INTEGRATOR_ACCESS_POINT = "integrator";
    static final List<String> ROBOT_COUNTRIES = List.of("DE", "FR", "PL");

    /** The three policy areas of the request scenarios, each with its request procedure and its question. */
    enum Area {
        PROFESSIONAL_QUALIFICATIONS("professional-qualifications", "pq-request", "pq-verification", "document-authentic"),
        SERVICES("services", "services-request", "services-verification", "legally-established"),
        POSTING_OF_WORKERS("posting-of-workers", "posting-request", "posting-verification", "declaration-correct");

        final String code;
        final String procedure;
        final String questionSet;
        final String question;

        Area(String code, String procedure, String questionSet, String question) {
            this.code = code;
            this.procedure = procedure;
            this.questionSet = questionSet;
            this.question = question;
        }

        static Area ofProcedure(String procedure) {
            for (Area area : values()) {
                if (area.procedure.equals(procedure)) {
                    return area;
                }
            }
            throw new IllegalArgumentException("no request procedure '" + procedure + "' in the sandbox; known: "
                    + List.of(values()).stream().map(a -> a.procedure).toList());
        }
    }

    static final String ALERT_PROCEDURE = "pq-alert";

    SandboxDirectory {
        robotCountries = List.copyOf(robotCountries);
        if (!integratorCountry.matches("[A-Z]{2}") || robotCountries.contains(integratorCountry)) {
            throw new IllegalArgumentException("integrator country '" + integratorCountry
                    + "': two capital letters, not one of the robot countries " + robotCountries);
        }
    }

    static String robot(String country) {
        return country + "-ROBOT";
    }

    static String accessPointOf(String country) {
        return "ap-" + country.toLowerCase(Locale.ROOT);
    }

    String integrator() {
        return integratorCountry + "-INTEGRATOR";
    }

    /** The robot that decides registrations of the integrator's country. */
    String integratorCoordinator() {
        return integratorCountry + "-COORDINATOR";
    }

    List<String> robots() {
        return robotCountries.stream().map(SandboxDirectory::robot).toList();
    }

    /** Every gateway of the sandbox: the hub, one access point per robot country, the integrator's. */
    List<String> parties() {
        List<String> parties = new ArrayList<>(List.of(HUB));
        robotCountries.forEach(c -> parties.add(accessPointOf(c)));
        parties.add(INTEGRATOR_ACCESS_POINT);
        return parties;
    }

    /** The access point a robot authority sits behind (its country's; the coordinator on the first robot country's). */
    String accessPointOfRobot(String authority) {
        return authority.equals(integratorCoordinator()) ? accessPointOf(robotCountries.get(0))
                : accessPointOf(authority.substring(0, 2));
    }

    /** The hub's directory file. */
    String xml() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<directory xmlns=\"urn:imigateway:imi:directory:1\">\n");
        for (String country : robotCountries) {
            authority(xml, robot(country), country, "Robot authority " + country, accessPointOf(country), true);
        }
        authority(xml, integrator(), integratorCountry, "Integrator's authority", INTEGRATOR_ACCESS_POINT, true);
        authority(xml, integratorCoordinator(), integratorCountry, "Robot national coordinator " + integratorCountry,
                accessPointOfRobot(integratorCoordinator()), false);
        for (String country : robotCountries) {
            xml.append("  <coordinator authority=\"").append(robot(country)).append("\" country=\"").append(country)
                    .append("\" scope=\"national\"/>\n");
        }
        xml.append("  <coordinator authority=\"").append(integratorCoordinator()).append("\" country=\"")
                .append(integratorCountry).append("\" scope=\"national\"/>\n");
        return xml.append("</directory>\n").toString();
    }

    /** The grants of an authority the integrator registers: the same as its own. */
    static String grants() {
        StringBuilder xml = new StringBuilder();
        for (Area area : Area.values()) {
            xml.append("<grant policyArea=\"").append(area.code).append("\"><procedure>").append(area.procedure)
                    .append("</procedure>");
            if (area == Area.PROFESSIONAL_QUALIFICATIONS) {
                xml.append("<procedure>").append(ALERT_PROCEDURE).append("</procedure>");
            }
            xml.append("</grant>");
        }
        return xml.toString();
    }

    private static void authority(StringBuilder xml, String id, String country, String name, String accessPoint,
            boolean granted) {
        xml.append("  <authority id=\"").append(id).append("\" country=\"").append(country).append("\">\n")
                .append("    <name lang=\"en\">").append(name).append("</name>\n")
                .append("    <accessPoint>").append(accessPoint).append("</accessPoint>\n");
        if (granted) {
            xml.append("    ").append(grants()).append('\n');
        }
        xml.append("  </authority>\n");
    }
}
