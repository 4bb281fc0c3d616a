package org.imigateway.pmode;

import java.util.Optional;

/**
 * One {@code <leg>} of a PMode file as the gateway writes it for the homes it makes (the demo
 * legs, the IMI business legs): compressed, with reception awareness and duplicate detection.
 */
public record LegXml(String id, String serviceType, String service, String action, String agreement, String profile,
        long maxPayloadSize, Optional<String> payloadSchema) {

    public String xml() {
        return """
                  <leg id="%s">
                    <service type="%s">%s</service>
                    <action>%s</action>
                    <agreement>%s</agreement>
                    <security profile="%s"/>
                    <compression>true</compression>
                    <receptionAwareness retry="0.5;9;CONSTANT" duplicateDetection="true"/>
                    <maxPayloadSize>%d</maxPayloadSize>
                %s  </leg>
                """.formatted(id, serviceType, service, action, agreement, profile, maxPayloadSize,
                payloadSchema.map(schema -> "    <payloadSchema>" + schema + "</payloadSchema>\n").orElse(""));
    }
}
