package org.imigateway.cooperation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.imigateway.config.ConfigException;
import org.imigateway.connectors.Delivery;
import org.imigateway.connectors.DeliveryListener;
import org.imigateway.connectors.GatewayPort;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.imigateway.cooperation.rendering.Captions;
import org.imigateway.cooperation.rendering.Renderer;
import org.imigateway.cooperation.rendering.StandardContent;
import org.imigateway.cooperation.translation.TranslationSettings;
import org.imigateway.cooperation.translation.Translator;
import org.imigateway.directory.Authority;
import org.imigateway.directory.Directory;
import org.imigateway.directory.DirectoryFiles;
import org.imigateway.port.Cases;
import org.imigateway.port.Partners;
import org.imigateway.port.Transactions;
import org.imigateway.schemas.imi.ImiDocumentType;
import org.imigateway.schemas.imi.common.CaseRef;
import org.imigateway.schemas.imi.common.Overdue;
import org.imigateway.schemas.imi.common.Refusal;
import org.imigateway.text.Untrusted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.imigateway.procedure.Procedure;
import org.imigateway.procedure.Procedures;
import org.imigateway.procedure.BoundXml;
import org.imigateway.procedure.RequestWorkflow;

/**
 * The cooperation step of a hub, where the {@code deliver} route hands it every received
 * message. An IMI business message is decided on: its payload read against the document type
 * of its Service/Action, its sending authority checked against the access point it came
 * through, then the handler of its service applies the procedure (workflow, fan-out, access
 * group) and names the messages to send. The decision and the state it changes commit in one
 * transaction together with the list of messages; those are then submitted under MessageIds
 * made from the received one, so a message offered again after a crash is not decided twice
 * and sends nothing twice. Anything else goes to the local backend.
 *
 * <p>Refusals found here come after the AS4 receipt, so they travel as a Refuse message (service
 * {@code urn:imigateway:imi:hub}) to the sender's access point, addressed to the sending
 * authority and naming state and action. A payload that does not fit its schema is refused
 * before the receipt already, with EBMS:0004, by the PMode leg's payloadSchema.
 */
public final class CooperationHub implements DeliveryListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CooperationHub.class);
    private final HubContext hub;
    private final Transactions database;
    private final Partners partners;
    private final String hubParty;
    private final GatewayPort outbound;
    private final DeliveryListener local;
    private final FanOut fanOut;
    private final Map<ImiDocumentType, BoundXml<?>> readers = new EnumMap<>(ImiDocumentType.class);
    private final RequestHandler requests;
    private final AlertHandler alerts;
    private final RepositoryHandler repositories;
    private final DirectoryHandler directoryMessages;
    private final AttachRenderings renderings;
    private final Translator translator;
    private final CaseParticipants cases;

    private CooperationHub(HubContext hub, Transactions database, Cases cases, Partners partners, String hubParty,
            GatewayPort outbound, DeliveryListener local, FanOut fanOut, Renderer renderer, Translator translator) {
        this.hub = hub;
        this.database = database;
        this.partners = partners;
        this.hubParty = hubParty;
        this.outbound = outbound;
        this.local = local;
        this.fanOut = fanOut;
        for (ImiDocumentType type : ImiDocumentType.values()) {
            readers.put(type, BoundXml.of(type.rootClass(), type.schema()));
        }
        this.requests = new RequestHandler(hub);
        this.alerts = new AlertHandler(hub);
        this.repositories = new RepositoryHandler(hub, hubParty);
        this.directoryMessages = new DirectoryHandler(hub, hubParty);
        this.renderings = new AttachRenderings(hub, renderer);
        this.translator = translator;
        this.cases = new CaseParticipants(hub, hubParty, cases);
    }

    /**
     * Loads the procedures and seeds the directory of a hub home.
     *
     * @param database the access point's database, where the hub keeps its own tables
     * @param cases    the case registry the hub records each decision's case and participants in
     * @param partners the partner access points of the PModes in force
     * @param outbound where the hub submits what it sends (the gateway's durable submit path)
     * @param local    the backend for messages that are not IMI business messages
     * @param fanOut   the durable queue the copies of a decision with several recipients go through
     * @param translation how free text reaches a reader's language (the hub closes what it opens)
     */
    public static CooperationHub open(CooperationSettings settings, Transactions database, Cases cases, Partners partners,
            String hubParty, GatewayPort outbound, DeliveryListener local, FanOut fanOut, Path dataDir, Clock clock,
            TranslationSettings translation) throws ConfigException, IOException {
        Procedures procedures = Procedures.load(settings.procedures());
        DirectoryFiles.Contents seed = DirectoryFiles.load(settings.directory(), procedures);
        Directory directory = new Directory(database);
        directory.seed(seed.authorities(), seed.coordinators());
        Path documents = Files.createDirectories(dataDir.resolve("cooperation"));
        LOG.info("cooperation hub '{}': {} procedures, {} authorities seeded", hubParty, procedures.all().size(),
                seed.authorities().size());
        StandardContent content = StandardContent.load(settings.procedures());
        Translator translator = translation.open();
        Renderer renderer = new Renderer(content, Captions.shipped(), translator, directory::find);
        return new CooperationHub(new HubContext(procedures, directory, new CooperationStore(), documents, clock), database,
                cases, partners, hubParty, outbound, local, fanOut, renderer, translator);
    }

    @Override
    public void close() {
        translator.close();
    }

    public Directory directory() {
        return hub.directory();
    }

    public Procedures procedures() {
        return hub.procedures();
    }

    /**
     * Makes a document filed through the public interface a case of personal data, in one
     * transaction: the procedure and tracking id are the case, the competent authority its one
     * participant, the message that carried the document on its message; the filed copy is kept
     * as the file of that message, so retention blocks and deletes it with the case. A filing has
     * no workflow: its case is closed when it is sent on, and retention counts from then.
     * Recording the same filing again changes nothing.
     */
    public void recordFiling(ImiDocumentType type, String procedure, String trackingId, String authority,
            String accessPoint, String originalSender, String messageId, Path document) throws Exception {
        Outgoing carried = new Outgoing(type, accessPoint, originalSender, authority,
                List.of(new Outgoing.Payload(document, "application/xml")), "filing");
        database.inTransaction(c -> {
            if (hub.store().decided(c, messageId).isEmpty()) {
                hub.store().recordDecision(c, messageId, "forwarded", List.of(carried.line()));
            }
            cases.recordFiling(c, procedure, trackingId, authority, messageId);
            return null;
        });
    }

    @Override
    public void deliver(Delivery delivery) throws Exception {
        Optional<ImiDocumentType> type = ImiDocumentType.of(delivery.service(), delivery.action());
        if (type.isEmpty()) {
            local.deliver(delivery);
            return;
        }
        CooperationStore.Decided decided = database.inTransaction(c -> {
            Optional<CooperationStore.Decided> before = hub.store().decided(c, delivery.messageId());
            return before.isPresent() ? before.get() : decide(delivery, type.get(), c);
        });
        submitAll(decided.outgoing().stream().map(Outgoing::parse).toList(), delivery);
    }

    /**
     * Sends what a decision causes. One message (a request step, a refusal) is submitted here;
     * the copies of a decision with many recipients go through the {@link FanOut} queue, whose
     * route signs and sends several at a time (each submit signs, encrypts and syncs its own
     * message). Either way a redelivered message finds its decision recorded and the same
     * MessageIds, so nothing is sent twice.
     */
    private void submitAll(List<Outgoing> messages, Delivery delivery) throws Exception {
        if (messages.size() <= 1) {
            for (Outgoing message : messages) {
                submit(message, delivery.messageId(), Optional.of(delivery.messageId()), delivery.conversationId());
            }
            return;
        }
        for (Outgoing message : messages) {
            fanOut.enqueue(delivery.messageId(), delivery.conversationId(), message.line(),
                    "fanout:" + outgoingMessageId(delivery.messageId(), message, hubParty));
        }
    }

    /** One copy of a decision, taken from the fan-out queue by the {@code hub-fanout} route. */
    public void submitCopy(String cause, String conversationId, String line) throws Exception {
        submit(Outgoing.parse(line), cause, Optional.of(cause), conversationId);
    }

    /**
     * Raises the overdue event of every request whose answer-by date passed before {@code today}
     * in a state where it runs: an Overdue message to the requester and to the responder. Each
     * case raises it once per answer-by date (a new date, by acceptance or counter-proposal, arms it again).
     *
     * @return how many cases became overdue
     */
    public int raiseOverdue(LocalDate today) throws Exception {
        List<Outgoing> events = new ArrayList<>();
        List<String> causes = new ArrayList<>();
        int cases = database.inTransaction(c -> {
            int raised = 0;
            for (RequestWorkflow.CaseState state : hub.store().overdueCandidates(c, today)) {
                Optional<RequestWorkflow> workflow = hub.procedures().find(state.procedure()).flatMap(Procedure::workflow);
                if (workflow.isEmpty() || !workflow.get().overdue(state, today)) {
                    continue;
                }
                hub.store().markOverdueRaised(c, state);
                int first = events.size();
                String cause = "overdue:" + state.procedure() + ":" + state.caseId() + ":" + state.answerBy();
                Path file = writeOverdue(state, cause);
                for (String authority : List.of(state.requester(), state.responder())) {
                    hub.accessPointOf(authority).ifPresent(ap -> {
                        events.add(new Outgoing(ImiDocumentType.HUB_OVERDUE, ap, hubParty, authority,
                                List.of(new Outgoing.Payload(file, "application/xml")), "to:" + authority));
                        causes.add(cause);
                    });
                }
                this.cases.link(c, state.procedure(), state.caseId(), events.subList(first, events.size()), cause);
                LOG.info("request case {} of procedure {}: overdue in state {} (answer by {})", Untrusted.inLog(state.caseId()),
                        state.procedure(), state.state(), state.answerBy());
                raised++;
            }
            return raised;
        });
        for (int i = 0; i < events.size(); i++) {
            submit(events.get(i), causes.get(i), Optional.empty(), causes.get(i));
        }
        return cases;
    }

    private Path writeOverdue(RequestWorkflow.CaseState state, String cause) {
        Overdue overdue = new Overdue();
        CaseRef caseRef = new CaseRef();
        caseRef.setProcedure(state.procedure());
        caseRef.setId(state.caseId());
        overdue.setCase(caseRef);
        overdue.setState(state.state());
        overdue.setRequester(state.requester());
        overdue.setResponder(state.responder());
        try {
            overdue.setAnswerBy(DatatypeFactory.newInstance().newXMLGregorianCalendar(state.answerBy().toString()));
            return hub.write(overdue, Hashes.name(cause, "overdue"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private CooperationStore.Decided decide(Delivery delivery, ImiDocumentType type, Connection c) throws SQLException {
        HubOutcome outcome;
        try {
            outcome = evaluate(delivery, type, c);
        } catch (IOException e) {
            throw new UncheckedIOException("message " + delivery.messageId() + " cannot be decided on", e);
        }
        List<Outgoing> messages;
        String result;
        if (outcome instanceof HubOutcome.Forward forward) {
            messages = renderings.attach(delivery.messageId(), type, () -> document(delivery, type), forward.messages());
            result = "forwarded";
            LOG.info("{} message {} (conversation {}): {} -> forwarded to {} recipient(s)", type, Untrusted.inLog(delivery.messageId()),
                    Untrusted.inLog(delivery.conversationId()), Untrusted.inLog(delivery.property(Cooperation.ORIGINAL_SENDER).orElse("?")),
                    messages.size());
        } else {
            HubOutcome.Refuse refuse = (HubOutcome.Refuse) outcome;
            messages = List.of(refusal(delivery, type, refuse));
            result = "refused";
            LOG.info("{} message {} (conversation {}): refused: {}", type, Untrusted.inLog(delivery.messageId()),
                    Untrusted.inLog(delivery.conversationId()), Untrusted.escaped(refuse.reason()));
        }
        List<String> lines = new ArrayList<>();
        messages.forEach(m -> lines.add(m.line()));
        hub.store().recordDecision(c, delivery.messageId(), result, lines);
        cases.record(c, delivery, type, outcome, messages);
        return new CooperationStore.Decided(result, lines);
    }

    private HubOutcome evaluate(Delivery delivery, ImiDocumentType type, Connection c) throws SQLException, IOException {
        Optional<String> sender = delivery.property(Cooperation.ORIGINAL_SENDER);
        if (sender.isEmpty()) {
            return HubOutcome.refuse("message property " + Cooperation.ORIGINAL_SENDER
                    + " is missing: the hub needs the sending authority");
        }
        if (delivery.payloads().isEmpty()) {
            return HubOutcome.refuse("the message has no payload; " + type.service() + " " + type.action() + " carries a "
                    + type.root().getLocalPart() + " document");
        }
        BoundXml.Outcome<?> read = readers.get(type).read(delivery.payloads().get(0).file());
        if (read instanceof BoundXml.Invalid<?> invalid) {
            return HubOutcome.refuse("the payload is not a " + type.root().getLocalPart() + " document of "
                    + type.service() + " " + type.action() + ": " + String.join("; ", invalid.problems())
                            .replace(delivery.payloads().get(0).file().toString(), "payload"));
        }
        String senderParty = senderParty(delivery);
        if (type != ImiDocumentType.DIRECTORY_REGISTER) {
            Optional<Authority> authority = hub.directory().find(sender.get());
            if (authority.isEmpty()) {
                return HubOutcome.refuse("originalSender " + sender.get() + " is not registered in the directory");
            }
            if (!authority.get().accessPoint().equals(senderParty)) {
                return HubOutcome.refuse("originalSender " + sender.get() + " is served by access point "
                        + authority.get().accessPoint() + ", not by " + senderParty);
            }
        }
        HubMessage message = new HubMessage(delivery, type, ((BoundXml.Read<?>) read).document(), sender.get(), senderParty);
        HubOutcome outcome = switch (type.service()) {
            case ImiDocumentType.Services.REQUEST -> requests.handle(message, c);
            case ImiDocumentType.Services.ALERT, ImiDocumentType.Services.NOTIFICATION -> alerts.handle(message, c);
            case ImiDocumentType.Services.REPOSITORY -> repositories.handle(message, c);
            case ImiDocumentType.Services.DIRECTORY -> directoryMessages.handle(message);
            default -> HubOutcome.refuse("action " + type.action() + " of service " + type.service() + " is sent by the hub only");
        };
        return outcome instanceof HubOutcome.Forward forward ? forward.inCase(CaseParticipants.caseOf(message)) : outcome;
    }

    /** The received document again, for its rendering; {@link #evaluate} has found it valid. */
    private Object document(Delivery delivery, ImiDocumentType type) {
        return ((BoundXml.Read<?>) readers.get(type).read(delivery.payloads().get(0).file())).document();
    }

    private Outgoing refusal(Delivery delivery, ImiDocumentType type, HubOutcome.Refuse refuse) {
        Refusal refusal = new Refusal();
        refusal.setRefMessageId(delivery.messageId());
        refuse.caseRef().ifPresent(refusal::setCase);
        refusal.setAction(type.action());
        refuse.state().ifPresent(refusal::setState);
        refusal.setReason(refuse.reason());
        try {
            Path file = hub.write(refusal, Hashes.name(delivery.messageId(), "refusal"));
            String recipient = delivery.property(Cooperation.ORIGINAL_SENDER).orElse(senderParty(delivery));
            return new Outgoing(ImiDocumentType.HUB_REFUSAL, senderParty(delivery), hubParty, recipient,
                    List.of(new Outgoing.Payload(file, "application/xml")), "refusal");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The PMode party of the access point the message came from. */
    private String senderParty(Delivery delivery) {
        return partners.partyName(delivery.fromPartyId()).orElse(delivery.fromPartyId());
    }

    /** The MessageId of a message the hub sends because of {@code cause}: the same however often it is made. */
    static String outgoingMessageId(String cause, Outgoing message, String hubParty) {
        return "hub-" + Hashes.name(cause, message.key()) + "@" + hubParty;
    }

    /** Submits under a MessageId made from {@code cause} and the message's key: a repeat is not sent again. */
    private void submit(Outgoing message, String cause, Optional<String> refToMessageId, String conversationId)
            throws Exception {
        String messageId = outgoingMessageId(cause, message, hubParty);
        Submission.Builder submission = Submission.to(message.toParty())
                .service(message.type().service(), ImiDocumentType.SERVICE_TYPE)
                .action(message.type().action())
                .conversationId(conversationId)
                .messageId(messageId)
                .property(MessageProperty.of(Cooperation.ORIGINAL_SENDER, message.originalSender()))
                .property(MessageProperty.of(Cooperation.FINAL_RECIPIENT, message.finalRecipient()));
        refToMessageId.ifPresent(submission::refToMessageId);
        message.payloads().forEach(p -> submission.payload(new Payload(p.file(), p.mimeType(), Optional.empty(),
                p.properties().entrySet().stream().map(e -> MessageProperty.of(e.getKey(), e.getValue())).toList())));
        outbound.submit(submission.build());
    }
}
