package org.imigateway.conformance.wire;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;

import org.apache.wss4j.common.ext.Attachment;
import org.apache.wss4j.common.ext.AttachmentRequestCallback;
import org.apache.wss4j.common.ext.AttachmentResultCallback;
import org.apache.wss4j.common.ext.WSPasswordCallback;

/**
 * Lets WSS4J read and replace the attachments of a packet (SwA profile 1.1): it asks for
 * attachment content to digest or encrypt, and hands back what it encrypted or decrypted.
 * The suite's messages are small, so parts are kept in memory.
 */
final class AttachmentBridge implements CallbackHandler {

    /** WSS4J's name for "every attachment" in a {@code cid:Attachments} part. */
    private static final String ALL = "Attachments";

    private final List<Part> parts;
    private final CallbackHandler passwords;

    AttachmentBridge(List<Part> parts, CallbackHandler passwords) {
        this.parts = parts;
        this.passwords = passwords;
    }

    @Override
    public void handle(Callback[] callbacks) throws IOException, UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (callback instanceof AttachmentRequestCallback request) {
                List<Attachment> found = new ArrayList<>();
                for (Part part : parts) {
                    String id = request.getAttachmentId();
                    if (id == null || ALL.equals(id) || part.contentId().equals(Part.bare(id))) {
                        found.add(attachment(part));
                    }
                }
                request.setAttachments(found);
            } else if (callback instanceof AttachmentResultCallback result) {
                replace(result.getAttachmentId(), result.getAttachment());
            } else if (callback instanceof WSPasswordCallback) {
                passwords.handle(new Callback[] {callback});
            } else {
                throw new UnsupportedCallbackException(callback);
            }
        }
    }

    private static Attachment attachment(Part part) {
        Attachment attachment = new Attachment();
        attachment.setId(part.contentId());
        attachment.setMimeType(part.contentType());
        Map<String, String> headers = new LinkedHashMap<>(part.headers());
        headers.putIfAbsent("Content-Type", part.contentType());
        headers.putIfAbsent("Content-ID", "<" + part.contentId() + ">");
        attachment.addHeaders(headers);
        attachment.setSourceStream(new ByteArrayInputStream(part.bytes()));
        return attachment;
    }

    private void replace(String requestedId, Attachment result) throws IOException {
        String id = Part.bare(result.getId() != null ? result.getId() : requestedId);
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            if (part.contentId().equals(id)) {
                byte[] bytes;
                try (InputStream in = result.getSourceStream()) {
                    bytes = in.readAllBytes();
                }
                Map<String, String> headers = new LinkedHashMap<>();
                if (result.getHeaders() != null) {
                    result.getHeaders().forEach((name, value) -> {
                        if (!name.equalsIgnoreCase("Content-ID") && !name.equalsIgnoreCase("Content-Type")
                                && !name.equalsIgnoreCase("Content-Transfer-Encoding")) {
                            headers.put(name, value);
                        }
                    });
                }
                String type = result.getMimeType() != null ? result.getMimeType() : part.contentType();
                parts.set(i, part.with(type, headers, bytes));
                return;
            }
        }
        throw new IOException("WSS4J returned an attachment the message does not have: " + id);
    }
}
