package org.imigateway.conformance;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

import org.imigateway.Gateway;
import org.imigateway.as4.AlgorithmPolicy;
import org.imigateway.as4.Dom;
import org.imigateway.as4.EbmsException;
import org.imigateway.as4.Namespaces;
import org.imigateway.as4.ReceiptFactory;
import org.imigateway.xml.SecureXml;
import org.imigateway.as4.SecurityHeaderProcessor;
import org.imigateway.as4.inflow.AuthorizeSender;
import org.imigateway.as4.inflow.CheckSignatureCoverage;
import org.imigateway.as4.inflow.CreateReceipt;
import org.imigateway.as4.inflow.InboundStep;
import org.imigateway.as4.inflow.InboundSteps;
import org.imigateway.as4.inflow.ProcessSecurityHeader;
import org.imigateway.as4.inflow.StoreMessage;
import org.imigateway.connectors.Delivery;
import org.imigateway.pmode.ProfileCertificates;
import org.imigateway.pmode.SecurityProfile;
import org.w3c.dom.Element;

/**
 * Our gateway with one inbound step broken on purpose, for the suite's self-test
 * ({@link FaultyGatewayIsCaughtTest}): the shipped jar's classes, assembled by this test code.
 * The product has no switch for any of this. Arguments: the home, then one of
 * {@code skipSignatureCheck}, {@code unsignedReceipts}, {@code deliverDuplicates}, {@code anyProfile}.
 */
public final class FaultyGateway {

    private FaultyGateway() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        String fault = args[1];
        Function<InboundSteps.Parts, InboundSteps> assembly = switch (fault) {
            case "skipSignatureCheck" -> FaultyGateway::ignoringSignatures;
            case "unsignedReceipts" -> FaultyGateway::withUnsignedReceipts;
            case "deliverDuplicates" -> FaultyGateway::deliveringDuplicates;
            case "anyProfile" -> FaultyGateway::takingTheProfileFromTheMessage;
            default -> throw new IllegalArgumentException("no such fault: " + fault);
        };
        Gateway gateway = Gateway.open(home, assembly).listen();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            stopped.countDown();
        }));
        System.out.println("FAULTY GATEWAY: " + fault);
        System.out.println("gateway '" + gateway.partyName() + "' receiving at " + String.join(", ", gateway.endpoints()));
        stopped.await();
    }

    /** Drops every ds:Signature unread and only decrypts, the way a receiver that never checks signatures behaves. */
    static InboundSteps ignoringSignatures(InboundSteps.Parts parts) {
        InboundSteps standard = InboundSteps.standard(parts);
        SecurityHeaderProcessor processor = new SecurityHeaderProcessor();
        InboundStep ignoreSignature = context -> {
            Element header = context.envelope().header();
            if (header != null) {
                Dom.child(header, Namespaces.WSSE, "Security").ifPresent(security -> {
                    for (Element signature : Dom.children(security, Namespaces.DS, "Signature")) {
                        security.removeChild(signature);
                    }
                });
            }
            context.security(processor.process(context.envelope(), context.leg().securityProfile(), parts.cryptos(),
                    parts.pmodes().get().parties().stream()
                            .flatMap(p -> p.certificates(context.leg().securityProfile()).stream())
                            .map(ProfileCertificates::signing).toList(), context.workDir()));
        };
        List<InboundStep> checks = new ArrayList<>();
        for (InboundStep step : standard.checks()) {
            if (step instanceof ProcessSecurityHeader) {
                checks.add(ignoreSignature);
            } else if (!(step instanceof CheckSignatureCoverage) && !(step instanceof AuthorizeSender)) {
                checks.add(step);
            }
        }
        return new InboundSteps(checks, standard.detectDuplicate(), standard.afterDuplicateCheck());
    }

    /** Answers with the receipt the product would sign, unsigned. */
    static InboundSteps withUnsignedReceipts(InboundSteps.Parts parts) {
        InboundSteps standard = InboundSteps.standard(parts);
        InboundStep unsignedReceipt = context -> context.receipt(SecureXml.toBytes(ReceiptFactory.envelope(
                context.messageId().orElseThrow(), context.security().signatureReferences())));
        return new InboundSteps(standard.checks(), standard.detectDuplicate(), standard.afterDuplicateCheck().stream()
                .map(step -> step instanceof CreateReceipt ? unsignedReceipt : step).toList());
    }

    /**
     * No duplicate check: a MessageId seen before is stored again under a suffixed id, so the
     * backend gets the message a second time, the way a receiver without duplicate elimination behaves.
     */
    static InboundSteps deliveringDuplicates(InboundSteps.Parts parts) {
        InboundSteps standard = InboundSteps.standard(parts);
        StoreMessage store = new StoreMessage(parts.sink());
        InboundStep deliverAgain = context -> {
            String messageId = context.messageId().orElseThrow();
            try {
                if (context.leg().isPing() || parts.sink().receiptFor(messageId).isEmpty()) {
                    store.process(context);
                    return;
                }
                Delivery first = StoreMessage.delivery(context);
                parts.sink().accept(new Delivery(messageId + "#delivered-again-" + UUID.randomUUID(), first.conversationId(),
                        first.refToMessageId(), first.timestamp(), first.fromPartyId(), first.toPartyId(), first.service(),
                        first.serviceType(), first.action(), first.properties(), first.payloads()),
                        context.receipt().orElseThrow());
            } catch (java.io.IOException e) {
                throw EbmsException.temporary("the message cannot be stored", e);
            }
        };
        return new InboundSteps(standard.checks(), context -> { }, standard.afterDuplicateCheck().stream()
                .map(step -> step instanceof StoreMessage ? deliverAgain : step).toList());
    }

    /**
     * Does not hold a message to its leg's security profile, the way a receiver that accepts AS4
     * 1.15 and 2.0 alike on every leg behaves: every xenc:AgreementMethod is read as the leg's (the
     * key agreement then follows the receiver's key, whatever the sender named), and the message is
     * verified under whichever profile its algorithms fit, its signer judged by that profile too.
     */
    static InboundSteps takingTheProfileFromTheMessage(InboundSteps.Parts parts) {
        InboundSteps standard = InboundSteps.standard(parts);
        SecurityHeaderProcessor processor = new SecurityHeaderProcessor();
        InboundStep anyProfile = context -> {
            Element header = context.envelope().header();
            Optional<Element> security = header == null ? Optional.empty() : Dom.child(header, Namespaces.WSSE, "Security");
            SecurityProfile profile = context.leg().securityProfile();
            Optional<String> legAgreement = profile.keyAgreementAlgorithm();
            if (security.isPresent() && legAgreement.isPresent()) {
                Dom.descendants(security.get(), Namespaces.XENC, "AgreementMethod")
                        .forEach(method -> method.setAttribute("Algorithm", legAgreement.get()));
            }
            for (SecurityProfile candidate : SecurityProfile.values()) {
                if (security.isPresent() && fits(candidate, security.get())) {
                    profile = candidate;
                    break;
                }
            }
            List<X509Certificate> signers = parts.pmodes().get().parties().stream()
                    .flatMap(p -> Arrays.stream(SecurityProfile.values()).flatMap(each -> p.certificates(each).stream()))
                    .map(ProfileCertificates::signing).toList();
            context.security(processor.process(context.envelope(), profile, parts.cryptos(), signers, context.workDir()));
        };
        return new InboundSteps(standard.checks().stream().filter(step -> !(step instanceof AuthorizeSender))
                .map(step -> step instanceof ProcessSecurityHeader ? anyProfile : step).toList(),
                standard.detectDuplicate(), standard.afterDuplicateCheck());
    }

    private static boolean fits(SecurityProfile profile, Element security) {
        try {
            new AlgorithmPolicy(profile).check(security);
            return true;
        } catch (EbmsException e) {
            return false;
        }
    }
}
