package org.imigateway.as4.hostile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.imigateway.as4.As4Part;
import org.imigateway.as4.Dom;
import org.imigateway.as4.Namespaces;
import org.imigateway.as4.Timestamps;
import org.imigateway.as4.outflow.OutboundMessage.OutboundPart;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.schemas.ebms3.Messaging;
import org.imigateway.schemas.ebms3.PartInfo;
import org.imigateway.schemas.ebms3.UserMessage;
import org.w3c.dom.Element;

/** The edits the hostile corpus makes at the crafter's stages, named for the attack. */
public final class Attacks {

    private static final String WSU_ID = "Id";
    private static final String ATTACKER = "urn:attacker";

    private Attacks() {
    }

    public static UserMessage user(Messaging messaging) {
        return messaging.getUserMessages().get(0);
    }

    /** A PartInfo that points wherever {@code href} says, after the real ones. */
    public static Consumer<Messaging> addPartInfo(String href) {
        return messaging -> {
            PartInfo info = new PartInfo();
            info.setHref(href);
            user(messaging).getPayloadInfo().getPartInfos().add(info);
        };
    }

    /** Replaces the bytes of the first (already compressed) payload. */
    public static Consumer<List<OutboundPart>> rewriteFirstPart(UnaryOperator<byte[]> change) {
        return parts -> {
            OutboundPart first = parts.get(0);
            try {
                byte[] bytes = change.apply(Files.readAllBytes(first.part().file()));
                Path file = Files.write(Files.createTempFile(first.part().file().getParent(), "rewritten-", ".bin"), bytes);
                parts.set(0, new OutboundPart(first.part().withContent(first.part().contentType(), file), first.properties()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** Changes the PartProperties of the first payload. */
    public static Consumer<List<OutboundPart>> firstPartProperties(Consumer<List<MessageProperty>> change) {
        return parts -> {
            OutboundPart first = parts.get(0);
            List<MessageProperty> properties = new ArrayList<>(first.properties());
            change.accept(properties);
            parts.set(0, new OutboundPart(first.part(), properties));
        };
    }

    /** An attachment that no PartInfo describes. */
    public static Consumer<Packet> addStowaway(String contentId) {
        return packet -> {
            try {
                Path file = Files.createTempFile(packet.parts().get(0).file().getParent(), "stowaway-", ".bin");
                Files.writeString(file, "not announced in the header", StandardCharsets.UTF_8);
                packet.parts().add(new As4Part(contentId, "text/plain", Map.of(), file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** The contents of the first two attachments trade places; their Content-IDs stay. */
    public static void swapFirstTwoParts(Packet packet) {
        As4Part first = packet.parts().get(0);
        As4Part second = packet.parts().get(1);
        packet.parts().set(0, first.withContent(first.contentType(), second.file()));
        packet.parts().set(1, second.withContent(second.contentType(), first.file()));
    }

    /** The MIME Content-Type of the first attachment, which the SwA content transform canonicalises by. */
    public static Consumer<Packet> firstPartContentType(String contentType) {
        return packet -> {
            As4Part first = packet.parts().get(0);
            packet.parts().set(0, first.withContent(contentType, first.file()));
        };
    }

    /** Signature wrapping: the signed Body goes into a header block, a forged Body takes its place. */
    public static void wrapSignedBody(Packet packet) {
        Element signed = packet.body();
        Element forged = packet.soap().createElementNS(Namespaces.SOAP12, "S12:Body");
        forged.appendChild(packet.soap().createElementNS(ATTACKER, "x:Order")).setTextContent("pay mallory");
        signed.getParentNode().replaceChild(forged, signed);
        wrapper(packet).appendChild(signed);
    }

    /** Signature wrapping: the signed eb:Messaging goes into a header block, a forged one takes its place. */
    public static Consumer<Packet> wrapSignedMessaging(String forgedAction) {
        return packet -> {
            Element signed = packet.messaging();
            Element forged = forgedCopy(signed, forgedAction);
            packet.header().replaceChild(forged, signed);
            wrapper(packet).appendChild(signed);
        };
    }

    /** A second, unsigned eb:Messaging with another Action beside the signed one. */
    public static Consumer<Packet> addForgedMessaging(String forgedAction) {
        return packet -> packet.header().insertBefore(forgedCopy(packet.messaging(), forgedAction), packet.messaging());
    }

    /** The eb:MessageInfo/Timestamp, set before signing, so the signature covers it. */
    public static Consumer<Messaging> messageTimestamp(Instant created) {
        return messaging -> user(messaging).getMessageInfo().setTimestamp(Timestamps.of(created));
    }

    /** A wsu:Timestamp as the first child of the wsse:Security header, as WSS4J places it. */
    public static Consumer<Packet> wsuTimestamp(Instant created, Instant expires) {
        return packet -> {
            Element security = Dom.child(packet.header(), Namespaces.WSSE, "Security").orElseThrow();
            Element timestamp = packet.soap().createElementNS(Namespaces.WSU, "wsu:Timestamp");
            timestamp.appendChild(packet.soap().createElementNS(Namespaces.WSU, "wsu:Created"))
                    .setTextContent(created.toString());
            timestamp.appendChild(packet.soap().createElementNS(Namespaces.WSU, "wsu:Expires"))
                    .setTextContent(expires.toString());
            security.insertBefore(timestamp, security.getFirstChild());
        };
    }

    public static void removeMessaging(Packet packet) {
        packet.header().removeChild(packet.messaging());
    }

    public static void forgeAction(Packet packet, String action) {
        packet.ebms("Action").setTextContent(action);
    }

    /** An XInclude of {@code url} in the Body (signed with it, if done before security). */
    public static Consumer<Packet> xinclude(String url) {
        return packet -> {
            String xinclude = "http://www.w3.org/2001/XInclude";
            Element include = packet.soap().createElementNS(xinclude, "xi:include");
            // declared explicitly: canonicalisation signs the DOM as it is, without serialiser fix-ups
            include.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:xi", xinclude);
            include.setAttribute("href", url);
            include.setAttribute("parse", "text");
            packet.body().appendChild(include);
        };
    }

    /**
     * Puts {@code doctype} after the XML declaration of the SOAP text and {@code reference} (an
     * entity reference) in place of the originalSender property value.
     */
    public static UnaryOperator<String> doctype(String doctype, String reference) {
        return text -> {
            int afterDeclaration = text.indexOf("?>") + 2;
            return text.substring(0, afterDeclaration) + doctype
                    + text.substring(afterDeclaration).replace("urn:authority:crafter", reference);
        };
    }

    public static String billionLaughs() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE S12:Envelope [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        return dtd.append("]>").toString();
    }

    private static Element forgedCopy(Element messaging, String action) {
        Element forged = (Element) messaging.cloneNode(true);
        forged.removeAttributeNS(Namespaces.WSU, WSU_ID);
        Dom.descendants(forged, Namespaces.EBMS, "Action").get(0).setTextContent(action);
        return forged;
    }

    private static Element wrapper(Packet packet) {
        Element wrapper = packet.soap().createElementNS(ATTACKER, "x:Wrapper");
        packet.header().appendChild(wrapper);
        return wrapper;
    }
}
