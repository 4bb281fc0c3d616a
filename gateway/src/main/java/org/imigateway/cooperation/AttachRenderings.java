package org.imigateway.cooperation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.imigateway.connectors.fs.DurableFiles;
import org.imigateway.cooperation.rendering.ReaderLanguage;
import org.imigateway.cooperation.rendering.Renderer;
import org.imigateway.directory.Authority;
import org.imigateway.schemas.imi.ImiDocumentType;

/**
 * Gives every business message the hub forwards to an authority a rendering in that
 * authority's language, as one more payload after the ones received, which go on byte for
 * byte: the original stays the first payload (the one the receiving leg validates) and the
 * document that counts. The rendering is a part of its own, {@value #MIME_TYPE} with part
 * properties {@code role=rendering} and {@code lang}, written to a file named from the received
 * MessageId and the language (the copies in one language share it), so a decision made again
 * after a crash makes the same file.
 */
final class AttachRenderings {

    static final String MIME_TYPE = "application/xhtml+xml";
    static final String ROLE = "role";
    static final String RENDERING = "rendering";
    static final String LANG = "lang";

    private final HubContext hub;
    private final Renderer renderer;

    AttachRenderings(HubContext hub, Renderer renderer) {
        this.hub = hub;
        this.renderer = renderer;
    }

    /** The messages, each with its rendering added where its type is rendered and its recipient is in the directory. */
    List<Outgoing> attach(String receivedMessageId, ImiDocumentType type, Supplier<Object> document,
            List<Outgoing> messages) {
        if (!Renderer.RENDERED.contains(type)) {
            return messages;
        }
        List<Outgoing> rendered = new ArrayList<>();
        // The page depends on the document and the language only: an alert to 1,000 authorities is
        // rendered, written and synced once per language, not once per copy.
        Map<String, Path> pages = new java.util.HashMap<>();
        for (Outgoing message : messages) {
            Optional<Authority> reader = hub.directory().find(message.finalRecipient());
            if (reader.isEmpty()) {
                rendered.add(message);
                continue;
            }
            String lang = ReaderLanguage.of(reader.get());
            Path file = pages.computeIfAbsent(lang, l -> write(renderer.render(type, document.get(), l).orElseThrow(),
                    Hashes.name(receivedMessageId, "rendering") + "-" + l));
            List<Outgoing.Payload> payloads = new ArrayList<>(message.payloads());
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put(ROLE, RENDERING);
            properties.put(LANG, lang);
            payloads.add(new Outgoing.Payload(file, MIME_TYPE, properties));
            rendered.add(new Outgoing(message.type(), message.toParty(), message.originalSender(), message.finalRecipient(),
                    payloads, message.key()));
        }
        return rendered;
    }

    /** Synced like every document the hub makes: the decision that names it must not outlive it. */
    private Path write(byte[] page, String name) {
        Path file = hub.documents().resolve(name + ".xhtml");
        try {
            Files.write(file, page);
            DurableFiles.sync(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("rendering " + file + " cannot be written", e);
        }
    }
}
