package org.imigateway.cooperation.publicapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.imigateway.schemas.imi.ImiDocumentType;
import org.junit.jupiter.api.Test;

class SubmissionCheckTest {

    private final SubmissionCheck check = new SubmissionCheck();

    @Test
    void aValidDeclarationYieldsItsFormProcedureAndCountry() {
        SubmissionCheck.Checked checked = check.check(bytes(Declarations.declaration("DE", "R-1")));

        assertEquals(new SubmissionCheck.Valid(ImiDocumentType.PUBLIC_DECLARATION, "posting-declarations", "DE",
                Optional.empty()), checked);
    }

    @Test
    void aSchemaErrorNamesLineColumnAndTheElementPath() {
        String broken = Declarations.declaration("DE", "R-1").replace("anna.ozola@baltbuve.example", "anna.ozola");

        SubmissionCheck.Invalid invalid = (SubmissionCheck.Invalid) check.check(bytes(broken));

        assertEquals("schema", invalid.kind());
        SubmissionCheck.Problem problem = invalid.problems().get(0);
        assertEquals(19, problem.line());
        assertTrue(problem.column() > 0);
        assertEquals("/declaration/contactPerson/contact/email", problem.field());
        assertTrue(problem.detail().contains("'anna.ozola'"), problem.detail());
    }

    @Test
    void aMissingElementIsReportedAtItsParentNamingWhatCameInstead() {
        String broken = Declarations.declaration("DE", "R-1").replace("<country>DE</country>", "");

        SubmissionCheck.Invalid invalid = (SubmissionCheck.Invalid) check.check(bytes(broken));

        assertEquals("/declaration", invalid.problems().get(0).field());
        assertTrue(invalid.problems().get(0).detail().contains("country"), invalid.problems().get(0).detail());
    }

    @Test
    void aDoctypeIsRefusedAndItsEntityNeverResolved() {
        String hostile = """
                <?xml version="1.0"?>
                <!DOCTYPE declaration [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <declaration xmlns="urn:imigateway:imi:submission:1"><procedure>&x;</procedure></declaration>
                """;

        SubmissionCheck.Invalid invalid = (SubmissionCheck.Invalid) check.check(bytes(hostile));

        assertEquals("doctype", invalid.kind());
        assertEquals(2, invalid.problems().get(0).line());
    }

    @Test
    void malformedXmlIsRefusedWithItsLineAndColumn() {
        SubmissionCheck.Invalid invalid = (SubmissionCheck.Invalid) check.check(bytes(
                "<declaration xmlns=\"urn:imigateway:imi:submission:1\">\n  <procedure>x</procedur>\n</declaration>"));

        assertEquals("malformed", invalid.kind());
        assertEquals(2, invalid.problems().get(0).line());
        assertEquals("/declaration/procedure", invalid.problems().get(0).field());
    }

    @Test
    void anIMIBusinessMessageIsNotAPublicForm() {
        SubmissionCheck.Invalid invalid = (SubmissionCheck.Invalid) check.check(bytes(
                "<request xmlns=\"urn:imigateway:imi:request:1\"/>"));

        assertEquals("form", invalid.kind());
        assertTrue(invalid.problems().get(0).detail().contains("cardApplication"), invalid.problems().get(0).detail());
    }

    private static byte[] bytes(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    /** Such a document once took a minute of CPU in the validator; now the parse stops at the 33rd level. */
    @Test
    void aDocumentNested200000DeepIsRefusedAtTheDepthLimit() {
        String open = "<declaration xmlns=\"urn:imigateway:imi:submission:1\">" + "<serviceProvider>".repeat(200_000);

        SubmissionCheck.Invalid invalid = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(20), () -> (SubmissionCheck.Invalid) check.check(bytes(open)));

        assertEquals("limits", invalid.kind());
        assertTrue(invalid.problems().get(0).detail().contains("deeper than " + SubmissionCheck.DEFAULT_MAX_DEPTH),
                invalid.problems().get(0).detail());
    }

    @Test
    void aDocumentWithTooManyElementsIsRefusedAtTheElementLimit() {
        String wide = Declarations.declaration("DE", "R-1").replace("<language>lv</language>",
                "<language>lv</language>" + "<x/>".repeat(200));

        SubmissionCheck.Invalid invalid = (SubmissionCheck.Invalid) new SubmissionCheck(32, 150).check(bytes(wide));

        assertEquals("limits", invalid.kind());
        assertTrue(invalid.problems().get(0).detail().contains("more than 150 elements"), invalid.problems().get(0).detail());
    }
}
