package org.imigateway.schemas.imi;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.xml.namespace.QName;

import org.imigateway.schemas.SchemaResources;

/**
 * The one catalogue of IMI business messages: each ebMS Service/Action pair carries exactly one
 * document type, named by its root element and the XSD that defines it. The hub validates a
 * payload against the entry of its Service/Action and routes by the entry.
 */
public enum ImiDocumentType {

    REQUEST_SUBMIT(Services.REQUEST, "Submit", SchemaResources.IMI_REQUEST, Namespaces.REQUEST, "request"),
    REQUEST_ACCEPT(Services.REQUEST, "Accept", SchemaResources.IMI_REQUEST, Namespaces.REQUEST, "acceptance"),
    REQUEST_PROPOSE_ANSWER_BY(Services.REQUEST, "ProposeAnswerBy", SchemaResources.IMI_REQUEST, Namespaces.REQUEST,
            "answerByProposal"),
    REQUEST_FORWARD(Services.REQUEST, "Forward", SchemaResources.IMI_REQUEST, Namespaces.REQUEST, "forwarding"),
    REQUEST_ASK_INFORMATION(Services.REQUEST, "AskInformation", SchemaResources.IMI_REQUEST, Namespaces.REQUEST,
            "furtherInformation"),
    REQUEST_GIVE_INFORMATION(Services.REQUEST, "GiveInformation", SchemaResources.IMI_REQUEST, Namespaces.REQUEST,
            "furtherInformation"),
    REQUEST_ANSWER(Services.REQUEST, "Answer", SchemaResources.IMI_REQUEST, Namespaces.REQUEST, "answers"),
    REQUEST_CLOSE(Services.REQUEST, "Close", SchemaResources.IMI_REQUEST, Namespaces.REQUEST, "closure"),

    ALERT_SEND(Services.ALERT, "Send", SchemaResources.IMI_ALERT, Namespaces.ALERT, "alert"),
    ALERT_WITHDRAW(Services.ALERT, "Withdraw", SchemaResources.IMI_ALERT, Namespaces.ALERT, "alertEnd"),
    ALERT_CLOSE(Services.ALERT, "Close", SchemaResources.IMI_ALERT, Namespaces.ALERT, "alertEnd"),
    NOTIFICATION_NOTIFY(Services.NOTIFICATION, "Notify", SchemaResources.IMI_ALERT, Namespaces.ALERT, "notification"),

    REPOSITORY_PUBLISH(Services.REPOSITORY, "Publish", SchemaResources.IMI_REPOSITORY, Namespaces.REPOSITORY, "entry"),
    REPOSITORY_UPDATE(Services.REPOSITORY, "Update", SchemaResources.IMI_REPOSITORY, Namespaces.REPOSITORY, "entry"),
    REPOSITORY_WITHDRAW(Services.REPOSITORY, "Withdraw", SchemaResources.IMI_REPOSITORY, Namespaces.REPOSITORY,
            "withdrawal"),
    REPOSITORY_QUERY(Services.REPOSITORY, "Query", SchemaResources.IMI_REPOSITORY, Namespaces.REPOSITORY, "query"),
    REPOSITORY_RESULT(Services.REPOSITORY, "Result", SchemaResources.IMI_REPOSITORY, Namespaces.REPOSITORY, "result"),

    DIRECTORY_SEARCH(Services.DIRECTORY, "Search", SchemaResources.IMI_DIRECTORY, Namespaces.DIRECTORY, "search"),
    DIRECTORY_RESULT(Services.DIRECTORY, "SearchResult", SchemaResources.IMI_DIRECTORY, Namespaces.DIRECTORY,
            "searchResult"),
    DIRECTORY_REGISTER(Services.DIRECTORY, "Register", SchemaResources.IMI_DIRECTORY, Namespaces.DIRECTORY,
            "registration"),
    DIRECTORY_DECIDE(Services.DIRECTORY, "Decide", SchemaResources.IMI_DIRECTORY, Namespaces.DIRECTORY, "decision"),

    PUBLIC_DECLARATION(Services.PUBLIC, "Declaration", SchemaResources.IMI_PUBLIC, Namespaces.SUBMISSION, "declaration"),
    PUBLIC_COMPLAINT(Services.PUBLIC, "Complaint", SchemaResources.IMI_PUBLIC, Namespaces.SUBMISSION, "complaint"),
    PUBLIC_CARD_APPLICATION(Services.PUBLIC, "CardApplication", SchemaResources.IMI_PUBLIC, Namespaces.SUBMISSION,
            "cardApplication"),

    HUB_REFUSAL(Services.HUB, "Refuse", SchemaResources.IMI_COMMON, Namespaces.COMMON, "refusal"),
    HUB_OVERDUE(Services.HUB, "Overdue", SchemaResources.IMI_COMMON, Namespaces.COMMON, "overdue");

    /** The ebMS Service values (type {@link #SERVICE_TYPE}). */
    public static final class Services {
        public static final String REQUEST = "urn:imigateway:imi:request";
        public static final String ALERT = "urn:imigateway:imi:alert";
        public static final String NOTIFICATION = "urn:imigateway:imi:notification";
        public static final String REPOSITORY = "urn:imigateway:imi:repository";
        public static final String DIRECTORY = "urn:imigateway:imi:directory";
        /** What outsiders filed through the hub's public interface, sent on by the hub to the competent authority. */
        public static final String PUBLIC = "urn:imigateway:imi:public";
        /** What the hub itself says: refusals of messages it had receipted. */
        public static final String HUB = "urn:imigateway:imi:hub";

        private Services() {
        }
    }

    /** The target namespaces of the IMI schemas. */
    public static final class Namespaces {
        public static final String COMMON = "urn:imigateway:imi:common:1";
        public static final String REQUEST = "urn:imigateway:imi:request:1";
        public static final String ALERT = "urn:imigateway:imi:alert:1";
        public static final String REPOSITORY = "urn:imigateway:imi:repository:1";
        public static final String DIRECTORY = "urn:imigateway:imi:directory:1";
        public static final String PROCEDURE = "urn:imigateway:imi:procedure:1";
        /** Public submissions (file public.xsd; "public" cannot name a Java package). */
        public static final String SUBMISSION = "urn:imigateway:imi:submission:1";

        private Namespaces() {
        }
    }

    /** The JAXB class of the root element, by the package of its namespace and the element's name. */
    public Class<?> rootClass() {
        String folder = root.getNamespaceURI().replace("urn:imigateway:imi:", "").replace(":1", "");
        String name = Character.toUpperCase(root.getLocalPart().charAt(0)) + root.getLocalPart().substring(1);
        try {
            return Class.forName("org.imigateway.schemas.imi." + folder + "." + name, true, ImiDocumentType.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no JAXB class for " + root, e);
        }
    }

    /** The ebMS Service type of every IMI service. */
    public static final String SERVICE_TYPE = "urn:imigateway:service";

    private final String service;
    private final String action;
    private final String schema;
    private final QName root;

    ImiDocumentType(String service, String action, String schema, String namespace, String rootElement) {
        this.service = service;
        this.action = action;
        this.schema = schema;
        this.root = new QName(namespace, rootElement);
    }

    public String service() {
        return service;
    }

    public String action() {
        return action;
    }

    /** Classpath location of the XSD (see {@link SchemaResources}). */
    public String schema() {
        return schema;
    }

    /** The root element a payload of this type must have. */
    public QName root() {
        return root;
    }

    /** The document type of a Service/Action, or empty when the pair is not an IMI message. */
    public static Optional<ImiDocumentType> of(String service, String action) {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(action, "action");
        return Arrays.stream(values()).filter(t -> t.service.equals(service) && t.action.equals(action)).findFirst();
    }

    /** Whether the service is one of the IMI services (then every action must be catalogued). */
    public static boolean isImiService(String service) {
        return Arrays.stream(values()).anyMatch(t -> t.service.equals(service));
    }

    /** The actions of one service, in catalogue order. */
    public static List<String> actions(String service) {
        return Arrays.stream(values()).filter(t -> t.service.equals(service)).map(ImiDocumentType::action).toList();
    }
}
