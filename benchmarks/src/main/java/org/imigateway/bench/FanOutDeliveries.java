package org.imigateway.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.imigateway.Gateway;
import org.imigateway.connectors.Delivery;
import org.imigateway.connectors.fs.FolderInbox;
import org.imigateway.cooperation.Cooperation;

/**
 * What the national systems received of one message the hub fanned out, read from the access
 * points' default backends (the inbox folders), and the check that every expected authority got
 * it exactly once, at the access point that serves it.
 */
final class FanOutDeliveries {

    /** One delivered copy: where it landed, its MessageId, the message it came from and the authority it is for. */
    record Copy(String accessPoint, String messageId, String refToMessageId, String finalRecipient) {
    }

    /** Why a fan-out is not complete; empty lists mean every expected authority has its one copy. */
    record Check(List<String> missing, Map<String, Integer> duplicated, List<String> wrongAccessPoint,
            List<String> unexpected) {

        boolean complete() {
            return missing.isEmpty() && duplicated.isEmpty() && wrongAccessPoint.isEmpty() && unexpected.isEmpty();
        }

        String describe() {
            return "missing " + missing.size() + " " + first(missing) + ", duplicated " + duplicated.size() + " "
                    + first(new ArrayList<>(duplicated.keySet())) + ", at the wrong access point " + wrongAccessPoint.size()
                    + " " + first(wrongAccessPoint) + ", not expected " + unexpected.size() + " " + first(unexpected);
        }

        private static List<String> first(List<String> ids) {
            return ids.subList(0, Math.min(10, ids.size()));
        }
    }

    private FanOutDeliveries() {
    }

    /** Every message in the default backends of {@code accessPoints}. */
    static List<Copy> read(Map<String, Gateway> accessPoints) throws IOException {
        List<Copy> copies = new ArrayList<>();
        for (Map.Entry<String, Gateway> ap : accessPoints.entrySet()) {
            for (Path folder : ap.getValue().inbox().messages()) {
                Delivery meta = FolderInbox.read(folder);
                copies.add(new Copy(ap.getKey(), meta.messageId(), meta.refToMessageId().orElse(""),
                        meta.property(Cooperation.FINAL_RECIPIENT).orElse("")));
            }
        }
        return copies;
    }

    /** How many delivered message folders the default backends of {@code accessPoints} hold. */
    static int count(Iterable<Gateway> accessPoints) throws IOException {
        int count = 0;
        for (Gateway gateway : accessPoints) {
            count += gateway.inbox().messages().size();
        }
        return count;
    }

    /** Checks the copies made from {@code cause} against the authorities that should each have one. */
    static Check check(List<FanOutDirectory.Authority> expected, String cause, List<Copy> copies) {
        Map<String, FanOutDirectory.Authority> byId = new LinkedHashMap<>();
        expected.forEach(a -> byId.put(a.id(), a));
        Map<String, List<Copy>> received = new TreeMap<>();
        copies.stream().filter(c -> c.refToMessageId().equals(cause))
                .forEach(c -> received.computeIfAbsent(c.finalRecipient(), k -> new ArrayList<>()).add(c));
        List<String> missing = byId.keySet().stream().filter(id -> !received.containsKey(id)).sorted().toList();
        Map<String, Integer> duplicated = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        received.forEach((id, list) -> {
            if (!byId.containsKey(id)) {
                unexpected.add(id);
                return;
            }
            if (list.size() > 1) {
                duplicated.put(id, list.size());
            }
            if (list.stream().anyMatch(c -> !c.accessPoint().equals(byId.get(id).accessPoint()))) {
                wrong.add(id);
            }
        });
        return new Check(missing, duplicated, wrong, unexpected);
    }
}
