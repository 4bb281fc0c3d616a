package org.imigateway.as4;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.activation.DataSource;
import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.ParseException;
import jakarta.mail.util.SharedFileInputStream;

import org.w3c.dom.Document;
import org.xml.sax.SAXException;

import org.imigateway.xml.SecureXml;
/**
 * Unpacks an HTTP request body into SOAP envelope and attachments (SOAP with Attachments,
 * AS4 profile section 2.1.3). The body is first spooled to a file and parsed from there, so a
 * payload of any size passes through without being held in memory.
 */
public final class MimeReader {

    static {
        ProviderProperties.setUnlessSet();
    }

    private final long maxMessageBytes;

    public MimeReader(long maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    public MimeEnvelope read(String contentTypeHeader, InputStream body, Path workDir) throws EbmsException {
        if (contentTypeHeader == null || contentTypeHeader.isBlank()) {
            throw new EbmsException(EbmsErrorCode.MIME_INCONSISTENCY, "the request has no Content-Type header");
        }
        ContentType contentType;
        try {
            contentType = new ContentType(contentTypeHeader);
        } catch (ParseException e) {
            throw new EbmsException(EbmsErrorCode.MIME_INCONSISTENCY, "Content-Type '" + contentTypeHeader + "' cannot be parsed");
        }
        if (contentType.match(Namespaces.SOAP12_CONTENT_TYPE)) {
            return new MimeEnvelope(parseSoap(body), List.of());
        }
        if (!contentType.match("multipart/related")) {
            throw new EbmsException(EbmsErrorCode.MIME_INCONSISTENCY, "Content-Type is '" + contentType.getBaseType()
                    + "'; AS4 needs application/soap+xml or multipart/related with a SOAP 1.2 root part");
        }
        try {
            Path spooled = workDir.resolve("request.mime");
            copyLimited(body, spooled);
            return readMultipart(contentTypeHeader, contentType, spooled, workDir);
        } catch (IOException e) {
            throw new EbmsException(EbmsErrorCode.MIME_INCONSISTENCY, "the MIME message cannot be read: " + e.getMessage(), e);
        }
    }

    private MimeEnvelope readMultipart(String header, ContentType contentType, Path spooled, Path workDir)
            throws EbmsException, IOException {
        String start = contentType.getParameter("start");
        try (SharedFileInputStream shared = new SharedFileInputStream(spooled.toFile())) {
            MimeMultipart multipart = new MimeMultipart(new SpooledSource(header, shared));
            int count = multipart.getCount();
            int rootIndex = 0;
            if (start != null) {
                rootIndex = -1;
                for (int i = 0; i < count; i++) {
                    String id = contentId(multipart.getBodyPart(i));
                    if (id != null && As4Part.bareContentId(id).equals(As4Part.bareContentId(start))) {
                        rootIndex = i;
                    }
                }
                if (rootIndex < 0) {
                    throw new EbmsException(EbmsErrorCode.MIME_INCONSISTENCY,
                            "no MIME part has the Content-ID " + start + " that the start parameter names");
                }
            }
            BodyPart root = multipart.getBodyPart(rootIndex);
            if (!new ContentType(root.getContentType()).match(Namespaces.SOAP12_CONTENT_TYPE)) {
                throw new EbmsException(EbmsErrorCode.MIME_INCONSISTENCY,
                        "the root MIME part is '" + root.getContentType() + "', not application/soap+xml");
            }
            Document soap;
            try (InputStream in = root.getInputStream()) {
                soap = parseSoap(in);
            }
            List<As4Part> parts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                if (i == rootIndex) {
                    continue;
                }
                BodyPart part = multipart.getBodyPart(i);
                String id = contentId(part);
                if (id == null) {
                    throw new EbmsException(EbmsErrorCode.MIME_INCONSISTENCY, "MIME part " + (i + 1) + " has no Content-ID");
                }
                Path file = Files.createTempFile(workDir, "part-", ".bin");
                try (InputStream in = part.getInputStream(); OutputStream out = Files.newOutputStream(file)) {
                    in.transferTo(out);
                }
                parts.add(new As4Part(As4Part.bareContentId(id), part.getContentType(), headers(part), file));
            }
            return new MimeEnvelope(soap, parts);
        } catch (MessagingException e) {
            throw new EbmsException(EbmsErrorCode.MIME_INCONSISTENCY, "the MIME message is malformed: " + e.getMessage(), e);
        }
    }

    private static String contentId(BodyPart part) throws MessagingException {
        String[] values = part.getHeader("Content-ID");
        return values == null || values.length == 0 ? null : values[0];
    }

    private static Map<String, String> headers(BodyPart part) throws MessagingException {
        Map<String, String> headers = new LinkedHashMap<>();
        Enumeration<Header> all = part.getAllHeaders();
        while (all.hasMoreElements()) {
            Header h = all.nextElement();
            headers.put(h.getName(), h.getValue());
        }
        return headers;
    }

    private static Document parseSoap(InputStream in) throws EbmsException {
        try {
            Document doc = SecureXml.parse(in);
            var root = doc.getDocumentElement();
            if (!"Envelope".equals(root.getLocalName()) || !Namespaces.SOAP12.equals(root.getNamespaceURI())) {
                throw new EbmsException(EbmsErrorCode.INVALID_HEADER, "the root element is {" + root.getNamespaceURI() + "}"
                        + root.getLocalName() + ", not a SOAP 1.2 Envelope");
            }
            return doc;
        } catch (SAXException e) {
            throw new EbmsException(EbmsErrorCode.INVALID_HEADER, "the SOAP envelope is not acceptable XML: " + SecureXml.describe(e), e);
        } catch (IOException e) {
            throw new EbmsException(EbmsErrorCode.INVALID_HEADER, "the SOAP envelope cannot be read: " + e.getMessage(), e);
        }
    }

    private void copyLimited(InputStream in, Path target) throws IOException, EbmsException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(target)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > maxMessageBytes) {
                    throw new EbmsException(EbmsErrorCode.OTHER, "the message is larger than the "
                            + maxMessageBytes + " bytes this gateway accepts");
                }
                out.write(buffer, 0, n);
            }
        }
    }

    /** Hands the spooled file to JavaMail as a shared stream, so parts are read in place. */
    private record SpooledSource(String contentType, SharedFileInputStream stream) implements DataSource {
        @Override
        public InputStream getInputStream() {
            return stream.newStream(0, -1);
        }

        @Override
        public OutputStream getOutputStream() {
            throw new UnsupportedOperationException();
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public String getName() {
            return "request";
        }
    }
}
