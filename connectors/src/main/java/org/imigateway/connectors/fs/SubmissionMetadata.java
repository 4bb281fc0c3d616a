package org.imigateway.connectors.fs;

import static org.imigateway.connectors.ConnectorXml.attribute;
import static org.imigateway.connectors.ConnectorXml.children;
import static org.imigateway.connectors.ConnectorXml.invalid;
import static org.imigateway.connectors.ConnectorXml.optionalText;
import static org.imigateway.connectors.ConnectorXml.requiredAttribute;
import static org.imigateway.connectors.ConnectorXml.requiredText;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.imigateway.connectors.ConnectorXml;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.imigateway.connectors.SubmissionException;
import org.w3c.dom.Element;

/**
 * Reads a folder submission: {@code metadata.xml} and the payload files it names, which must sit
 * in the same folder. The folder's name is the backend's submission id.
 *
 * <pre>{@code
 * <submission xmlns="urn:imigateway:connectors:1.0">
 *   <toParty>gw-b</toParty>
 *   <!-- or, on a leg marked dynamic, a participant found by discovery instead of <toParty>:
 *   <participant>iso6523-actorid-upis::0088:5798000000001</participant>
 *   <documentType>imi-doctype::urn:imi:request:1.0</documentType>
 *   <process>imi-process::urn:imi:cooperation</process> -->
 *   <service type="urn:imigateway:service">urn:imigateway:demo:exchange</service>
 *   <action>Deliver</action>
 *   <conversationId>optional</conversationId>
 *   <refToMessageId>optional</refToMessageId>
 *   <property name="finalRecipient" type="optional">urn:authority:gw-b</property>
 *   <payload file="request.xml" mimeType="application/xml" characterSet="UTF-8">
 *     <property name="DocumentType">Request</property>
 *   </payload>
 * </submission>
 * }</pre>
 */
public final class SubmissionMetadata {

    public static final String FILE = "metadata.xml";

    private SubmissionMetadata() {
    }

    public static Submission read(Path folder) throws SubmissionException {
        Path file = folder.resolve(FILE);
        String what = folder.getFileName() + "/" + FILE;
        if (!Files.isRegularFile(file)) {
            throw invalid(what + " is missing");
        }
        Element root;
        try (InputStream in = Files.newInputStream(file)) {
            root = ConnectorXml.parse(in, what).getDocumentElement();
        } catch (IOException e) {
            throw invalid(what + " cannot be read: " + e.getMessage());
        }
        if (!ConnectorXml.NS.equals(root.getNamespaceURI()) || !"submission".equals(root.getLocalName())) {
            throw invalid(what + ": the root element must be <submission xmlns=\"" + ConnectorXml.NS + "\">, not <"
                    + root.getTagName() + ">");
        }
        Submission.Builder builder = addressed(root, what)
                .action(requiredText(root, "action", what))
                .submissionId(folder.getFileName().toString());
        Element service = children(root, "service").stream().findFirst()
                .orElseThrow(() -> invalid(what + ": element <service> is missing"));
        String serviceValue = requiredText(root, "service", what);
        attribute(service, "type").ifPresentOrElse(type -> builder.service(serviceValue, type),
                () -> builder.service(serviceValue));
        optionalText(root, "conversationId", what).ifPresent(builder::conversationId);
        optionalText(root, "refToMessageId", what).ifPresent(builder::refToMessageId);
        for (MessageProperty property : properties(root, what)) {
            builder.property(property);
        }
        List<Element> payloads = children(root, "payload");
        if (payloads.isEmpty()) {
            throw invalid(what + ": no <payload> element; a submission carries at least one payload");
        }
        for (int i = 0; i < payloads.size(); i++) {
            builder.payload(payload(folder, payloads.get(i), what + " payload " + (i + 1)));
        }
        return builder.build();
    }

    /** To a PMode party ({@code <toParty>}), or to a participant found by discovery ({@code <participant>}). */
    private static Submission.Builder addressed(Element root, String what) throws SubmissionException {
        Optional<String> participant = optionalText(root, "participant", what);
        if (participant.isEmpty()) {
            return Submission.to(requiredText(root, "toParty", what));
        }
        if (optionalText(root, "toParty", what).isPresent()) {
            throw invalid(what + ": <toParty> and <participant> are both given; name a PMode party or a participant, not both");
        }
        return Submission.toParticipant(participant.get(), requiredText(root, "documentType", what),
                requiredText(root, "process", what));
    }

    private static Payload payload(Path folder, Element element, String what) throws SubmissionException {
        String name = requiredAttribute(element, "file", what);
        Path file = folder.resolve(name).normalize();
        // A payload is one of the submission's own files: no way out of the folder.
        if (!file.getParent().equals(folder.normalize()) || name.equals(FILE)) {
            throw invalid(what + ": file '" + name + "' is not a file of the submission folder");
        }
        if (!Files.isRegularFile(file)) {
            throw new SubmissionException("EBMS:0004", what + ": file '" + name + "' does not exist in "
                    + folder.getFileName());
        }
        return new Payload(file, requiredAttribute(element, "mimeType", what),
                attribute(element, "characterSet"), properties(element, what));
    }

    private static List<MessageProperty> properties(Element parent, String what) throws SubmissionException {
        List<MessageProperty> properties = new ArrayList<>();
        for (Element p : children(parent, "property")) {
            String name = requiredAttribute(p, "name", what + " property");
            String value = p.getTextContent().trim();
            if (value.isEmpty()) {
                throw invalid(what + ": property '" + name + "' has no value");
            }
            properties.add(new MessageProperty(name, value, attribute(p, "type")));
        }
        return properties;
    }
}
