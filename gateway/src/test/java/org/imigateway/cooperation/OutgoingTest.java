package org.imigateway.cooperation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.imigateway.schemas.imi.ImiDocumentType;
import org.junit.jupiter.api.Test;

class OutgoingTest {

    @Test
    void aDecisionLineKeepsEachPayloadWithItsPartProperties() {
        Map<String, String> rendering = new LinkedHashMap<>();
        rendering.put("role", "rendering");
        rendering.put("lang", "de");
        Outgoing message = new Outgoing(ImiDocumentType.REQUEST_SUBMIT, "ap-1", "LV-VI", "DE-BVA",
                List.of(new Outgoing.Payload(Path.of("/data/in/payload-1"), "application/xml"),
                        new Outgoing.Payload(Path.of("/data/cooperation/ab12-de.xhtml"), "application/xhtml+xml", rendering)),
                "forward");

        Outgoing again = Outgoing.parse(message.line());

        assertEquals(message, again);
        assertEquals(List.of("role", "lang"), List.copyOf(again.payloads().get(1).properties().keySet()));
    }

    @Test
    void aLineWrittenBeforePartPropertiesStillReads() {
        Outgoing old = Outgoing.parse("REQUEST_SUBMIT|ap-1|LV-VI|DE-BVA|forward|/data/in/payload-1;application/xml");
        assertEquals(List.of(new Outgoing.Payload(Path.of("/data/in/payload-1"), "application/xml")), old.payloads());
    }
}
