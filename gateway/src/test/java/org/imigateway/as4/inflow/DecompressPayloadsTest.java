package org.imigateway.as4.inflow;

import static org.imigateway.as4.EbmsErrorCode.DECOMPRESSION_FAILURE;
import static org.imigateway.as4.EbmsErrorCode.OTHER;
import static org.imigateway.as4.EbmsErrorCode.VALUE_INCONSISTENT;
import static org.imigateway.as4.StepParties.assertRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.imigateway.as4.EbmsErrorCode;
import org.imigateway.as4.EbmsException;
import org.imigateway.as4.Namespaces;
import org.imigateway.as4.StepParties;
import org.imigateway.as4.hostile.Attacks;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Payload;
import org.imigateway.store.FileDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DecompressPayloads: a part with {@code CompressionType=application/gzip} is gunzipped and takes
 * the MimeType of its PartProperties; CharacterSet and the leg's size limit are checked on what
 * the backend will get.
 */
class DecompressPayloadsTest {

    private static final StepParties PARTIES = StepParties.get();
    private static final String NOTE = "<note xmlns=\"urn:hostile\">" + "compressible ".repeat(400) + "</note>";
    private final DecompressPayloads step = new DecompressPayloads();

    @Test
    void aGzippedPayloadIsUncompressedWithItsMimeTypeCharacterSetAndProperties() throws Exception {
        Payload payload = PARTIES.xmlPayload(NOTE);
        InboundContext context = Received.before(DecompressPayloads.class, PARTIES.craft().payload(new Payload(
                payload.file(), "application/xml", Optional.of("UTF-8"), List.of(MessageProperty.of("kind", "note"))))
                .build());

        step.process(context);

        ReceivedPayload received = context.payloads().get(0);
        assertEquals(NOTE, Files.readString(received.part().file(), StandardCharsets.UTF_8));
        assertEquals("application/xml", received.mimeType());
        assertEquals(Optional.of("UTF-8"), received.characterSet());
        assertEquals(Optional.of("note"), received.properties().stream().filter(p -> p.name().equals("kind"))
                .map(MessageProperty::value).findFirst());
        // taken while writing, for the payload store, which then does not read the file again
        byte[] plain = Files.readAllBytes(received.part().file());
        assertEquals(Optional.of(new FileDigest(plain.length,
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(plain)))), received.digest());
    }

    @Test
    void aDecompressedPayloadNoLongerCarriesCompressionTypeButKeepsItsMimeType() throws Exception {
        Payload payload = PARTIES.xmlPayload(NOTE);
        InboundContext context = Received.before(DecompressPayloads.class, PARTIES.craft().payload(payload).build());

        step.process(context);

        List<String> names = context.payloads().get(0).properties().stream().map(MessageProperty::name).toList();
        assertFalse(names.contains(Namespaces.PART_PROPERTY_COMPRESSION_TYPE), names.toString());
        assertTrue(names.contains(Namespaces.PART_PROPERTY_MIME_TYPE), names.toString());
    }

    @Test
    void anUncompressedPayloadIsTakenAsItIs() throws Exception {
        Payload payload = PARTIES.binaryPayload(4096);
        InboundContext context = Received.before(DecompressPayloads.class,
                PARTIES.craft().action(StepParties.PLAIN).payload(payload).build());

        step.process(context);

        ReceivedPayload received = context.payloads().get(0);
        assertArrayEquals(Files.readAllBytes(payload.file()), Files.readAllBytes(received.part().file()));
        assertEquals("application/octet-stream", received.mimeType());
        assertEquals(Optional.empty(), received.digest(), "nothing written here: the store digests the part itself");
    }

    @Test
    void theMimeTypePartPropertyOutranksTheMimeHeaderOfThePart() throws EbmsException {
        InboundContext context = Received.before(DecompressPayloads.class, PARTIES.craft().action(StepParties.PLAIN)
                .payload(PARTIES.binaryPayload(256)).parts(Attacks.firstPartProperties(properties -> replace(properties,
                        Namespaces.PART_PROPERTY_MIME_TYPE, "application/pdf"))).build());

        step.process(context);

        assertEquals("application/octet-stream", context.envelope().parts().get(0).contentType());
        assertEquals("application/pdf", context.payloads().get(0).mimeType());
    }

    @Test
    void damagedGzipIsRefusedWithEbms0303NamingThePart() throws EbmsException {
        InboundContext context = Received.before(DecompressPayloads.class, PARTIES.craft()
                .parts(Attacks.rewriteFirstPart(bytes -> "not gzip at all".getBytes(StandardCharsets.US_ASCII))).build());
        String href = context.envelope().parts().get(0).href();

        assertRefused(DECOMPRESSION_FAILURE, () -> step.process(context), "part " + href, "not valid gzip");
    }

    /** A PartProperties change made before signing, and the refusal it must get. */
    record PropertyCase(String name, Consumer<List<MessageProperty>> change, EbmsErrorCode code, String named) {
        @Override
        public String toString() {
            return name + " → " + code.code();
        }
    }

    static Stream<PropertyCase> wrongPartProperties() {
        return Stream.of(
                new PropertyCase("CompressionType other than gzip", properties -> replace(properties,
                        Namespaces.PART_PROPERTY_COMPRESSION_TYPE, "application/x-bzip2"), DECOMPRESSION_FAILURE,
                        "CompressionType 'application/x-bzip2'"),
                new PropertyCase("compressed without MimeType", properties -> properties.removeIf(
                        p -> p.name().equals(Namespaces.PART_PROPERTY_MIME_TYPE)), DECOMPRESSION_FAILURE,
                        "no MimeType part property"),
                new PropertyCase("unknown CharacterSet", properties -> replace(properties,
                        Namespaces.PART_PROPERTY_CHARACTER_SET, "no-such-charset"), VALUE_INCONSISTENT,
                        "CharacterSet 'no-such-charset'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongPartProperties")
    void wrongPartPropertiesAreRefusedNamingTheProperty(PropertyCase wrong) throws EbmsException {
        InboundContext context = Received.before(DecompressPayloads.class,
                PARTIES.craft().parts(Attacks.firstPartProperties(wrong.change())).build());
        String href = context.envelope().parts().get(0).href();

        assertRefused(wrong.code(), () -> step.process(context), "part " + href, wrong.named());
    }

    @Test
    void aPayloadLargerThanTheLegAllowsOnceUncompressedIsRefusedWithEbms0004() throws EbmsException {
        InboundContext context = Received.before(DecompressPayloads.class,
                PARTIES.craft().action(StepParties.SMALL).payload(PARTIES.xmlPayload(NOTE)).build());

        assertRefused(OTHER, () -> step.process(context), "larger than the " + StepParties.SMALL_LIMIT + " bytes");
    }

    @Test
    void anUncompressedPayloadLargerThanTheLegAllowsIsRefusedWithEbms0004NamingItsSize() throws Exception {
        InboundContext context = Received.before(DecompressPayloads.class, PARTIES.craft().action(StepParties.SMALL)
                .payload(PARTIES.binaryPayload(4096)).parts(Attacks.firstPartProperties(properties -> properties
                        .removeIf(p -> p.name().equals(Namespaces.PART_PROPERTY_COMPRESSION_TYPE)))).build());
        long size = context.envelope().parts().get(0).size();

        assertRefused(OTHER, () -> step.process(context), "has " + size + " bytes",
                "more than the " + StepParties.SMALL_LIMIT);
    }

    private static void replace(List<MessageProperty> properties, String name, String value) {
        properties.removeIf(p -> p.name().equals(name));
        properties.add(MessageProperty.of(name, value));
    }
}
