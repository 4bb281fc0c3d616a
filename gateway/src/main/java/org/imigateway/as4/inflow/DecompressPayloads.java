package org.imigateway.as4.inflow;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import org.imigateway.as4.As4Part;
import org.imigateway.as4.EbmsErrorCode;
import org.imigateway.as4.EbmsException;
import org.imigateway.as4.Namespaces;
import org.imigateway.as4.WriteBehind;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.PayloadFileName;
import org.imigateway.schemas.ebms3.PartInfo;
import org.imigateway.schemas.ebms3.Property;
import org.imigateway.store.FileDigest;

/**
 * Undoes the AS4 compression feature: a part whose PartProperties say
 * {@code CompressionType=application/gzip} is gunzipped, and its MimeType part property gives
 * the real content type (required then, AS4 profile 2.1.3.3). Checks CharacterSet and the leg's
 * size limit on the uncompressed size, so a gzip bomb stops at the limit. Once uncompressed, the part
 * no longer carries CompressionType (MimeType stays: it is the content's type). The file name of
 * the MIME part's Content-Disposition becomes the FileName part property, unless the sender set one.
 */
public final class DecompressPayloads implements InboundStep {

    /** Uncompressed size allowed when the leg sets no limit. */
    static final long DEFAULT_MAX_PAYLOAD = 4L * 1024 * 1024 * 1024;

    @Override
    public void process(InboundContext context) throws EbmsException {
        List<PartInfo> infos = context.userMessage().getPayloadInfo() == null ? List.of()
                : context.userMessage().getPayloadInfo().getPartInfos();
        long limit = context.leg().maxPayloadSize().orElse(DEFAULT_MAX_PAYLOAD);
        for (PartInfo info : infos) {
            As4Part part = context.envelope().part(As4Part.bareContentId(info.getHref())).orElseThrow();
            List<MessageProperty> properties = properties(info);
            Optional<String> compression = value(properties, Namespaces.PART_PROPERTY_COMPRESSION_TYPE);
            Optional<String> mimeType = value(properties, Namespaces.PART_PROPERTY_MIME_TYPE);
            Optional<String> charset = value(properties, Namespaces.PART_PROPERTY_CHARACTER_SET);
            if (charset.isPresent() && !isCharset(charset.get())) {
                throw new EbmsException(EbmsErrorCode.VALUE_INCONSISTENT, "part " + info.getHref() + ": CharacterSet '"
                        + charset.get() + "' is not a known character set");
            }
            As4Part content = part;
            Optional<FileDigest> digest = Optional.empty();
            if (compression.isPresent()) {
                if (!compression.get().equals(Namespaces.GZIP_MIME_TYPE)) {
                    throw new EbmsException(EbmsErrorCode.DECOMPRESSION_FAILURE, "part " + info.getHref()
                            + ": CompressionType '" + compression.get() + "' is not supported; only application/gzip is");
                }
                if (mimeType.isEmpty()) {
                    throw new EbmsException(EbmsErrorCode.DECOMPRESSION_FAILURE, "part " + info.getHref()
                            + " is compressed but has no MimeType part property to tell its real content type");
                }
                Unpacked unpacked = gunzip(part, mimeType.get(), limit, context.workDir(), info.getHref());
                content = unpacked.part();
                digest = Optional.of(unpacked.digest());
                // The backend gets the uncompressed bytes; a CompressionType left on them would say otherwise.
                properties = properties.stream()
                        .filter(p -> !p.name().equals(Namespaces.PART_PROPERTY_COMPRESSION_TYPE)).toList();
            } else {
                checkSize(part, limit, info.getHref());
            }
            if (value(properties, PayloadFileName.PROPERTY).isEmpty()) {
                Optional<String> fileName = PartFileName.of(part.headers());
                if (fileName.isPresent()) {
                    properties = new ArrayList<>(properties);
                    properties.add(MessageProperty.of(PayloadFileName.PROPERTY, fileName.get()));
                }
            }
            String effectiveType = mimeType.orElse(content.contentType());
            context.payloads().add(new ReceivedPayload(content, effectiveType, charset, properties, digest));
        }
    }

    /** A part gunzipped, with the size and SHA-256 of what was written: the payload store does not read it again. */
    private record Unpacked(As4Part part, FileDigest digest) {
    }

    private static Unpacked gunzip(As4Part part, String mimeType, long limit, Path workDir, String href)
            throws EbmsException {
        try {
            Path target = Files.createTempFile(workDir, "plain-", ".bin");
            FileDigest.Builder digest = new FileDigest.Builder();
            byte[] buffer = new byte[64 * 1024];
            // written behind: the store syncs the payload before the receipt
            try (InputStream in = new GZIPInputStream(part.open(), 64 * 1024);
                    OutputStream out = WriteBehind.open(target, StandardOpenOption.WRITE)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    if (digest.size() + n > limit) {
                        throw new EbmsException(EbmsErrorCode.OTHER, "part " + href + " is larger than the "
                                + limit + " bytes its leg allows once uncompressed");
                    }
                    digest.add(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            return new Unpacked(part.withContent(mimeType, target), digest.build());
        } catch (ZipException | java.io.EOFException e) {
            throw new EbmsException(EbmsErrorCode.DECOMPRESSION_FAILURE, "part " + href + " is not valid gzip: "
                    + e.getMessage());
        } catch (IOException e) {
            throw new EbmsException(EbmsErrorCode.DECOMPRESSION_FAILURE, "part " + href + " cannot be decompressed: "
                    + e.getMessage(), e);
        }
    }

    private static void checkSize(As4Part part, long limit, String href) throws EbmsException {
        try {
            if (part.size() > limit) {
                throw new EbmsException(EbmsErrorCode.OTHER, "part " + href + " has " + part.size()
                        + " bytes, more than the " + limit + " its leg allows");
            }
        } catch (IOException e) {
            throw new EbmsException(EbmsErrorCode.OTHER, "part " + href + " cannot be read", e);
        }
    }

    static List<MessageProperty> properties(PartInfo info) {
        List<MessageProperty> result = new ArrayList<>();
        if (info.getPartProperties() != null) {
            for (Property p : info.getPartProperties().getProperties()) {
                result.add(new MessageProperty(p.getName(), p.getValue() == null ? "" : p.getValue(),
                        Optional.ofNullable(p.getType())));
            }
        }
        return result;
    }

    private static Optional<String> value(List<MessageProperty> properties, String name) {
        return properties.stream().filter(p -> p.name().equals(name)).map(p -> p.value().trim()).findFirst();
    }

    private static boolean isCharset(String name) {
        try {
            return Charset.isSupported(name);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
