package org.imigateway.as4;

import java.io.IOException;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;

import org.apache.wss4j.common.ext.Attachment;
import org.apache.wss4j.dom.transform.AttachmentContentSignatureTransform;
import org.apache.wss4j.common.ext.AttachmentRequestCallback;
import org.apache.wss4j.common.ext.AttachmentResultCallback;
import org.apache.wss4j.common.ext.WSPasswordCallback;

/**
 * Lets WSS4J read and replace the attachments of a message (SwA profile 1.1): it asks for
 * attachment streams to digest or encrypt, and hands back encrypted or decrypted content,
 * which is spooled to a file and replaces the part in the envelope, or, for a sender's
 * encryption, kept unread for the MIME writer (deferred results).
 */
final class AttachmentCallbacks implements CallbackHandler {

    /** WSS4J's name for "every attachment" in a {@code cid:Attachments} part. */
    private static final String ALL = "Attachments";

    private final MimeEnvelope envelope;
    private final Path workDir;
    private final CallbackHandler passwords;
    private static final int WRITE_BUFFER = 256 * 1024;

    private final List<InputStream> opened = new ArrayList<>();
    private final boolean deferResults;
    private final Map<String, Pending> pending = new LinkedHashMap<>();

    AttachmentCallbacks(MimeEnvelope envelope, Path workDir, CallbackHandler passwords) {
        this(envelope, workDir, passwords, false);
    }

    /**
     * @param deferResults keep what WSS4J hands back unread ({@link #partsWithPending}) instead of
     *        spooling it to a file and replacing the part: the sender's encryption, whose cipher
     *        streams are read once, by the MIME writer
     */
    AttachmentCallbacks(MimeEnvelope envelope, Path workDir, CallbackHandler passwords, boolean deferResults) {
        this.envelope = envelope;
        this.workDir = workDir;
        this.passwords = passwords;
        this.deferResults = deferResults;
    }

    @Override
    public void handle(Callback[] callbacks) throws IOException, UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (callback instanceof AttachmentRequestCallback request) {
                request.setAttachments(requested(request.getAttachmentId()));
            } else if (callback instanceof AttachmentResultCallback result) {
                store(result.getAttachmentId(), result.getAttachment());
            } else if (callback instanceof WSPasswordCallback) {
                passwords.handle(new Callback[] {callback});
            } else {
                throw new UnsupportedCallbackException(callback);
            }
        }
    }

    private List<Attachment> requested(String id) throws IOException {
        List<Attachment> result = new ArrayList<>();
        for (As4Part part : envelope.parts()) {
            if (id == null || ALL.equals(id) || part.contentId().equals(id)) {
                result.add(toAttachment(part));
            }
        }
        return result;
    }

    private Attachment toAttachment(As4Part part) throws IOException {
        Attachment attachment = new Attachment();
        attachment.setId(part.contentId());
        attachment.setMimeType(part.contentType());
        Map<String, String> headers = new LinkedHashMap<>(part.headers());
        headers.putIfAbsent("Content-Type", part.contentType());
        headers.putIfAbsent("Content-ID", "<" + part.contentId() + ">");
        attachment.addHeaders(headers);
        InputStream in = part.open();
        synchronized (opened) {
            opened.add(in);
        }
        attachment.setSourceStream(in);
        return attachment;
    }

    private void store(String id, Attachment attachment) throws IOException {
        String contentId = attachment.getId() != null ? attachment.getId() : id;
        As4Part current = envelope.part(contentId)
                .orElseThrow(() -> new IOException("WSS4J returned an attachment we do not have: " + contentId));
        if (unchanged(current, attachment)) {
            return;
        }
        String mimeType = attachment.getMimeType() != null ? attachment.getMimeType() : current.contentType();
        Map<String, String> headers = new LinkedHashMap<>();
        if (attachment.getHeaders() != null) {
            attachment.getHeaders().forEach((k, v) -> {
                if (!k.equalsIgnoreCase("Content-ID") && !k.equalsIgnoreCase("Content-Type")
                        && !k.equalsIgnoreCase("Content-Transfer-Encoding")) {
                    headers.put(k, v);
                }
            });
        }
        Pending result = new Pending(current.contentId(), mimeType, Map.copyOf(headers), attachment.getSourceStream());
        if (deferResults) {
            synchronized (pending) {
                pending.put(current.contentId(), result);
            }
        } else {
            envelope.replace(spool(result, workDir));
        }
    }

    /** Writes a pending result to a file of {@code workDir}: the part that replaces the original. */
    static As4Part spool(Pending result, Path workDir) throws IOException {
        Path file = Files.createTempFile(workDir, "sec-", ".bin");
        // Buffered: WSS4J's cipher stream hands out 512 bytes a read, and writing each to the file
        // was a system call per 512 bytes (4 million for a 2 GiB payload, most of its encryption time).
        try (InputStream in = result.open();
                OutputStream out = new BufferedOutputStream(WorkFolders.openCreated(file), WRITE_BUFFER)) {
            in.transferTo(out);
        }
        return new As4Part(result.contentId(), result.contentType(), result.headers(), file);
    }

    /** The results held back (deferred mode), in the envelope's order of parts. */
    List<MimeWriter.Part> partsWithPending() {
        List<MimeWriter.Part> parts = new ArrayList<>();
        synchronized (pending) {
            for (As4Part part : envelope.parts()) {
                parts.add(pending.containsKey(part.contentId()) ? pending.get(part.contentId()) : part);
            }
        }
        return parts;
    }

    /**
     * Content WSS4J handed back and nobody has read yet: for encryption, its cipher stream over
     * the part's file, which encrypts as it is read. It opens once.
     */
    record Pending(String contentId, String contentType, Map<String, String> headers, InputStream stream,
            AtomicBoolean opened) implements MimeWriter.Part {

        Pending(String contentId, String contentType, Map<String, String> headers, InputStream stream) {
            this(contentId, contentType, headers, stream, new AtomicBoolean());
        }

        @Override
        public InputStream open() throws IOException {
            if (stream == null) {
                throw new IOException("WSS4J returned attachment " + contentId + " without content");
            }
            if (!opened.compareAndSet(false, true)) {
                throw new IllegalStateException("the content of attachment " + contentId + " is a stream read once, and was read");
            }
            return stream;
        }
    }

    /**
     * The attachment signature transform (signing and verifying) only digests: it hands back the
     * stream it read, reset and wrapped in a class of its own. The content is then the part's file
     * as it is, and copying it (2 GiB for a 2 GiB payload) would only cost time and disk. Anything
     * else (decrypted or encrypted content) is a new stream and is stored.
     */
    private static boolean unchanged(As4Part current, Attachment attachment) {
        InputStream stream = attachment.getSourceStream();
        return stream != null && stream.getClass().getEnclosingClass() == AttachmentContentSignatureTransform.class;
    }

    /** Closes the streams handed to WSS4J; it does not always close them itself. */
    void closeStreams() {
        synchronized (opened) {
            for (InputStream in : opened) {
                try {
                    in.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            opened.clear();
        }
    }
}
