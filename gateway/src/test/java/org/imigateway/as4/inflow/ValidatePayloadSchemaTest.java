package org.imigateway.as4.inflow;

import static org.imigateway.as4.EbmsErrorCode.OTHER;
import static org.imigateway.as4.StepParties.assertRefused;

import org.imigateway.as4.EbmsException;
import org.imigateway.as4.StepParties;
import org.junit.jupiter.api.Test;

/**
 * ValidatePayloadSchema: on a leg that names a payload schema, the leading payload must be valid
 * against it; the refusal names the schema, the line and the field.
 */
class ValidatePayloadSchemaTest {

    private static final StepParties PARTIES = StepParties.get();
    private final ValidatePayloadSchema step = new ValidatePayloadSchema();

    @Test
    void aLeadingPayloadValidAgainstTheLegsSchemaPasses() throws EbmsException {
        InboundContext context = Received.before(ValidatePayloadSchema.class,
                PARTIES.craft().action(StepParties.SCHEMA).build());

        step.process(context);
    }

    @Test
    void anInvalidLeadingPayloadIsRefusedWithEbms0004NamingSchemaLineAndElement() throws EbmsException {
        InboundContext context = Received.before(ValidatePayloadSchema.class, PARTIES.craft().action(StepParties.SCHEMA)
                .payload(PARTIES.xmlPayload("<memo xmlns=\"urn:hostile\">not a note</memo>")).build());
        String href = context.envelope().parts().get(0).href();

        assertRefused(OTHER, () -> step.process(context), "payload " + href, "note.xsd", "line 1", "'memo'");
    }

    @Test
    void onlyTheLeadingPayloadIsValidated() throws EbmsException {
        InboundContext context = Received.before(ValidatePayloadSchema.class, PARTIES.craft().action(StepParties.SCHEMA)
                .payload(PARTIES.xmlPayload("<note xmlns=\"urn:hostile\">the business document</note>"))
                .payload(PARTIES.binaryPayload(256)).build());

        step.process(context);
    }

    @Test
    void aMessageWithoutPayloadOnASchemaLegIsRefusedWithEbms0004NamingTheLeg() throws EbmsException {
        InboundContext context = Received.before(ValidatePayloadSchema.class,
                PARTIES.craft().action(StepParties.SCHEMA).parts(parts -> parts.clear()).build());

        assertRefused(OTHER, () -> step.process(context), "leg 'step-schema'", "has none");
    }

    @Test
    void anExternalEntityInTheLeadingPayloadIsNotFetchedButRefusedWithEbms0004() throws EbmsException {
        InboundContext context = Received.before(ValidatePayloadSchema.class, PARTIES.craft().action(StepParties.SCHEMA)
                .payload(PARTIES.xmlPayload("<!DOCTYPE note [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
                        + "<note xmlns=\"urn:hostile\">&x;</note>")).build());

        assertRefused(OTHER, () -> step.process(context), "note.xsd", "DOCTYPE");
    }

    @Test
    void internalEntitiesAreNotExpandedButTheDoctypeIsRefusedWithEbms0004() throws EbmsException {
        StringBuilder laughs = new StringBuilder("<!DOCTYPE note [<!ENTITY a \"lol\">");
        for (char c = 'b'; c <= 'j'; c++) {
            laughs.append("<!ENTITY ").append(c).append(" \"");
            laughs.append(("&" + (char) (c - 1) + ";").repeat(10)).append("\">");
        }
        InboundContext context = Received.before(ValidatePayloadSchema.class, PARTIES.craft().action(StepParties.SCHEMA)
                .payload(PARTIES.xmlPayload(laughs + "]><note xmlns=\"urn:hostile\">&j;</note>")).build());

        assertRefused(OTHER, () -> step.process(context), "note.xsd", "DOCTYPE");
    }

    @Test
    void aLegWithoutSchemaTakesAnyPayload() throws EbmsException {
        InboundContext context = Received.before(ValidatePayloadSchema.class,
                PARTIES.craft().payload(PARTIES.binaryPayload(256)).build());

        step.process(context);
    }
}
