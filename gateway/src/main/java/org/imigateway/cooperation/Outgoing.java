package org.imigateway.cooperation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.imigateway.schemas.imi.ImiDocumentType;

/**
 * One message the hub sends because of one it received: its document type, the access point it
 * goes to, the authority it is for (finalRecipient), the authority it is from (originalSender),
 * its payload files and a key that makes its MessageId the same however often it is made.
 */
record Outgoing(ImiDocumentType type, String toParty, String originalSender, String finalRecipient,
        List<Payload> payloads, String key) {

    /** @param properties part properties, name to value (a rendering says role=rendering and its lang) */
    record Payload(Path file, String mimeType, Map<String, String> properties) {
        Payload {
            properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        }

        Payload(Path file, String mimeType) {
            this(file, mimeType, Map.of());
        }
    }

    Outgoing {
        payloads = List.copyOf(payloads);
    }

    /**
     * One line for the decision log; file names, ids and part properties never hold '|', ',', ';',
     * '=' or line breaks. A payload is {@code file;mimeType} and then {@code ;name=value} per property.
     */
    String line() {
        List<String> files = new ArrayList<>();
        payloads.forEach(p -> {
            StringBuilder file = new StringBuilder(p.file() + ";" + p.mimeType());
            p.properties().forEach((name, value) -> file.append(';').append(name).append('=').append(value));
            files.add(file.toString());
        });
        return String.join("|", type.name(), toParty, originalSender, finalRecipient, key, String.join(",", files));
    }

    static Outgoing parse(String line) {
        String[] field = line.split("\\|", -1);
        List<Payload> payloads = new ArrayList<>();
        for (String file : field[5].split(",")) {
            String[] part = file.split(";");
            Map<String, String> properties = new LinkedHashMap<>();
            for (int i = 2; i < part.length; i++) {
                int at = part[i].indexOf('=');
                properties.put(part[i].substring(0, at), part[i].substring(at + 1));
            }
            payloads.add(new Payload(Path.of(part[0]), part[1], properties));
        }
        return new Outgoing(ImiDocumentType.valueOf(field[0]), field[1], field[2], field[3], payloads, field[4]);
    }
}
