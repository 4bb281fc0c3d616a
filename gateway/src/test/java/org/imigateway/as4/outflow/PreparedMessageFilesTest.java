package org.imigateway.as4.outflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.imigateway.as4.Namespaces;
import org.imigateway.xml.SecureXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class PreparedMessageFilesTest {

    @TempDir
    Path dir;

    @Test
    void theFirstSendTakesTheReferencesFromMemoryAndALaterOneFromTheFile() throws IOException {
        Path file = dir.resolve("references.xml");
        PreparedMessageFiles.writeReferences(references("cid:part-1", "AAAA", "cid:part-2", "BBBB"), file);
        // What the file says from now on differs, so each read shows where it came from.
        Files.writeString(file, Files.readString(file).replace("AAAA", "CCCC"));

        assertEquals(List.of("cid:part-1=AAAA", "cid:part-2=BBBB"), summary(PreparedMessageFiles.readReferences(file)),
                "the first send: the references as written, from memory");
        assertEquals(List.of("cid:part-1=CCCC", "cid:part-2=BBBB"), summary(PreparedMessageFiles.readReferences(file)),
                "a retry parses the file");
    }

    @Test
    void theFileStaysTheRecord() throws IOException {
        Path file = dir.resolve("references.xml");
        PreparedMessageFiles.writeReferences(references("cid:a", "AAAA"), file);
        Files.delete(file);

        assertThrows(IOException.class, () -> PreparedMessageFiles.readReferences(file),
                "nothing is sent on references whose file is gone");
    }

    @Test
    void manyUnsentMessagesDoNotGrowTheMemory() throws IOException {
        Path first = dir.resolve("first.xml");
        PreparedMessageFiles.writeReferences(references("cid:first", "FFFF"), first);
        for (int i = 0; i < PreparedMessageFiles.MAX_KEPT; i++) {
            PreparedMessageFiles.writeReferences(references("cid:" + i, "0000"), dir.resolve(i + ".xml"));
        }
        // evicted from memory, still read right
        Files.writeString(first, Files.readString(first).replace("FFFF", "EEEE"));
        assertEquals(List.of("cid:first=EEEE"), summary(PreparedMessageFiles.readReferences(first)));
    }

    private static List<Element> references(String... uriAndDigest) {
        Document doc = SecureXml.newDocument();
        Element info = doc.createElementNS(Namespaces.DS, "ds:SignedInfo");
        doc.appendChild(info);
        List<Element> references = new ArrayList<>();
        for (int i = 0; i < uriAndDigest.length; i += 2) {
            Element reference = doc.createElementNS(Namespaces.DS, "ds:Reference");
            reference.setAttributeNS(null, "URI", uriAndDigest[i]);
            Element digest = doc.createElementNS(Namespaces.DS, "ds:DigestValue");
            digest.setTextContent(uriAndDigest[i + 1]);
            reference.appendChild(digest);
            info.appendChild(reference);
            references.add(reference);
        }
        return references;
    }

    private static List<String> summary(List<Element> references) {
        return references.stream().map(r -> r.getAttribute("URI") + "="
                + r.getElementsByTagNameNS(Namespaces.DS, "DigestValue").item(0).getTextContent()).toList();
    }
}
