package org.imigateway.as4.inflow;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.Validator;

import org.imigateway.as4.EbmsErrorCode;
import org.imigateway.as4.EbmsException;
import org.imigateway.xml.SecureXml;
import org.xml.sax.SAXException;

/**
 * When a leg names a payload schema, the leading payload (the first one, by the AS4 convention
 * that it is the business document) must be valid against it; the refusal gives line and field.
 */
public final class ValidatePayloadSchema implements InboundStep {

    private final Map<Path, Schema> schemas = new ConcurrentHashMap<>();

    @Override
    public void process(InboundContext context) throws EbmsException {
        if (context.leg().payloadSchema().isEmpty()) {
            return;
        }
        if (context.payloads().isEmpty()) {
            throw new EbmsException(EbmsErrorCode.OTHER, "leg '" + context.leg().id()
                    + "' expects an XML document as first payload, but the message has none");
        }
        Schema schema = schemas.computeIfAbsent(context.leg().payloadSchema().get(), ValidatePayloadSchema::load);
        ReceivedPayload leading = context.payloads().get(0);
        try (InputStream in = leading.part().open()) {
            Validator validator = schema.newValidator();
            validator.setProperty(javax.xml.XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(javax.xml.XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            validator.validate(new StreamSource(in));
        } catch (SAXException e) {
            throw new EbmsException(EbmsErrorCode.OTHER, "payload " + leading.part().href() + " is not valid against "
                    + context.leg().payloadSchema().get().getFileName() + ": " + SecureXml.describe(e));
        } catch (IOException e) {
            throw new EbmsException(EbmsErrorCode.OTHER, "payload " + leading.part().href() + " cannot be read", e);
        }
    }

    private static Schema load(Path xsd) {
        try {
            return SecureXml.schema(xsd.toUri().toURL());
        } catch (SAXException | MalformedURLException e) {
            throw new IllegalStateException("payload schema " + xsd + " cannot be loaded: " + e.getMessage(), e);
        }
    }
}
