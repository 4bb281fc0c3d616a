package org.imigateway.as4.inflow;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Supplier;

import org.imigateway.as4.Cryptos;
import org.imigateway.as4.EbmsErrorCode;
import org.imigateway.as4.EbmsException;
import org.imigateway.as4.SecurityHeaderProcessor;
import org.imigateway.as4.VerifiedSecurity;
import org.imigateway.pmode.PModeSet;
import org.imigateway.pmode.ProfileCertificates;

/**
 * Decrypts and verifies with WSS4J under the leg's security profile. A leg that requires a
 * signature refuses an unsigned message (EBMS:0103): accepting unsigned messages by default is
 * the classic receiver weakness. Only the PMode parties' signing certificates may sign at all;
 * which party must have signed is {@link AuthorizeSender}'s check.
 */
public final class ProcessSecurityHeader implements InboundStep {

    private final Cryptos cryptos;
    private final Supplier<PModeSet> pmodes;
    private final FreshnessSettings freshness;
    private final SecurityHeaderProcessor processor = new SecurityHeaderProcessor();

    public ProcessSecurityHeader(Cryptos cryptos, Supplier<PModeSet> pmodes, FreshnessSettings freshness) {
        this.cryptos = cryptos;
        this.pmodes = pmodes;
        this.freshness = freshness;
    }

    @Override
    public void process(InboundContext context) throws EbmsException {
        // Only the signing certificates of the leg's profile may sign: a 1.15 RSA certificate on a 2.0 leg is refused.
        // A sender found by discovery may sign with any certificate that chains to the AP trust anchor
        // (trust.store) and is valid and not revoked: WSS4J checks that; no subject constraint then.
        List<X509Certificate> signers = context.dynamicSender().isPresent() ? List.of() : pmodes.get().parties().stream()
                .flatMap(party -> party.allPairs(context.leg().securityProfile()).stream())
                .map(ProfileCertificates::signing).toList();
        VerifiedSecurity security = processor.process(context.envelope(), context.leg().securityProfile(), cryptos,
                signers, context.workDir(), freshness.window(context.leg()));
        if ((context.leg().sign() || context.dynamicSender().isPresent()) && !security.signed()) {
            throw new EbmsException(EbmsErrorCode.POLICY_NONCOMPLIANCE, "the message is not signed, but leg '"
                    + context.leg().id() + "' requires a signature");
        }
        context.security(security);
        if (context.dynamicSender().isPresent()) {
            context.sender(DynamicSender.of(context.dynamicSender().get(), security.signer().orElseThrow(),
                    context.leg()));
        }
    }
}
