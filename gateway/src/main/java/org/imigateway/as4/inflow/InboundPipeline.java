package org.imigateway.as4.inflow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import org.imigateway.as4.WorkFolders;
import org.imigateway.as4.Cryptos;
import org.imigateway.as4.EbmsError;
import org.imigateway.as4.EbmsErrorCode;
import org.imigateway.as4.EbmsException;
import org.imigateway.as4.MimeEnvelope;
import org.imigateway.as4.MimeReader;
import org.imigateway.as4.ParseLimits;
import org.imigateway.pmode.PModeSet;
import org.imigateway.store.InboundSink;
import org.imigateway.text.Untrusted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole path of a received AS4 message, in order ({@link InboundSteps#standard} assembles it).
 * Read this list to know what happens to a message between the HTTP request and the receipt:
 * <ol>
 *   <li>unpack MIME as it arrives, within {@link ParseLimits}: the SOAP part checked by
 *       {@link org.imigateway.as4.SoapBudget} before its DOM is built, attachments spooled to
 *       files up to the leg's maxPayloadSize</li>
 *   <li>{@link ReadMessagingHeader}: one schema-valid eb:Messaging with one UserMessage</li>
 *   <li>{@link CheckFieldLengths}: every header value fits the message log, else a final EBMS:0009</li>
 *   <li>{@link FindLeg}: known sender, we are the receiver, a PMode leg for Service/Action</li>
 *   <li>{@link CheckFreshness}: eb:Timestamp and wsu:Timestamp within the leg's age and the clock skew</li>
 *   <li>{@link ProcessSecurityHeader}: decrypt, verify signature and certificate (WSS4J)</li>
 *   <li>{@link CheckSignatureCoverage}: signature covers exactly Messaging, Body, each attachment</li>
 *   <li>{@link AuthorizeSender}: signed with the From party's certificate from the PModes</li>
 *   <li>{@link CheckPayloadReferences}: PartInfo and MIME parts one to one, no external payloads</li>
 *   <li>{@link DetectDuplicate}: a known MessageId gets its original receipt, nothing more</li>
 *   <li>{@link DecompressPayloads}: gunzip, MimeType, CharacterSet, size limit</li>
 *   <li>{@link ValidatePayloadSchema}: the leading payload against the leg's schema</li>
 *   <li>{@link CreateReceipt}: signed receipt with NonRepudiationInformation</li>
 *   <li>{@link StoreMessage}: message and receipt durable; only then is the receipt answered</li>
 * </ol>
 */
public final class InboundPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(InboundPipeline.class);

    /**
     * The answer to an Error. Not temporary: the same message would fail the same way, so the
     * sender should not resend it as is. Says nothing of our process (heap size, class names).
     */
    static final String NOT_PROCESSABLE = "the message could not be processed within the resources this gateway"
            + " gives one message; it was not accepted";

    private final MimeReader mimeReader;
    private final Path workRoot;
    private final InboundSteps steps;

    public InboundPipeline(Supplier<PModeSet> pmodes, String localParty, Cryptos cryptos, InboundSink sink,
            Path workRoot, long maxMessageBytes) {
        this(InboundSteps.standard(new InboundSteps.Parts(pmodes, localParty, cryptos, sink, FreshnessSettings.DEFAULT)),
                workRoot, ParseLimits.defaults(maxMessageBytes), pmodes);
    }

    /** {@code pmodes}: where the leg's maxPayloadSize is found as soon as the SOAP part names the leg. */
    public InboundPipeline(InboundSteps steps, Path workRoot, ParseLimits limits, Supplier<PModeSet> pmodes) {
        this.mimeReader = new MimeReader(limits, new LegPayloadLimit(pmodes));
        this.workRoot = workRoot;
        this.steps = steps;
        // Folders of requests that a killed process left behind; nobody else writes in-* here.
        WorkFolders.deleteStale(workRoot, "in-");
    }

    public InboundOutcome receive(String contentType, InputStream body) {
        return receive(contentType, -1, body);
    }

    /** {@code announcedLength}: the request's Content-Length, or -1 when it is chunked. */
    public InboundOutcome receive(String contentType, long announcedLength, InputStream body) {
        Path workDir = null;
        InboundContext context = null;
        try {
            Files.createDirectories(workRoot);
            workDir = Files.createTempDirectory(workRoot, "in-");
            MimeEnvelope envelope = mimeReader.read(contentType, announcedLength, body, workDir);
            context = new InboundContext(envelope, workDir);
            for (InboundStep step : steps.checks()) {
                step.process(context);
            }
            steps.detectDuplicate().process(context);
            if (!context.duplicate()) {
                for (InboundStep step : steps.afterDuplicateCheck()) {
                    step.process(context);
                }
            }
            String messageId = context.messageId().orElseThrow();
            String logId = Untrusted.inLog(messageId);
            String conversationId = Untrusted.inLog(context.userMessage().getCollaborationInfo().getConversationId());
            if (context.duplicate()) {
                LOG.info("message {} conversation {}: DUPLICATE, answered with the original receipt", logId, conversationId);
            } else {
                LOG.info("message {} conversation {}: RECEIVED from {} ({}/{}) with {} payload(s)", logId, conversationId,
                        context.sender().name(), context.leg().service(), context.leg().action(), context.payloads().size());
            }
            return new InboundOutcome.Accepted(messageId, context.receipt().orElseThrow(), context.duplicate());
        } catch (EbmsException e) {
            var messageId = context == null ? java.util.Optional.<String>empty() : context.messageId();
            if (e.getCause() != null) {
                // the sender gets the ebMS error alone (no oracle); the operator also gets what failed underneath
                LOG.warn("message {}: REJECTED {} (underneath: {})", messageId.map(Untrusted::inLog).orElse("(unknown)"),
                        e.error(), Untrusted.escaped(innermost(e).toString()));
                LOG.debug("cause of the rejection", e.getCause());
            } else {
                LOG.warn("message {}: REJECTED {}", messageId.map(Untrusted::inLog).orElse("(unknown)"), e.error());
            }
            EbmsError error = messageId.map(id -> e.error().about(id)).orElse(e.error());
            return new InboundOutcome.Rejected(error, messageId, e.isTemporary());
        } catch (IOException | RuntimeException e) {
            LOG.error("message could not be processed", e);
            var messageId = context == null ? java.util.Optional.<String>empty() : context.messageId();
            EbmsError error = EbmsError.of(EbmsErrorCode.OTHER, "internal error while processing the message; it was not"
                    + " accepted, send it again");
            return new InboundOutcome.Rejected(messageId.map(error::about).orElse(error), messageId, true);
        } catch (Error e) {
            // Logged in full and answered as ebMS, not left to Jetty's HTML 500. By the time it
            // is caught, what filled the heap belonged to this message and is unreachable.
            LOG.error("message could not be processed: {}", e.toString(), e);
            var messageId = context == null ? java.util.Optional.<String>empty() : context.messageId();
            EbmsError error = EbmsError.of(EbmsErrorCode.OTHER, NOT_PROCESSABLE);
            return new InboundOutcome.Rejected(messageId.map(error::about).orElse(error), messageId, false);
        } finally {
            // The receipt need not wait for the file system to free a large body's files.
            WorkFolders.deleteLater(workDir);
        }
    }

    private static Throwable innermost(Throwable e) {
        Throwable inner = e;
        for (int depth = 0; inner.getCause() != null && inner.getCause() != inner && depth < 20; depth++) {
            inner = inner.getCause();
        }
        return inner;
    }
}
