package org.imigateway.pmode;

import java.util.Optional;

/**
 * One {@code <leg>} of a PMode file as the gateway writes it for the homes it makes (the demo
 * legs, the IMI business legs): compressed, with reception awareness and duplicate detection.
 */
public record LegXml(String id, String serviceType, String service, String action, String agreement, String profile,
        long maxPayloadSize, Optional<String> payloadSchema) {

    /**
     * The made homes' retries: for 15 minutes after the first attempt, 224 retries evenly spaced
     * (15 min / 225 = every 4 s), so a partner down for 10 minutes still gets the message and
     * one that comes back is reached within seconds.
     */
    public static final String DEMO_RETRY = "15;224;CONSTANT";

    public String xml() {
        return """
                  <leg id="%s">
                    <service type="%s">%s</service>
                    <action>%s</action>
                    <agreement>%s</agreement>
                    <security profile="%s"/>
                    <compression>true</compression>
                    <receptionAwareness retry="%s" duplicateDetection="true"/>
                    <maxPayloadSize>%d</maxPayloadSize>
                %s  </leg>
                """.formatted(id, serviceType, service, action, agreement, profile, DEMO_RETRY, maxPayloadSize,
                payloadSchema.map(schema -> "    <payloadSchema>" + schema + "</payloadSchema>\n").orElse(""));
    }
}
