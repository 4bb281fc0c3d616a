package org.imigateway.procedure;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.ValidationEventLocator;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.validation.Schema;

import org.imigateway.xml.SecureXml;
import org.imigateway.schemas.SchemaResources;
import org.xml.sax.SAXException;

/**
 * Reads one kind of IMI XML (a procedure file, a directory file, a business payload) into its
 * JAXB class, validating against its XSD on the way. Every schema problem is reported with
 * where it is ({@code source:line:column}) and the schema's words, which name the element
 * and the value; DTDs and external entities are refused as everywhere else.
 */
public final class BoundXml<T> {

    private final Class<T> type;
    private final JAXBContext context;
    private final Schema schema;

    private BoundXml(Class<T> type, JAXBContext context, Schema schema) {
        this.type = type;
        this.context = context;
        this.schema = schema;
    }

    /** A reader of documents whose root binds to {@code type}, validated by the XSD at {@code schemaLocation}. */
    public static <T> BoundXml<T> of(Class<T> type, String schemaLocation) {
        try {
            return new BoundXml<>(type, JAXBContext.newInstance(type.getPackageName(), type.getClassLoader()),
                    SecureXml.schema(SchemaResources.url(schemaLocation)));
        } catch (JAXBException | SAXException e) {
            throw new IllegalStateException("schema " + schemaLocation + " or its JAXB classes cannot be loaded", e);
        }
    }

    /** The outcome of a read: the document, or the problems that stopped it. */
    public sealed interface Outcome<T> permits Read, Invalid {
    }

    public record Read<T>(T document) implements Outcome<T> {
    }

    /** @param problems each {@code source:line:column: what is wrong} */
    public record Invalid<T>(List<String> problems) implements Outcome<T> {
        public Invalid {
            problems = List.copyOf(problems);
        }
    }

    /** The {@code *.xml} files of a configuration folder, by name. */
    public static List<Path> xmlFiles(Path folder, String what) throws org.imigateway.config.ConfigException {
        try (java.util.stream.Stream<Path> list = Files.list(folder)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".xml")).sorted().toList();
        } catch (IOException e) {
            throw new org.imigateway.config.ConfigException(folder + ": the " + what + " folder cannot be read: "
                    + e.getMessage());
        }
    }

    public Outcome<T> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            return new Invalid<>(List.of(file + ": cannot be read: " + e.getMessage()));
        }
    }

    public Outcome<T> read(byte[] bytes, String source) {
        return read(new ByteArrayInputStream(bytes), source);
    }

    private Outcome<T> read(InputStream in, String source) {
        List<String> problems = new ArrayList<>();
        try {
            Unmarshaller unmarshaller = context.createUnmarshaller();
            unmarshaller.setSchema(schema);
            unmarshaller.setEventHandler(event -> {
                ValidationEventLocator at = event.getLocator();
                String where = at == null ? "" : ":" + at.getLineNumber() + ":" + at.getColumnNumber();
                problems.add(source + where + ": " + event.getMessage());
                return true; // go on: the operator or sender fixes every problem in one pass
            });
            Object value = unmarshaller.unmarshal(stax().createXMLStreamReader(in));
            if (value instanceof JAXBElement<?> element) {
                value = element.getValue();
            }
            if (!problems.isEmpty()) {
                return new Invalid<>(problems);
            }
            if (!type.isInstance(value)) {
                return new Invalid<>(List.of(source + ": the root element is " + value.getClass().getSimpleName()
                        + ", expected " + type.getSimpleName()));
            }
            return new Read<>(type.cast(value));
        } catch (JAXBException | XMLStreamException e) {
            if (problems.isEmpty()) {
                Throwable cause = e instanceof JAXBException j && j.getLinkedException() != null ? j.getLinkedException() : e;
                problems.add(source + ": not well-formed XML: " + cause.getMessage());
            }
            return new Invalid<>(problems);
        }
    }

    private static XMLInputFactory stax() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    }
}
