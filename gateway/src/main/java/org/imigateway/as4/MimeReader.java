package org.imigateway.as4;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.ParseException;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.io.MaxHeaderLengthLimitException;
import org.apache.james.mime4j.io.MaxHeaderLimitException;
import org.apache.james.mime4j.io.MaxLineLimitException;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

import org.imigateway.xml.SecureXml;
import org.imigateway.xml.LimitedInputStream;
/**
 * Unpacks an HTTP request body into SOAP envelope and attachments (SOAP with Attachments, AS4
 * profile section 2.1.3) as the body arrives. Apache James mime4j's token stream parses MIME
 * without building a tree and enforces the header limits itself; this class counts parts and
 * bytes as they pass, so a hostile body is refused at the first limit it breaks, not after it
 * was spooled whole. The SOAP part (the root, normally first) is held in memory within
 * {@code limits.soap.maxBytes}, checked by {@link SoapBudget} and parsed before the next part is
 * read; each attachment goes to a file of the request's work folder, the caller's to remove.
 */
public final class MimeReader {

    /** The payload size the SOAP header allows each attachment, if it names a leg that limits it. */
    @FunctionalInterface
    public interface PayloadLimit {
        PayloadLimit NONE = soap -> OptionalLong.empty();

        OptionalLong of(Document soap);
    }

    static {
        ProviderProperties.setUnlessSet();
    }

    private final ParseLimits limits;
    private final PayloadLimit payloadLimit;

    public MimeReader(long maxMessageBytes) {
        this(ParseLimits.defaults(maxMessageBytes), PayloadLimit.NONE);
    }

    public MimeReader(ParseLimits limits, PayloadLimit payloadLimit) {
        this.limits = limits;
        this.payloadLimit = payloadLimit;
    }

    public MimeEnvelope read(String contentTypeHeader, InputStream body, Path workDir) throws EbmsException {
        return read(contentTypeHeader, -1, body, workDir);
    }

    /** {@code announcedLength}: the Content-Length, or -1; a body announced too large is refused before it is read. */
    public MimeEnvelope read(String contentTypeHeader, long announcedLength, InputStream body, Path workDir)
            throws EbmsException {
        if (announcedLength > limits.maxMessageBytes()) {
            throw tooLarge();
        }
        if (contentTypeHeader == null || contentTypeHeader.isBlank()) {
            throw new EbmsException(EbmsErrorCode.MIME_INCONSISTENCY, "the request has no Content-Type header");
        }
        ContentType contentType;
        try {
            contentType = new ContentType(contentTypeHeader);
        } catch (ParseException e) {
            throw new EbmsException(EbmsErrorCode.MIME_INCONSISTENCY, "Content-Type '" + contentTypeHeader + "' cannot be parsed");
        }
        try {
            InputStream bounded = new LimitedInputStream(body, limits.maxMessageBytes(), "the request body");
            if (contentType.match(Namespaces.SOAP12_CONTENT_TYPE)) {
                return new MimeEnvelope(soap(bounded, workDir), List.of());
            }
            if (!contentType.match("multipart/related")) {
                throw new EbmsException(EbmsErrorCode.MIME_INCONSISTENCY, "Content-Type is '" + contentType.getBaseType()
                        + "'; AS4 needs application/soap+xml or multipart/related with a SOAP 1.2 root part");
            }
            return new Multipart(contentType.getParameter("start"), workDir).read(bounded, contentTypeHeader);
        } catch (IOException e) {
            throw refusal(e);
        } catch (MimeException e) {
            throw new EbmsException(EbmsErrorCode.MIME_INCONSISTENCY, "the MIME message is malformed: " + e.getMessage(), e);
        }
    }

    /** One multipart body, read token by token. */
    private final class Multipart {
        private final String start;
        private final Path workDir;
        private final List<As4Part> attachments = new ArrayList<>();
        private Document soap;
        private OptionalLong perPartLimit = OptionalLong.empty();
        private int parts;
        private boolean inPart;
        private Map<String, String> headers = new LinkedHashMap<>();

        Multipart(String start, Path workDir) {
            this.start = start == null ? null : As4Part.bareContentId(start);
            this.workDir = workDir;
        }

        MimeEnvelope read(InputStream body, String contentTypeHeader) throws IOException, MimeException, EbmsException {
            MimeTokenStream tokens = new MimeTokenStream(MimeConfig.custom()
                    .setMaxLineLen(limits.mimeMaxHeaderLength())
                    .setMaxHeaderLen(limits.mimeMaxHeaderLength())
                    .setMaxHeaderCount(limits.mimeMaxHeaders())
                    .setMaxContentLen(-1)
                    .build());
            tokens.setRecursionMode(RecursionMode.M_NO_RECURSE);
            tokens.parseHeadless(body, contentTypeHeader);
            try {
                for (EntityState state = tokens.getState(); state != EntityState.T_END_OF_STREAM; state = next(tokens)) {
                    token(state, tokens);
                }
            } finally {
                tokens.stop();
            }
            if (soap == null) {
                throw new EbmsException(EbmsErrorCode.MIME_INCONSISTENCY, start != null
                        ? "no MIME part has the Content-ID " + start + " that the start parameter names"
                        : "the multipart body has no MIME part");
            }
            return new MimeEnvelope(soap, attachments);
        }

        private EntityState next(MimeTokenStream tokens) throws IOException, EbmsException {
            try {
                return tokens.next();
            } catch (MaxHeaderLimitException e) {
                throw new EbmsException(EbmsErrorCode.MIME_INCONSISTENCY, "MIME part " + parts + " has more than "
                        + limits.mimeMaxHeaders() + " header fields; this gateway's limit " + ParseLimits.MIME_MAX_HEADERS
                        + " is " + limits.mimeMaxHeaders());
            } catch (MaxHeaderLengthLimitException e) {
                throw headerTooLong();
            } catch (MimeException e) {
                if (e.getCause() instanceof MaxLineLimitException) {
                    throw headerTooLong();
                }
                throw new EbmsException(EbmsErrorCode.MIME_INCONSISTENCY, "the MIME message is malformed: " + e.getMessage(), e);
            }
        }

        private void token(EntityState state, MimeTokenStream tokens) throws IOException, EbmsException {
            switch (state) {
                case T_PREAMBLE, T_EPILOGUE -> skip(tokens.getInputStream(), state == EntityState.T_PREAMBLE
                        ? "before the first MIME boundary" : "after the last MIME boundary");
                case T_START_MULTIPART -> {
                    if (inPart) {
                        throw new EbmsException(EbmsErrorCode.MIME_INCONSISTENCY, "MIME part " + parts
                                + " is itself multipart; AS4 parts are not nested");
                    }
                }
                case T_START_BODYPART -> {
                    parts++;
                    if (parts > limits.mimeMaxParts()) {
                        throw new EbmsException(EbmsErrorCode.MIME_INCONSISTENCY, "the message has more than "
                                + limits.mimeMaxParts() + " MIME parts; this gateway's limit " + ParseLimits.MIME_MAX_PARTS
                                + " is " + limits.mimeMaxParts());
                    }
                    inPart = true;
                    headers = new LinkedHashMap<>();
                }
                case T_FIELD -> {
                    Field field = tokens.getField();
                    headers.put(field.getName(), field.getBody());
                }
                case T_BODY -> body(tokens.getDecodedInputStream());
                case T_END_BODYPART -> inPart = false;
                default -> {
                    // headers start and end, multipart end: nothing to do
                }
            }
        }

        private void body(InputStream content) throws IOException, EbmsException {
            String id = header("Content-ID");
            String type = header("Content-Type");
            boolean root = soap == null && (start == null ? parts == 1
                    : id != null && As4Part.bareContentId(id).equals(start));
            if (root) {
                rootPart(type, content);
                return;
            }
            if (id == null) {
                throw new EbmsException(EbmsErrorCode.MIME_INCONSISTENCY, "MIME part " + parts + " has no Content-ID");
            }
            String contentId = As4Part.bareContentId(id);
            Path file = Files.createTempFile(workDir, "part-", ".bin");
            try (OutputStream out = WorkFolders.openCreated(file)) {
                copy(content, out, contentId);
            }
            attachments.add(new As4Part(contentId, type == null ? "text/plain" : type, headers, file));
        }

        private void rootPart(String type, InputStream content) throws IOException, EbmsException {
            if (type == null || !matches(type, Namespaces.SOAP12_CONTENT_TYPE)) {
                throw new EbmsException(EbmsErrorCode.MIME_INCONSISTENCY,
                        "the root MIME part is '" + (type == null ? "text/plain" : type) + "', not application/soap+xml");
            }
            soap = soap(content, workDir);
            perPartLimit = payloadLimit.of(soap);
        }

        /** Copies one attachment, within the leg's payload limit once the SOAP header has named the leg. */
        private void copy(InputStream in, OutputStream out, String contentId) throws IOException, EbmsException {
            // gzip and AES-GCM add a little to what the leg's limit counts once decrypted and unpacked
            long allowed = perPartLimit.isPresent() ? perPartLimit.getAsLong() + perPartLimit.getAsLong() / 1024 + 1024
                    : Long.MAX_VALUE;
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > allowed) {
                    throw new EbmsException(EbmsErrorCode.OTHER, "part cid:" + contentId + " is larger than the "
                            + perPartLimit.getAsLong() + " bytes its leg allows (maxPayloadSize)");
                }
                out.write(buffer, 0, n);
            }
        }

        private String header(String name) {
            for (Map.Entry<String, String> header : headers.entrySet()) {
                if (header.getKey().equalsIgnoreCase(name)) {
                    return header.getValue();
                }
            }
            return null;
        }
    }

    /**
     * Reads the SOAP part once, through the {@link SoapBudget}'s StAX pass, which keeps what it
     * reads ({@link SoapPartBuffer}); only a part within every limit is read again into a DOM.
     * A hostile part is thus refused as soon as the budget is broken: a million sibling elements
     * after the first ten thousand, not after all of them have arrived.
     */
    private Document soap(InputStream in, Path workDir) throws IOException, EbmsException {
        try (SoapPartBuffer part = new SoapPartBuffer(in, limits.soapMaxBytes(), workDir)) {
            try {
                SoapBudget.check(part, limits);
                part.finish();
            } catch (EbmsException | IOException e) {
                if (part.overLimit()) {
                    throw new EbmsException(EbmsErrorCode.INVALID_HEADER, "the SOAP part is larger than "
                            + limits.soapMaxBytes() + " bytes; this gateway's limit " + ParseLimits.SOAP_MAX_BYTES + " is "
                            + limits.soapMaxBytes());
                }
                throw e;
            }
            try (InputStream again = part.reread()) {
                Document doc = SecureXml.parse(again);
                var root = doc.getDocumentElement();
                if (!"Envelope".equals(root.getLocalName()) || !Namespaces.SOAP12.equals(root.getNamespaceURI())) {
                    throw new EbmsException(EbmsErrorCode.INVALID_HEADER, "the root element is {" + root.getNamespaceURI()
                            + "}" + root.getLocalName() + ", not a SOAP 1.2 Envelope");
                }
                return doc;
            } catch (SAXException e) {
                throw new EbmsException(EbmsErrorCode.INVALID_HEADER, "the SOAP envelope is not acceptable XML: "
                        + SecureXml.describe(e), e);
            }
        }
    }

    /** Text outside the parts is ignored by MIME, so it may not be long either. */
    private static void skip(InputStream in, String where) throws IOException, EbmsException {
        byte[] buffer = new byte[8 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > ParseLimits.MAX_PREAMBLE_BYTES) {
                throw new EbmsException(EbmsErrorCode.MIME_INCONSISTENCY, "more than " + ParseLimits.MAX_PREAMBLE_BYTES
                        + " bytes " + where + " (the text MIME ignores may not be longer)");
            }
        }
    }

    private EbmsException headerTooLong() {
        return new EbmsException(EbmsErrorCode.MIME_INCONSISTENCY, "a MIME header is longer than "
                + limits.mimeMaxHeaderLength() + " bytes; this gateway's limit " + ParseLimits.MIME_MAX_HEADER_LENGTH
                + " is " + limits.mimeMaxHeaderLength());
    }

    private EbmsException tooLarge() {
        return new EbmsException(EbmsErrorCode.OTHER, "the message is larger than the " + limits.maxMessageBytes()
                + " bytes this gateway accepts (" + ParseLimits.MAX_MESSAGE_BYTES + ")");
    }

    /** A limit broken below mime4j travels up as an IOException; the refusal it carries is answered. */
    private EbmsException refusal(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof LimitedInputStream.LimitExceeded) {
                return tooLarge();
            }
            if (t instanceof MaxLineLimitException) {
                return headerTooLong();
            }
        }
        return new EbmsException(EbmsErrorCode.MIME_INCONSISTENCY, "the MIME message cannot be read: " + e.getMessage(), e);
    }

    private static boolean matches(String type, String expected) {
        try {
            return new ContentType(type).match(expected);
        } catch (ParseException e) {
            return false;
        }
    }
}
