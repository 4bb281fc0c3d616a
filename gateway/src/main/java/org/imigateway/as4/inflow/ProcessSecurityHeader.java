package org.imigateway.as4.inflow;

import org.imigateway.as4.Cryptos;
import org.imigateway.as4.EbmsErrorCode;
import org.imigateway.as4.EbmsException;
import org.imigateway.as4.SecurityHeaderProcessor;
import org.imigateway.as4.VerifiedSecurity;

/**
 * Decrypts and verifies with WSS4J under the leg's security profile. A leg that requires a
 * signature refuses an unsigned message (EBMS:0103): accepting unsigned messages by default is
 * the classic receiver weakness.
 */
public final class ProcessSecurityHeader implements InboundStep {

    private final Cryptos cryptos;
    private final SecurityHeaderProcessor processor = new SecurityHeaderProcessor();

    public ProcessSecurityHeader(Cryptos cryptos) {
        this.cryptos = cryptos;
    }

    @Override
    public void process(InboundContext context) throws EbmsException {
        VerifiedSecurity security = processor.process(context.envelope(), context.leg().securityProfile(), cryptos,
                context.workDir());
        if (context.leg().sign() && !security.signed()) {
            throw new EbmsException(EbmsErrorCode.POLICY_NONCOMPLIANCE, "the message is not signed, but leg '"
                    + context.leg().id() + "' requires a signature");
        }
        context.security(security);
    }
}
