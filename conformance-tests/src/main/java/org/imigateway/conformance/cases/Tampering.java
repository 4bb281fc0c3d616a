package org.imigateway.conformance.cases;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.imigateway.conformance.run.Session;
import org.imigateway.conformance.run.Verdict;
import org.imigateway.conformance.wire.Ns;
import org.imigateway.conformance.wire.Packet;
import org.imigateway.conformance.wire.Part;
import org.imigateway.conformance.wire.Xml;
import org.w3c.dom.Element;

/** The edits of the security cases, named for the attack, made after the message was signed and encrypted. */
final class Tampering {

    private static final String ATTACKER = "urn:imi-conformance:attacker";

    private Tampering() {
    }

    static void flipAttachmentByte(Packet packet) {
        Part part = packet.parts().get(0);
        byte[] bytes = part.bytes().clone();
        bytes[bytes.length / 2] ^= (byte) 0xFF;
        packet.parts().set(0, part.withBytes(bytes));
    }

    /** Changes a value no PMode lookup depends on, so only the signature check can catch it. */
    static void rewriteOriginalSender(Packet packet) {
        for (Element property : Xml.descendants(packet.messaging(), Ns.EBMS, "Property")) {
            if ("originalSender".equals(property.getAttribute("name"))) {
                property.setTextContent("urn:imi-conformance:forged-sender");
            }
        }
    }

    /** The signed eb:Messaging goes into a header block; a copy without its wsu:Id, with another Action, takes its place. */
    static void wrapMessaging(Packet packet) {
        Element signed = packet.messaging();
        Element forged = (Element) signed.cloneNode(true);
        forged.removeAttributeNS(Ns.WSU, "Id");
        Xml.descendants(forged, Ns.EBMS, "Action").get(0).setTextContent("ForgedAction");
        packet.header().replaceChild(forged, signed);
        wrapper(packet).appendChild(signed);
    }

    /** The signed Body goes into a header block; a forged Body with content takes its place. */
    static void wrapBody(Packet packet) {
        Element signed = packet.body();
        Element forged = packet.soap().createElementNS(Ns.SOAP12, "S12:Body");
        Xml.append(forged, ATTACKER, "x:Order", "pay mallory");
        signed.getParentNode().replaceChild(forged, signed);
        wrapper(packet).appendChild(signed);
    }

    private static Element wrapper(Packet packet) {
        return Xml.append(packet.header(), ATTACKER, "x:Wrapper");
    }

    /**
     * XXE: a DOCTYPE whose external entity names a local canary file replaces the originalSender
     * value. The target must refuse, and its answer must not contain the canary's secret.
     */
    static Verdict xxe(Session session) throws Exception {
        String secret = "canary-" + UUID.randomUUID();
        Path canary = Files.createTempFile("imi-conformance-canary-", ".txt");
        try {
            Files.writeString(canary, secret, StandardCharsets.UTF_8);
            String doctype = "<!DOCTYPE S12:Envelope [<!ENTITY canary SYSTEM \"" + canary.toUri() + "\">]>";
            var draft = session.draft().soapText(text -> {
                int afterDeclaration = text.indexOf("?>") + 2;
                return text.substring(0, afterDeclaration) + doctype
                        + text.substring(afterDeclaration).replace("urn:imi-conformance:c1", "&canary;");
            });
            Session.Exchange exchange = session.send("message with an external entity", session.compose(draft));
            if (exchange.answer().bodyText().contains(secret)) {
                return Verdict.fail("the target resolved the external entity: its answer contains the canary file's"
                        + " content " + secret);
            }
            String because = "its envelope declares a DOCTYPE with an external entity";
            if (exchange.signal().isEmpty() && exchange.answer().status() >= 400) {
                // No ebMS header can be read from an envelope refused at parsing: an HTTP error (or SOAP fault) is a refusal.
                return Verdict.pass("refused at parsing with HTTP " + exchange.answer().status() + ": " + exchange.reading());
            }
            return Probes.judgeRefusal(exchange, because, java.util.Set.of("EBMS:0009"), false);
        } finally {
            Files.deleteIfExists(canary);
        }
    }
}
