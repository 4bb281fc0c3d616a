package org.imigateway.cooperation.publicapi;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import javax.xml.namespace.QName;
import javax.xml.transform.sax.SAXSource;
import javax.xml.validation.Schema;
import javax.xml.validation.ValidatorHandler;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;

import org.imigateway.xml.SecureXml;
import org.imigateway.schemas.SchemaResources;
import org.imigateway.schemas.imi.ImiDocumentType;
import org.imigateway.schemas.imi.submission.Submission;
import org.xml.sax.Attributes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads a public submission: well-formed, without DOCTYPE (never resolved), one of the public
 * document types by its root element, valid against public.xsd. A problem names its line,
 * column and the element where it was found (a path such as
 * {@code /declaration/contactPerson/contact/email}), so the submitter can fix it.
 */
public final class SubmissionCheck {

    /** What was read: the form and the routing facts it names, or the first problems. */
    public sealed interface Checked permits Valid, Invalid {
    }

    public record Valid(ImiDocumentType type, String procedure, String country, Optional<String> region) implements Checked {
    }

    /** @param kind malformed, doctype, form or schema */
    public record Invalid(String kind, List<Problem> problems) implements Checked {
        public Invalid {
            problems = List.copyOf(problems);
        }
    }

    public record Problem(int line, int column, String field, String detail) {
    }

    private static final int MAX_PROBLEMS = 20;

    private final Schema schema;
    private final JAXBContext context;

    public SubmissionCheck() {
        try {
            this.schema = SecureXml.schema(SchemaResources.url(SchemaResources.IMI_PUBLIC));
            this.context = JAXBContext.newInstance(Submission.class.getPackageName(), Submission.class.getClassLoader());
        } catch (SAXException | JAXBException e) {
            throw new IllegalStateException("public.xsd or its JAXB classes cannot be loaded", e);
        }
    }

    /** The public document types: service {@code urn:imigateway:imi:public}. */
    public static List<ImiDocumentType> forms() {
        return Arrays.stream(ImiDocumentType.values())
                .filter(t -> t.service().equals(ImiDocumentType.Services.PUBLIC)).toList();
    }

    public Checked check(byte[] document) {
        Tracker tracker = new Tracker();
        try {
            ValidatorHandler validator = schema.newValidatorHandler();
            validator.setErrorHandler(tracker);
            validator.setContentHandler(tracker);
            XMLReader reader = SecureXml.newSaxReader();
            reader.setErrorHandler(tracker);
            reader.setContentHandler(validator);
            reader.parse(new InputSource(new ByteArrayInputStream(document)));
        } catch (WrongForm e) {
            return new Invalid("form", List.of(new Problem(1, 1, "/" + e.root.getLocalPart(), e.getMessage())));
        } catch (SAXParseException e) {
            boolean doctype = e.getMessage() != null && e.getMessage().contains("DOCTYPE");
            String detail = doctype ? "a DOCTYPE is not allowed: DTDs and entities are never processed" : e.getMessage();
            return new Invalid(doctype ? "doctype" : "malformed",
                    List.of(new Problem(e.getLineNumber(), e.getColumnNumber(), tracker.path(), detail)));
        } catch (SAXException | IOException e) {
            return new Invalid("malformed", List.of(new Problem(0, 0, tracker.path(), String.valueOf(e.getMessage()))));
        }
        if (!tracker.problems.isEmpty()) {
            return new Invalid("schema", tracker.problems);
        }
        Submission submission = read(document);
        return new Valid(tracker.type, submission.getProcedure(), submission.getCountry(),
                Optional.ofNullable(submission.getRegion()));
    }

    /** The document is valid already: JAXB only binds it, on a parser that refuses DTDs as everywhere else. */
    private Submission read(byte[] document) {
        try {
            Object bound = context.createUnmarshaller()
                    .unmarshal(new SAXSource(SecureXml.newSaxReader(), new InputSource(new ByteArrayInputStream(document))));
            return (Submission) bound;
        } catch (JAXBException | SAXException e) {
            throw new IllegalStateException("a valid public submission cannot be bound: " + e.getMessage(), e);
        }
    }

    private static final class WrongForm extends SAXException {
        final QName root;

        WrongForm(QName root) {
            super("the root element {" + root.getNamespaceURI() + "}" + root.getLocalPart() + " is not a public form; use "
                    + forms().stream().map(t -> t.root().getLocalPart()).toList() + " in namespace "
                    + ImiDocumentType.Namespaces.SUBMISSION);
            this.root = root;
        }
    }

    /** Follows the element path, so each schema problem can name where it is; collects the problems. */
    private static final class Tracker extends DefaultHandler implements ErrorHandler {
        final Deque<String> path = new ArrayDeque<>();
        final List<Problem> problems = new ArrayList<>();
        ImiDocumentType type;

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
            if (path.isEmpty()) {
                QName root = new QName(uri, localName);
                type = forms().stream().filter(t -> t.root().equals(root)).findFirst().orElseThrow(() -> new WrongForm(root));
            }
            path.addLast(localName);
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            path.removeLast();
        }

        String path() {
            return "/" + String.join("/", path);
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(new Problem(e.getLineNumber(), e.getColumnNumber(), path(), e.getMessage()));
            }
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void warning(SAXParseException e) {
        }
    }
}
