package org.imigateway.as4;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.imigateway.config.ConfigException;
import org.imigateway.config.GatewayConfig;
import org.imigateway.xml.SecureXml;

/**
 * What one received message may cost us before any check of its content has passed: the body
 * size, the MIME structure and the SOAP part. Each limit is checked as the bytes arrive, so a
 * hostile sender is refused after at most one limit's worth of work. The SOAP defaults leave at
 * least four times the headroom of an AS4 1.15 or 2.0 message with 20 signed and encrypted
 * attachments ({@code SoapBudgetTest} pins this); docs/hardening.md gives the reasons.
 *
 * @param maxMessageBytes     the whole request body ({@code limits.maxMessageBytes})
 * @param soapMaxBytes        the SOAP part ({@code limits.soap.maxBytes})
 * @param soapMaxElements     elements in the SOAP part ({@code limits.soap.maxElements})
 * @param soapMaxAttributes   attributes on one element ({@code limits.soap.maxAttributesPerElement})
 * @param soapMaxNameLength   characters of an element or attribute name, prefix included ({@code limits.soap.maxNameLength})
 * @param soapMaxTextLength   characters of one text node or attribute value ({@code limits.soap.maxTextLength})
 * @param soapMaxNamespaces   namespace declarations in the SOAP part ({@code limits.soap.maxNamespaceDeclarations})
 * @param soapMaxDepth        element nesting ({@code limits.soap.maxDepth})
 * @param mimeMaxParts        MIME parts, the SOAP part included ({@code limits.mime.maxParts})
 * @param mimeMaxHeaderLength bytes of one MIME header line or field ({@code limits.mime.maxHeaderLength})
 * @param mimeMaxHeaders      header fields of one MIME part ({@code limits.mime.maxHeadersPerPart})
 */
public record ParseLimits(long maxMessageBytes, int soapMaxBytes, int soapMaxElements, int soapMaxAttributes,
        int soapMaxNameLength, int soapMaxTextLength, int soapMaxNamespaces, int soapMaxDepth, int mimeMaxParts,
        int mimeMaxHeaderLength, int mimeMaxHeaders) {

    public static final String MAX_MESSAGE_BYTES = "limits.maxMessageBytes";
    public static final String SOAP_MAX_BYTES = "limits.soap.maxBytes";
    public static final String SOAP_MAX_ELEMENTS = "limits.soap.maxElements";
    public static final String SOAP_MAX_ATTRIBUTES = "limits.soap.maxAttributesPerElement";
    public static final String SOAP_MAX_NAME_LENGTH = "limits.soap.maxNameLength";
    public static final String SOAP_MAX_TEXT_LENGTH = "limits.soap.maxTextLength";
    public static final String SOAP_MAX_NAMESPACES = "limits.soap.maxNamespaceDeclarations";
    public static final String SOAP_MAX_DEPTH = "limits.soap.maxDepth";
    public static final String MIME_MAX_PARTS = "limits.mime.maxParts";
    public static final String MIME_MAX_HEADER_LENGTH = "limits.mime.maxHeaderLength";
    public static final String MIME_MAX_HEADERS = "limits.mime.maxHeadersPerPart";

    /** Text before the first and after the last MIME boundary is ignored, but may not be long. */
    public static final int MAX_PREAMBLE_BYTES = 64 * 1024;

    /** The defaults, for a message of any size; see docs/hardening.md. */
    public static ParseLimits defaults(long maxMessageBytes) {
        return new ParseLimits(maxMessageBytes, 1024 * 1024, 10_000, 16, 256, 32_768, 2_000, 64, 201, 8_192, 64);
    }

    public static ParseLimits defaults() {
        return defaults(GatewayConfig.DEFAULT_MAX_MESSAGE_BYTES);
    }

    public ParseLimits withMaxMessageBytes(long bytes) {
        return new ParseLimits(bytes, soapMaxBytes, soapMaxElements, soapMaxAttributes, soapMaxNameLength, soapMaxTextLength,
                soapMaxNamespaces, soapMaxDepth, mimeMaxParts, mimeMaxHeaderLength, mimeMaxHeaders);
    }

    /** Reads the {@code limits.*} keys of gateway.properties; a missing key keeps its default. */
    public static ParseLimits load(Path home, long maxMessageBytes) throws ConfigException {
        Properties properties = GatewayConfig.properties(home);
        ParseLimits d = defaults(maxMessageBytes);
        List<String> problems = new ArrayList<>();
        Keys keys = new Keys(home.resolve(GatewayConfig.FILE), properties, problems);
        ParseLimits limits = new ParseLimits(maxMessageBytes,
                keys.positive(SOAP_MAX_BYTES, d.soapMaxBytes, SecureXml.MAX_ENVELOPE_BYTES),
                keys.positive(SOAP_MAX_ELEMENTS, d.soapMaxElements),
                keys.positive(SOAP_MAX_ATTRIBUTES, d.soapMaxAttributes),
                keys.positive(SOAP_MAX_NAME_LENGTH, d.soapMaxNameLength),
                keys.positive(SOAP_MAX_TEXT_LENGTH, d.soapMaxTextLength),
                keys.positive(SOAP_MAX_NAMESPACES, d.soapMaxNamespaces),
                keys.positive(SOAP_MAX_DEPTH, d.soapMaxDepth, SecureXml.MAX_ELEMENT_DEPTH),
                keys.positive(MIME_MAX_PARTS, d.mimeMaxParts),
                keys.positive(MIME_MAX_HEADER_LENGTH, d.mimeMaxHeaderLength),
                keys.positive(MIME_MAX_HEADERS, d.mimeMaxHeaders));
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("\n", problems));
        }
        return limits;
    }

    private record Keys(Path file, Properties properties, List<String> problems) {
        int positive(String key, int fallback) {
            return positive(key, fallback, Integer.MAX_VALUE);
        }

        /** {@code max}: the DOM parser's own ceiling, which stays as a second line behind the budget. */
        int positive(String key, int fallback, int max) {
            String value = properties.getProperty(key);
            if (value == null || value.isBlank()) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(value.trim());
                if (n > 0 && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below with the key and its value
            }
            problems.add(file + ": " + key + "=" + value.trim() + " must be a whole number from 1 to " + max);
            return fallback;
        }
    }
}
