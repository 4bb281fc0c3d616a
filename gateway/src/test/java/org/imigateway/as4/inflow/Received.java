package org.imigateway.as4.inflow;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.imigateway.as4.EbmsException;
import org.imigateway.as4.MimeEnvelope;
import org.imigateway.as4.MimeReader;
import org.imigateway.as4.StepParties;
import org.imigateway.as4.hostile.CraftedMessage;
import org.imigateway.connectors.Delivery;
import org.imigateway.store.InboundSink;

/**
 * A crafted message as it reaches one inbound step: read from MIME as {@link InboundPipeline}
 * reads it, then taken through every step {@link InboundSteps#standard} puts before that one,
 * so the step under test gets the context the product would give it.
 */
final class Received {

    private static final StepParties PARTIES = StepParties.get();
    private static final List<InboundStep> STANDARD = order(InboundSteps.standard(new InboundSteps.Parts(
            () -> PARTIES.pmodes, StepParties.RECEIVER, PARTIES.receiverKeys, new OnFirstUse(), FreshnessSettings.DEFAULT)));

    private Received() {
    }

    /** The message read and run through the standard steps before the first one of class {@code step}. */
    static InboundContext before(Class<? extends InboundStep> step, CraftedMessage message) throws EbmsException {
        InboundContext context = read(message);
        for (InboundStep earlier : STANDARD) {
            if (step.isInstance(earlier)) {
                return context;
            }
            earlier.process(context);
        }
        throw new IllegalArgumentException(step.getSimpleName() + " is not a standard inbound step");
    }

    /** The message taken through every standard step, as the pipeline takes a new message. */
    static InboundContext accepted(CraftedMessage message) throws EbmsException {
        InboundContext context = read(message);
        for (InboundStep step : STANDARD) {
            step.process(context);
        }
        return context;
    }

    static InboundContext read(CraftedMessage message) throws EbmsException {
        Path workDir = PARTIES.newFolder("in-");
        MimeEnvelope envelope = new MimeReader(1L << 30).read(message.contentType(),
                new ByteArrayInputStream(message.body()), workDir);
        return new InboundContext(envelope, workDir);
    }

    private static List<InboundStep> order(InboundSteps steps) {
        List<InboundStep> all = new ArrayList<>(steps.checks());
        all.add(steps.detectDuplicate());
        all.addAll(steps.afterDuplicateCheck());
        return all;
    }

    /** The Derby sink, opened only when a step needs it: the checks before the duplicate check do not. */
    private static final class OnFirstUse implements InboundSink {
        @Override
        public Optional<byte[]> receiptFor(String messageId) throws IOException {
            return PARTIES.sink().receiptFor(messageId);
        }

        @Override
        public Optional<byte[]> accept(Delivery message, byte[] receipt) throws IOException {
            return PARTIES.sink().accept(message, receipt);
        }

        @Override
        public Optional<byte[]> acceptPing(String messageId, byte[] receipt) throws IOException {
            return PARTIES.sink().acceptPing(messageId, receipt);
        }
    }
}
