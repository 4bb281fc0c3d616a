package org.imigateway.conformance.cases;

import static org.imigateway.conformance.cases.Probes.accepted;
import static org.imigateway.conformance.cases.Probes.refused;
import static org.imigateway.conformance.cases.Probes.refusedExactly;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.imigateway.conformance.run.Session;
import org.imigateway.conformance.wire.Draft;
import org.imigateway.conformance.wire.Identity;
import org.imigateway.conformance.wire.Ns;
import org.imigateway.conformance.wire.Order;
import org.imigateway.conformance.wire.PayloadSpec;
import org.imigateway.conformance.wire.Property;

/**
 * The cases where the suite sends and the target receives, as data: id, the eDelivery AS4 TAD
 * assertion (REFERENCE.md, "conformance test assertions") or security rule it checks, and what
 * is sent and expected. Order here is the order of a run and of the reports.
 */
public final class SendCases {

    private static final byte[] TEXT = "Plain text payload: ä ö ü € — conformance".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BINARY = new byte[] {0, 1, 2, 3, (byte) 0xFF, (byte) 0xFE, 42, 0, 7};

    private SendCases() {
    }

    public static List<Case> all() {
        return List.of(
                core("one-way-push", "One-Way/Push: signed NRR receipt in the HTTP response; RSA-SHA256 with SHA-256 digests;"
                        + " AES-128-GCM", "A profile-conformant message gets a verified receipt",
                        accepted(d -> d)),
                core("uncompressed-payload", "Uncompressed payload accepted", "A payload sent without compression",
                        accepted(d -> d.firstPayload(PayloadSpec::uncompressed))),
                core("several-payloads",
                        "Several payloads in MIME parts, the first the leading XML, each acknowledged in the receipt",
                        "Three payloads (XML, text, binary) each signed and acknowledged in the receipt",
                        accepted(d -> {
                            d.payloads.add(PayloadSpec.of(TEXT, "text/plain").characterSet("UTF-8"));
                            d.payloads.add(PayloadSpec.of(BINARY, "application/octet-stream").uncompressed());
                            return d;
                        })),
                core("hyperlink-payload", "A payload referenced by hyperlink gets a synchronous error",
                        "PartInfo href points to an http URL instead of a MIME part",
                        refused("the payload is referenced by hyperlink",
                                d -> d.firstPayload(p -> p.hyperlink("http://127.0.0.1:9/external-payload.xml")), "EBMS:0011")),
                core("ping-receipted", "Ping (test service and action) is receipted",
                        "Service " + Ns.TEST_SERVICE + ", Action " + Ns.TEST_ACTION,
                        accepted(SendCases::ping)),
                new Case("ping-not-delivered", "Ping is not delivered to the backend",
                        "A ping, then a business message: only the business message reaches the delivery folder",
                        Role.SEND, Scope.CORE, Set.of(Need.DELIVERY_DIR), DeliveryProbes::pingNotDelivered),
                new Case("duplicate-delivered-once", "Exactly-once: a MessageId sent twice is delivered once",
                        "The same signed message posted twice", Role.SEND, Scope.CORE, Set.of(Need.DELIVERY_DIR),
                        DeliveryProbes::duplicateDeliveredOnce),
                new Case("duplicate-original-receipt", "A repeated MessageId is answered with the original receipt"
                        + " (phase4 answers EBMS:0004 instead)", "The same signed message posted twice",
                        Role.SEND, Scope.IMI_EXTENSION, Set.of(), DeliveryProbes::duplicateOriginalReceipt),
                core("properties-with-type", "Message and part properties with a type attribute",
                        "eb:Property elements carrying type", accepted(d -> {
                            d.properties.add(Property.typed("caseReference", "CR-2026-0001", "urn:imi:reference"));
                            return d.firstPayload(p -> p.partProperty(Property.typed("documentKind", "form", "urn:imi:kind")));
                        })),
                core("properties-without-type", "Message and part properties without a type attribute",
                        "eb:Property elements without type", accepted(d -> {
                            d.properties.add(Property.of("caseReference", "CR-2026-0002"));
                            return d.firstPayload(p -> p.partProperty(Property.of("documentKind", "form")));
                        })),
                core("gzip-with-mimetype", "Compressed payload (gzip) with its MimeType part property",
                        "A text payload compressed, CompressionType and MimeType given",
                        accepted(d -> d.payload(PayloadSpec.of(TEXT, "text/plain")))),
                core("compressed-without-mimetype", "A compressed payload without MimeType is refused",
                        "CompressionType given, MimeType left out",
                        refused("a compressed part has no MimeType part property", d -> d.firstPayload(PayloadSpec::withoutMimeType),
                                "EBMS:0303", "EBMS:0003")),
                core("charset-utf-8", "CharacterSet UTF-8 accepted", "A text payload in UTF-8 declared as such",
                        accepted(d -> d.payload(PayloadSpec.of(TEXT, "text/plain").characterSet("UTF-8")))),
                core("charset-utf-16", "CharacterSet UTF-16 accepted", "A text payload in UTF-16 declared as such",
                        accepted(d -> d.payload(PayloadSpec.of(new String(TEXT, StandardCharsets.UTF_8)
                                .getBytes(StandardCharsets.UTF_16), "text/plain").characterSet("UTF-16")))),
                core("charset-invalid", "An invalid CharacterSet is refused", "CharacterSet 'no-such-charset-42'",
                        refused("the CharacterSet names no character set",
                                d -> d.firstPayload(p -> p.characterSet("no-such-charset-42")), "EBMS:0003")),
                core("damaged-gzip", "A damaged gzip payload gets EBMS:0303", "The compressed bytes are cut and scrambled",
                        refusedExactly("the gzip stream is damaged", d -> d.firstPayload(PayloadSpec::damagedGzip), "EBMS:0303")),
                core("sign-then-compress", "Compression after signing is refused (compress, then sign)",
                        "The attachment is signed plain and compressed afterwards",
                        refused("the attachment was compressed after it was signed", d -> order(d, Order.SIGN_THEN_COMPRESS),
                                "EBMS:0101", "EBMS:0303")),
                core("encrypt-then-compress", "Compression after encryption is refused (compress, then encrypt)",
                        "The attachment is encrypted and the ciphertext compressed afterwards",
                        refused("the attachment was compressed after it was encrypted",
                                d -> order(d, Order.ENCRYPT_THEN_COMPRESS), "EBMS:0102", "EBMS:0303")),
                core("four-corner-properties", "Four-corner model: originalSender, finalRecipient, trackingIdentifier",
                        "The three four-corner message properties", accepted(d -> {
                            d.properties.add(Property.of("trackingIdentifier", "track-" + d.messageId));
                            return d;
                        })),
                security("unsigned", "An unsigned message is refused", "Encrypted but carries no signature",
                        refused("it is not signed", d -> {
                            d.signer = Optional.empty();
                            return d;
                        }, "EBMS:0101", "EBMS:0103")),
                security("tampered-attachment", "An attachment changed after signing is refused",
                        "One byte of the encrypted attachment flipped in transit",
                        refused("its attachment was changed after signing", d -> d.afterSecurity(Tampering::flipAttachmentByte),
                                "EBMS:0101", "EBMS:0102")),
                security("tampered-header", "A header changed after signing is refused",
                        "The originalSender property rewritten after signing",
                        refused("eb:Messaging was changed after signing",
                                d -> d.afterSecurity(Tampering::rewriteOriginalSender),
                                "EBMS:0101")),
                security("wrapped-messaging", "Signature wrapping of eb:Messaging is refused",
                        "The signed eb:Messaging moved into a wrapper, a forged one in its place",
                        refused("the eb:Messaging that is read is not the one that was signed",
                                d -> d.afterSecurity(Tampering::wrapMessaging), "EBMS:0101")),
                security("wrapped-body", "Signature wrapping of the SOAP Body is refused",
                        "The signed Body moved into a header block, a forged Body in its place",
                        refused("the Body that is read is not the one that was signed", d -> d.afterSecurity(Tampering::wrapBody),
                                "EBMS:0101")),
                security("signature-rsa-sha1", "Signature algorithm outside the profile (RSA-SHA1, SHA-1) is refused",
                        "Signed with rsa-sha1 and sha1 digests",
                        refused("RSA-SHA1 and SHA-1 are not the profile's algorithms", d -> {
                            d.signatureAlgorithm = Ns.RSA_SHA1;
                            d.digestAlgorithm = Ns.SHA1;
                            return d;
                        }, "EBMS:0103", "EBMS:0101")),
                security("encryption-aes-cbc", "Encryption algorithm outside the profile (AES-128-CBC) is refused",
                        "Attachments encrypted with aes128-cbc",
                        refused("AES-128-CBC is not the profile's content encryption", d -> {
                            d.contentEncryption = Ns.AES128_CBC;
                            return d;
                        }, "EBMS:0103", "EBMS:0102")),
                security("untrusted-signer", "A signing certificate that chains to no trust anchor is refused",
                        "Signed by a key from a CA the target does not know, with our party's name",
                        UntrustedSigner::probe),
                new Case("expired-signer", "An expired signing certificate is refused",
                        "Signed with the --expired-keystore key", Role.SEND, Scope.CORE, Set.of(Need.EXPIRED_KEY),
                        refusedWith(s -> s.settings().expiredSigning().orElseThrow(), "its signing certificate has expired")),
                new Case("revoked-signer", "A revoked signing certificate is refused",
                        "Signed with the --revoked-keystore key", Role.SEND, Scope.CORE, Set.of(Need.REVOKED_KEY),
                        refusedWith(s -> s.settings().revokedSigning().orElseThrow(), "its signing certificate is revoked")),
                new Case("tls-modern-accepted", "TLS 1.2 or 1.3 handshake with the target's HTTPS endpoint",
                        "Handshakes offering only TLS 1.3, then only TLS 1.2", Role.SEND, Scope.CORE, Set.of(Need.HTTPS),
                        TlsProbes::modernAccepted),
                new Case("tls-legacy-refused", "SSL, TLS 1.0 and TLS 1.1 are refused",
                        "Handshakes offering only TLS 1.1, then only TLS 1.0", Role.SEND, Scope.CORE, Set.of(Need.HTTPS),
                        TlsProbes::legacyRefused),
                new Case("tls-recommended-suites-accepted", "TLS 1.2 with the recommended cipher suites (ECDHE, AES-GCM)",
                        "A TLS 1.2 handshake offering only ECDHE with AES-128/256-GCM", Role.SEND, Scope.CORE,
                        Set.of(Need.HTTPS), TlsProbes::recommendedSuitesAccepted),
                new Case("tls-weak-suites-refused", "Cipher suites outside the allow-list are refused (BSI TR-02102-2)",
                        "TLS 1.2 handshakes offering only RSA key exchange, then only CBC with SHA-1", Role.SEND,
                        Scope.CORE, Set.of(Need.HTTPS), TlsProbes::weakSuitesRefused),
                security("xxe-doctype", "A DOCTYPE with an external entity is refused and never resolved",
                        "The SOAP envelope declares an external entity pointing at a local file", Tampering::xxe));
    }

    private static Case core(String id, String assertion, String title, Probe probe) {
        return new Case(id, assertion, title, Role.SEND, Scope.CORE, Set.of(), probe);
    }

    private static Case security(String id, String assertion, String title, Probe probe) {
        return core(id, assertion, title, probe);
    }

    static Draft ping(Draft d) {
        d.service = Ns.TEST_SERVICE;
        d.serviceType = Optional.empty();
        d.action = Ns.TEST_ACTION;
        return d;
    }

    private static Draft order(Draft d, Order order) {
        d.order = order;
        return d;
    }

    private static Probe refusedWith(Function<Session,
            Identity> key, String because) {
        return session -> {
            var identity = key.apply(session);
            return refused(because, d -> {
                d.signer = Optional.of(identity);
                return d;
            }, "EBMS:0101").run(session);
        };
    }
}
