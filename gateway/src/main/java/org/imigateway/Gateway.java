package org.imigateway;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.imigateway.as4.inflow.InboundSteps;
import org.imigateway.as4.outflow.As4Sender;
import org.imigateway.as4.outflow.SendResult;
import org.imigateway.config.ConfigException;
import org.imigateway.config.GatewayConfig;
import org.imigateway.connectors.Submission;
import org.imigateway.connectors.SubmissionException;
import org.imigateway.cooperation.publicapi.PublicInterface;
import org.imigateway.ops.OpsEndpoints;
import org.imigateway.pmode.ActivePModes;
import org.imigateway.pmode.PModeException;
import org.imigateway.connectors.fs.FolderInbox;
import org.imigateway.store.Direction;
import org.imigateway.store.LoggedMessage;
import org.imigateway.store.MessageRecord;
import org.imigateway.store.MessageSearch;
import org.imigateway.store.MessageStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One gateway, as its users see it: loaded from its home ({@link #open}), listening
 * ({@link #listen}), taking submissions, closed. The parts behind it are wired by
 * {@link GatewayParts} and stopped in the reverse of their start by {@link Lifecycle}.
 */
public final class Gateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final GatewayConfig config;
    private final Lifecycle lifecycle;
    private final GatewayParts parts;
    private OpsEndpoints ops;

    private Gateway(GatewayConfig config, Lifecycle lifecycle, GatewayParts parts) {
        this.config = config;
        this.lifecycle = lifecycle;
        this.parts = parts;
    }

    /** Loads the home and starts listening. */
    public static Gateway start(Path home) throws ConfigException, PModeException, IOException {
        Gateway gateway = open(home);
        try {
            return gateway.listen();
        } catch (IOException | RuntimeException | Error e) {
            gateway.close();
            throw e;
        }
    }

    /** Loads the home without listening: enough to send, as the one-shot {@code send} command does. */
    public static Gateway open(Path home) throws ConfigException, PModeException, IOException {
        return open(home, InboundSteps::standard);
    }

    /**
     * Loads the home with the inbound steps another assembly makes. The product always uses
     * {@link InboundSteps#standard}; the conformance suite's self-test builds deliberately broken
     * gateways this way, from its own test code, so no fault ships in the product.
     */
    public static Gateway open(Path home, Function<InboundSteps.Parts, InboundSteps> inboundSteps)
            throws ConfigException, PModeException, IOException {
        GatewayConfig config = GatewayConfig.load(home);
        Lifecycle lifecycle = new Lifecycle("gateway '" + config.partyName() + "'");
        try {
            return new Gateway(config, lifecycle, new GatewayParts(config, inboundSteps, lifecycle));
        } catch (ConfigException | PModeException | IOException | RuntimeException | Error e) {
            lifecycle.close(); // what had started before the failure
            throw e;
        }
    }

    /** Opens the ports: AS4, the backends' intake, the public interface, the operators' doors. */
    public Gateway listen() throws IOException {
        As4Server as4 = parts.as4();
        try {
            as4.start();
        } catch (Exception e) {
            throw new IOException("the AS4 endpoint of '" + config.partyName() + "' cannot start: " + e.getMessage(), e);
        }
        lifecycle.started("the AS4 endpoint", as4, as4::stop);
        try {
            parts.backends().start();
        } catch (Exception e) {
            throw new IOException("the backend connectors of '" + config.partyName() + "' cannot start: " + e.getMessage(), e);
        }
        if (parts.publicInterface().isPresent()) {
            lifecycle.started("the public interface", parts.publicInterface().get().start(),
                    parts.publicInterface().get()::close);
        }
        OpsEndpoints opened = parts.operators().open(parts.serverTls());
        this.ops = lifecycle.started("the operations endpoints", opened, opened::close);
        LOG.info("gateway '{}' listening: {}", config.partyName(), endpoints());
        return this;
    }

    /**
     * The durable way to send: checked, prepared, logged as SEND_ENQUEUED and queued; the send
     * route delivers it with retries. Returns the MessageId.
     */
    public String submit(Submission submission) throws SubmissionException {
        return parts.submission().submit(submission);
    }

    /** Waits until an outbound message is ACKNOWLEDGED or SEND_FAILURE, and returns it as it is when the time is up. */
    public MessageRecord awaitOutcome(String messageId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<MessageRecord> record = parts.messageLog().find(messageId, Direction.OUTBOUND);
            boolean late = System.nanoTime() - deadline > 0;
            if (record.isPresent() && (record.get().status() == MessageStatus.ACKNOWLEDGED
                    || record.get().status() == MessageStatus.SEND_FAILURE || late)) {
                return record.get();
            }
            if (late) {
                throw new IllegalStateException("message " + messageId + " is not in the message log");
            }
            Thread.sleep(50);
        }
    }

    /**
     * One immediate, synchronous attempt that bypasses the queue and the message log: for
     * diagnostics and interoperability tests that want the raw outcome of a single exchange.
     */
    public SendResult send(Submission submission) {
        return parts.sender().send(submission);
    }

    /** The sender itself, for the demo's hand-made messages and diagnostics. */
    public As4Sender sender() {
        return parts.sender();
    }

    /** Where the default backend writes what it delivers. */
    public FolderInbox inbox() {
        return parts.inbox();
    }

    /** Where received messages go, in words: each backend and its authorities, and the default inbox if used. */
    public String destinations() {
        return parts.destinations();
    }

    /** The public interface, when this gateway is a hub that runs one. */
    public Optional<PublicInterface> publicInterface() {
        return parts.publicInterface();
    }

    /** The record of a message this gateway sends, if it has one. */
    public Optional<MessageRecord> outbound(String messageId) {
        return parts.messageLog().find(messageId, Direction.OUTBOUND);
    }

    /**
     * The messages of the log that match, newest first, with their properties ({@code
     * originalSender}, {@code finalRecipient}, ...): what an embedding process (the sandbox
     * judging what a hub sent) reads instead of the operators' JSON.
     */
    public List<LoggedMessage> search(MessageSearch search) {
        return parts.messageLog().queries().search(search).stream()
                .map(r -> new LoggedMessage(r, parts.messageLog().properties(r.messageId(), r.direction()))).toList();
    }

    /** See {@link ActivePModes#reload}. */
    public String reloadPModes() {
        return parts.activePModes().reload();
    }

    public String partyName() {
        return config.partyName();
    }

    public List<String> endpoints() {
        return parts.as4().endpoints();
    }

    @Override
    public void close() {
        lifecycle.close();
        // Intermediate files handed to the cleaner go before the gateway is reported stopped.
        org.imigateway.as4.WorkFolders.awaitPending(java.time.Duration.ofSeconds(30));
    }

    /** See {@link GatewayParts#partsOf}. */
    GatewayParts parts() {
        return parts;
    }

    /** The loopback port of /metrics and /health, or -1 when off or not listening. */
    public int adminPort() {
        return ops == null ? -1 : ops.adminPort();
    }

    /** The port of the submission endpoint, or -1 when off or not listening. */
    public int submitPort() {
        return ops == null ? -1 : ops.submitPort();
    }

    public GatewayConfig config() {
        return config;
    }
}
