package org.imigateway.cooperation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.imigateway.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.imigateway.procedure.Procedure;
import org.imigateway.procedure.Procedures;
import org.imigateway.procedure.ShippedProcedures;
import org.imigateway.procedure.RequestWorkflow;
class ProceduresTest {

    @TempDir
    Path folder;

    @Test
    void shippedProceduresLoadWithTheirFourPolicyAreas() throws Exception {
        ShippedProcedures.copyTo(folder);

        Procedures procedures = Procedures.load(folder);

        assertEquals(List.of("posting-of-workers", "professional-qualifications", "services", "solvit"),
                procedures.policyAreas().stream().sorted().toList());
        Procedure pqAlert = procedures.find("pq-alert").orElseThrow();
        assertEquals(Set.of(Procedure.Exchange.ALERT), pqAlert.exchanges());
        assertEquals(3, pqAlert.alertSendWithinDays().orElseThrow());
        assertTrue(procedures.find("services-notification").orElseThrow().uses(Procedure.Exchange.NOTIFICATION));
        Procedure declarations = procedures.find("posting-declarations").orElseThrow();
        assertTrue(declarations.repository("posting-declarations").orElseThrow().readableFrom("DE"));
        assertEquals(18, declarations.blockAfterMonths());
        assertTrue(declarations.uses(Procedure.Exchange.SUBMISSION));
        Procedure card = procedures.find("professional-card").orElseThrow();
        assertEquals(Set.of(Procedure.Exchange.SUBMISSION), card.exchanges());
        assertEquals("Berufsqualifikationen: Anträge auf einen Europäischen Berufsausweis", card.labels().get("de"));
        assertEquals(6, procedures.find("solvit-complaints").orElseThrow().blockAfterMonths());
        Procedure pqRequest = procedures.find("pq-request").orElseThrow();
        assertEquals(Set.of("document-authentic", "sanctioned"), pqRequest.questions());
        assertEquals("SENT", pqRequest.workflow().orElseThrow().initial());
        assertEquals(26, pqRequest.labels().size());
        assertEquals("Berufsqualifikationen: Auskunftsersuchen", pqRequest.labels().get("de"));
    }

    @Test
    void aProcedureAddedAsAFileIsLoadedAndUsable() throws Exception {
        ShippedProcedures.copyTo(folder);
        Files.writeString(folder.resolve("zz-new.xml"), ShippedProcedureText.copyOf("services-request.xml")
                .replace("code=\"services-request\"", "code=\"services-urgent-request\"")
                .replace("defaultDays=\"14\"", "defaultDays=\"2\""), StandardCharsets.UTF_8);

        Procedures procedures = Procedures.load(folder);

        RequestWorkflow workflow = procedures.find("services-urgent-request").orElseThrow().workflow().orElseThrow();
        assertEquals(2, workflow.defaultAnswerByDays());
    }

    @Test
    void retentionBeyondTheRegulationsBoundsIsRefusedNamingFileAndField() throws Exception {
        Files.writeString(folder.resolve("long.xml"), ShippedProcedureText.copyOf("pq-request.xml")
                .replace("blockAfterMonths=\"6\" deleteAfterMonths=\"36\"", "blockAfterMonths=\"19\" deleteAfterMonths=\"48\""),
                StandardCharsets.UTF_8);

        String message = assertThrows(ConfigException.class, () -> Procedures.load(folder)).getMessage();

        assertTrue(message.contains(folder.resolve("long.xml") + ": procedure 'pq-request' retention: blockAfterMonths=19"
                + " is more than 18"), message);
        assertTrue(message.contains("deleteAfterMonths=48 is more than 36"), message);
    }

    @Test
    void retentionLeftOutBlocksAfterSixMonthsAndDeletesAfterThreeYears() throws Exception {
        Files.writeString(folder.resolve("default.xml"), ShippedProcedureText.copyOf("pq-request.xml")
                .replace("<retention blockAfterMonths=\"6\" deleteAfterMonths=\"36\"/>", "<retention/>"),
                StandardCharsets.UTF_8);

        Procedure procedure = Procedures.load(folder).find("pq-request").orElseThrow();

        assertEquals(6, procedure.blockAfterMonths());
        assertEquals(36, procedure.deleteAfterMonths());
    }

    @Test
    void aSchemaErrorNamesFileLineAndField() throws Exception {
        Files.writeString(folder.resolve("broken.xml"), ShippedProcedureText.copyOf("pq-request.xml")
                .replace("<exchange>request</exchange>", "<exchange>requests</exchange>"), StandardCharsets.UTF_8);

        ConfigException refused = assertThrows(ConfigException.class, () -> Procedures.load(folder));

        String message = refused.getMessage();
        int line = lineOf(folder.resolve("broken.xml"), "<exchange>requests</exchange>");
        assertTrue(message.contains(folder.resolve("broken.xml") + ":" + line + ":"), message);
        assertTrue(message.contains("'requests'"), message);
    }

    @Test
    void aMissingTranslationNamesTheProcedureTheLabelAndTheLanguages() throws Exception {
        String text = ShippedProcedureText.copyOf("pq-request.xml");
        String withoutIrish = text.replaceFirst("\\s*<label lang=\"ga\">Cáilíochtaí gairmiúla</label>", "")
                .replaceFirst("\\s*<label lang=\"mt\">Id-dokument huwa awtentiku\\?</label>", "");
        Files.writeString(folder.resolve("pq-request.xml"), withoutIrish, StandardCharsets.UTF_8);

        ConfigException refused = assertThrows(ConfigException.class, () -> Procedures.load(folder));

        assertTrue(refused.getMessage().contains("procedure 'pq-request' policyArea: no label in language(s) ga"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("question 'document-authentic' label: no label in language(s) mt"),
                refused.getMessage());
    }

    @Test
    void aTransitionToAnUndeclaredStateOrWithAnUnknownActionIsRefused() throws Exception {
        Files.writeString(folder.resolve("pq-request.xml"), ShippedProcedureText.copyOf("pq-request.xml")
                .replace("action=\"Answer\" by=\"responder\" to=\"ANSWERED\"", "action=\"Reply\" by=\"responder\" to=\"DONE\""),
                StandardCharsets.UTF_8);

        ConfigException refused = assertThrows(ConfigException.class, () -> Procedures.load(folder));

        assertTrue(refused.getMessage().contains("state 'DONE' is not declared"), refused.getMessage());
        assertTrue(refused.getMessage().contains("action 'Reply' is not a request action"), refused.getMessage());
    }

    @Test
    void twoFilesWithOneCodeAreRefused() throws Exception {
        ShippedProcedures.copyTo(folder);
        Files.copy(folder.resolve("pq-alert.xml"), folder.resolve("pq-alert-copy.xml"));

        ConfigException refused = assertThrows(ConfigException.class, () -> Procedures.load(folder));

        assertTrue(refused.getMessage().contains("procedure code 'pq-alert' is also used by"), refused.getMessage());
    }

    private static int lineOf(Path file, String text) throws Exception {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }
}
