package org.imigateway.conformance.cases;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.imigateway.conformance.listen.Reply;
import org.imigateway.conformance.wire.Inspection;
import org.imigateway.conformance.wire.Ns;

/**
 * The cases where the target sends and the suite listens, as data. Each judges the next new
 * message the target sends to the suite's endpoint; the integrator (or the test harness) makes
 * the target send, to our party, on any leg of the 1.15 profile.
 */
public final class ListenCases {

    private ListenCases() {
    }

    public static List<Case> all() {
        return List.of(
                listen("listen-signed-encrypted", "Sender signs Messaging, Body and every attachment with RSA-SHA256 and"
                        + " SHA-256 digests, and encrypts attachments with AES-128-GCM (key transport RSA-OAEP)",
                        "The suite decrypts with its key and verifies with the target's certificate",
                        ListenCases::signedAndEncrypted),
                listen("listen-compression", "Sender compresses payloads with gzip and gives CompressionType and MimeType",
                        "Each payload's part properties, and that it gunzips", ListenCases::compressed),
                listen("listen-conversation-id", "Sender sets a ConversationId (makes one when its backend gave none)",
                        "eb:ConversationId present and not blank",
                        i -> i.conversationId().filter(c -> !c.isBlank()).isPresent() ? Optional.empty()
                                : Optional.of("the message has no ConversationId")),
                listen("listen-four-corner", "Sender carries the four-corner properties originalSender and finalRecipient",
                        "eb:MessageProperties of the message", i -> {
                            for (String name : List.of("originalSender", "finalRecipient")) {
                                if (i.property(name).filter(v -> !v.isBlank()).isEmpty()) {
                                    return Optional.of("the message has no '" + name + "' message property");
                                }
                            }
                            return Optional.empty();
                        }),
                new Case("listen-retry", "No receipt: the sender retries the same message (reception awareness)",
                        "The suite answers HTTP 503 to a first transmission and waits for the retry", Role.LISTEN,
                        Scope.CORE, Set.of(Need.ENCRYPTION_KEY), ListenProbes::retried),
                new Case("listen-retries-then-gives-up", "No receipt at all: the sender retries as its reception awareness"
                        + " says, then gives up (EBMS:0301 to its producer)", "The suite answers HTTP 503 to every"
                        + " transmission and counts the retries until the window of --target-retry has passed", Role.LISTEN,
                        Scope.CORE, Set.of(Need.ENCRYPTION_KEY, Need.TARGET_RETRY), ListenProbes::gaveUp));
    }

    private static Case listen(String id, String assertion, String title, Function<Inspection, Optional<String>> check) {
        return new Case(id, assertion, title, Role.LISTEN, Scope.CORE, Set.of(Need.ENCRYPTION_KEY),
                session -> ListenProbes.judgeNext(session, Reply.RECEIPT, check));
    }

    private static Optional<String> signedAndEncrypted(Inspection i) {
        if (i.securityProblem().isPresent()) {
            return i.securityProblem();
        }
        if (!i.signatureAlgorithm().equals(Optional.of(Ns.RSA_SHA256))) {
            return Optional.of("signature algorithm is " + i.signatureAlgorithm().orElse("none") + ", not RSA-SHA256");
        }
        if (!i.digestAlgorithms().equals(Set.of(Ns.SHA256))) {
            return Optional.of("digest algorithms are " + i.digestAlgorithms() + ", not only SHA-256");
        }
        if (!i.messagingSigned() || !i.bodySigned()) {
            return Optional.of("the signature does not cover " + (i.messagingSigned() ? "the SOAP Body" : "eb:Messaging"));
        }
        for (Inspection.ReceivedPayload payload : i.payloads()) {
            if (!i.signedUris().contains(payload.href())) {
                return Optional.of("attachment " + payload.href() + " is not signed");
            }
        }
        if (i.payloads().isEmpty()) {
            return Optional.of("the message has no payload, so attachment encryption cannot be judged; send one");
        }
        if (!i.contentEncryptionAlgorithms().equals(Set.of(Ns.AES128_GCM))) {
            return Optional.of("content encryption is " + i.contentEncryptionAlgorithms() + ", not AES-128-GCM");
        }
        if (!i.keyTransportAlgorithms().equals(Set.of(Ns.RSA_OAEP))) {
            return Optional.of("key transport is " + i.keyTransportAlgorithms() + ", not RSA-OAEP");
        }
        return Optional.empty();
    }

    private static Optional<String> compressed(Inspection i) {
        if (i.payloads().isEmpty()) {
            return Optional.of("the message has no payload to judge; send one");
        }
        for (Inspection.ReceivedPayload payload : i.payloads()) {
            if (!Ns.GZIP.equals(payload.partProperties().get("CompressionType"))) {
                return Optional.of("payload " + payload.href() + " has CompressionType '"
                        + payload.partProperties().getOrDefault("CompressionType", "(none)") + "', not application/gzip");
            }
            if (payload.partProperties().getOrDefault("MimeType", "").isBlank()) {
                return Optional.of("compressed payload " + payload.href() + " has no MimeType part property");
            }
            if (payload.problem().isPresent()) {
                return payload.problem();
            }
        }
        return Optional.empty();
    }
}
