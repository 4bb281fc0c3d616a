package org.imigateway.as4.inflow;

import java.util.function.Supplier;

import org.imigateway.as4.Cryptos;
import org.imigateway.as4.Dom;
import org.imigateway.as4.EbmsException;
import org.imigateway.as4.Namespaces;
import org.imigateway.as4.SecurityHeaderProcessor;
import org.imigateway.pmode.PModeSet;
import org.imigateway.pmode.ProfileCertificates;
import org.w3c.dom.Element;

/**
 * TEST-ONLY fault {@code testing.fault.skipSignatureCheck} (see {@code ConformanceFaults}): takes
 * the place of {@link ProcessSecurityHeader}, {@link CheckSignatureCoverage} and
 * {@link AuthorizeSender}. It drops any ds:Signature unread and only decrypts, the way a
 * receiver that never checks signatures behaves.
 */
final class IgnoreSignature implements InboundStep {

    private final Cryptos cryptos;
    private final Supplier<PModeSet> pmodes;
    private final SecurityHeaderProcessor processor = new SecurityHeaderProcessor();

    IgnoreSignature(Cryptos cryptos, Supplier<PModeSet> pmodes) {
        this.cryptos = cryptos;
        this.pmodes = pmodes;
    }

    @Override
    public void process(InboundContext context) throws EbmsException {
        Element header = context.envelope().header();
        if (header != null) {
            Dom.child(header, Namespaces.WSSE, "Security").ifPresent(security -> {
                for (Element signature : Dom.children(security, Namespaces.DS, "Signature")) {
                    security.removeChild(signature);
                }
            });
        }
        context.security(processor.process(context.envelope(), context.leg().securityProfile(), cryptos,
                pmodes.get().parties().stream().flatMap(p -> p.certificates(context.leg().securityProfile()).stream())
                        .map(ProfileCertificates::signing).toList(), context.workDir()));
    }
}
