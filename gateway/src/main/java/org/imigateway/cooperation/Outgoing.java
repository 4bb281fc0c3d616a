package org.imigateway.cooperation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.imigateway.schemas.imi.ImiDocumentType;

/**
 * One message the hub sends because of one it received: its document type, the access point it
 * goes to, the authority it is for (finalRecipient), the authority it is from (originalSender),
 * its payload files and a key that makes its MessageId the same however often it is made.
 */
record Outgoing(ImiDocumentType type, String toParty, String originalSender, String finalRecipient,
        List<Payload> payloads, String key) {

    record Payload(Path file, String mimeType) {
    }

    Outgoing {
        payloads = List.copyOf(payloads);
    }

    /** One line for the decision log; file names and ids never hold '|', ';' or line breaks. */
    String line() {
        List<String> files = new ArrayList<>();
        payloads.forEach(p -> files.add(p.file() + ";" + p.mimeType()));
        return String.join("|", type.name(), toParty, originalSender, finalRecipient, key, String.join(",", files));
    }

    static Outgoing parse(String line) {
        String[] field = line.split("\\|", -1);
        List<Payload> payloads = new ArrayList<>();
        for (String file : field[5].split(",")) {
            int at = file.lastIndexOf(';');
            payloads.add(new Payload(Path.of(file.substring(0, at)), file.substring(at + 1)));
        }
        return new Outgoing(ImiDocumentType.valueOf(field[0]), field[1], field[2], field[3], payloads, field[4]);
    }
}
