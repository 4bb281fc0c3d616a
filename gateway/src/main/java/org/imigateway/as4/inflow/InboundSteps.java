package org.imigateway.as4.inflow;

import java.util.List;
import java.util.function.Supplier;

import org.imigateway.as4.Cryptos;
import org.imigateway.pmode.PModeSet;
import org.imigateway.store.InboundSink;

/**
 * The steps of the inbound path in their order: the checks before the duplicate check, the
 * duplicate check, and what happens to a message seen for the first time. {@link #standard} is
 * the only assembly the product uses; a test may assemble others from the same {@link Parts}.
 */
public record InboundSteps(List<InboundStep> checks, InboundStep detectDuplicate, List<InboundStep> afterDuplicateCheck) {

    /** What the steps are built from. */
    public record Parts(Supplier<PModeSet> pmodes, String localParty, Cryptos cryptos, InboundSink sink) {
    }

    public InboundSteps {
        checks = List.copyOf(checks);
        afterDuplicateCheck = List.copyOf(afterDuplicateCheck);
    }

    public static InboundSteps standard(Parts parts) {
        return new InboundSteps(
                List.of(
                        new ReadMessagingHeader(),
                        new FindLeg(parts.pmodes(), parts.localParty()),
                        new ProcessSecurityHeader(parts.cryptos(), parts.pmodes()),
                        new CheckSignatureCoverage(),
                        new AuthorizeSender(),
                        new CheckPayloadReferences()),
                new DetectDuplicate(parts.sink()),
                List.of(
                        new DecompressPayloads(),
                        new ValidatePayloadSchema(),
                        new CreateReceipt(parts.cryptos()),
                        new StoreMessage(parts.sink())));
    }
}
