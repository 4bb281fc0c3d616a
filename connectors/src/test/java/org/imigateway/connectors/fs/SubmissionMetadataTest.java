package org.imigateway.connectors.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.imigateway.connectors.Submission;
import org.imigateway.connectors.SubmissionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubmissionMetadataTest {

    static final String GOOD = """
            <submission xmlns="urn:imigateway:connectors:1.0">
              <toParty>gw-b</toParty>
              <service type="urn:t">urn:s</service>
              <action>Deliver</action>
              <property name="finalRecipient">urn:authority:b</property>
              <payload file="a.xml" mimeType="application/xml" characterSet="UTF-8">
                <property name="DocumentType">Request</property>
              </payload>
            </submission>
            """;

    @TempDir
    Path dir;

    Path folder(String metadata) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("sub-1"));
        Files.writeString(folder.resolve("a.xml"), "<a/>");
        Files.writeString(folder.resolve("metadata.xml"), metadata);
        return folder;
    }

    @Test
    void aCompleteFolderBecomesASubmissionWhoseIdIsTheFolderName() throws Exception {
        Submission submission = SubmissionMetadata.read(folder(GOOD));
        assertEquals(Optional.of("sub-1"), submission.submissionId());
        assertEquals("gw-b", submission.toParty());
        assertEquals(Optional.of("urn:t"), submission.serviceType());
        assertEquals(Optional.of("urn:authority:b"), submission.property("finalRecipient"));
        assertEquals("DocumentType", submission.payloads().get(0).properties().get(0).name());
        assertEquals(Optional.of("UTF-8"), submission.payloads().get(0).characterSet());
    }

    @Test
    void aFolderMayNameAParticipantDocumentTypeAndProcessInsteadOfAParty() throws Exception {
        Submission submission = SubmissionMetadata.read(folder(GOOD.replace("<toParty>gw-b</toParty>",
                "<participant>iso6523-actorid-upis::0088:imi-b</participant>"
                        + "<documentType>imi-doctype::urn:imi:request:1.0</documentType>"
                        + "<process>imi-process::urn:imi:cooperation</process>")));
        assertEquals(Optional.of(new Submission.Recipient("iso6523-actorid-upis::0088:imi-b",
                "imi-doctype::urn:imi:request:1.0", "imi-process::urn:imi:cooperation")), submission.recipient());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "<toParty>gw-b</toParty>|<toParty/>|element <toParty> is missing or empty",
        "<action>Deliver</action>||element <action> is missing or empty",
        "file=\"a.xml\"|file=\"../a.xml\"|file '../a.xml' is not a file of the submission folder",
        "file=\"a.xml\"|file=\"metadata.xml\"|file 'metadata.xml' is not a file of the submission folder",
        "mimeType=\"application/xml\"||has no attribute 'mimeType'",
        "urn:imigateway:connectors:1.0|urn:other|the root element must be",
        "<submission|<!DOCTYPE s [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><submission|not well-formed XML",
        "<toParty>gw-b</toParty>|<toParty>gw-b</toParty><participant>s::v</participant>|are both given",
        "<toParty>gw-b</toParty>|<participant>s::v</participant><process>p</process>|element <documentType> is missing",
    })
    void invalidMetadataIsRefusedNamingTheField(String from, String to, String words) throws Exception {
        SubmissionException refused = assertThrows(SubmissionException.class,
                () -> SubmissionMetadata.read(folder(GOOD.replace(from, to == null ? "" : to))));
        assertEquals("EBMS:0009", refused.errorCode());
        assertTrue(refused.getMessage().contains(words), refused.getMessage());
    }
}
