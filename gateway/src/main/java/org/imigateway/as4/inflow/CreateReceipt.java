package org.imigateway.as4.inflow;

import org.apache.wss4j.common.ext.WSSecurityException;
import org.imigateway.as4.Cryptos;
import org.imigateway.as4.EbmsErrorCode;
import org.imigateway.as4.EbmsException;
import org.imigateway.as4.ReceiptFactory;

/** Signs a non-repudiation receipt over the digests of what the sender signed. */
public final class CreateReceipt implements InboundStep {

    private final Cryptos cryptos;
    private final ReceiptFactory factory = new ReceiptFactory();

    public CreateReceipt(Cryptos cryptos) {
        this.cryptos = cryptos;
    }

    @Override
    public void process(InboundContext context) throws EbmsException {
        try {
            context.receipt(factory.create(context.messageId().orElseThrow(), context.security().signatureReferences(),
                    context.leg().securityProfile(), cryptos, context.workDir()));
        } catch (WSSecurityException e) {
            throw new EbmsException(EbmsErrorCode.OTHER, "the receipt cannot be signed", e);
        }
    }
}
