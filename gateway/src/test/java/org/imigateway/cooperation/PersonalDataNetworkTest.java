package org.imigateway.cooperation;

import static org.imigateway.GatewayParts.partsOf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.imigateway.Gateway;
import org.imigateway.cli.CommandRun;
import org.imigateway.config.GatewayConfig;
import org.imigateway.cooperation.CooperationNetwork.Received;
import org.imigateway.schemas.imi.ImiDocumentType;
import org.imigateway.port.AuditAction;
import org.imigateway.store.AuditEntry;
import org.imigateway.port.CaseKey;
import org.imigateway.store.Database;
import org.imigateway.store.Direction;
import org.imigateway.store.PayloadAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Personal data end to end (issue 5, Show 3 and 4): a request between a German and a French
 * authority through the hub; an authority outside the case cannot read it, the participants'
 * reads are audited; closed, then blocked and deleted on schedule with the clock moved forward;
 * a tampered audit entry is found by {@code audit verify}.
 */
class PersonalDataNetworkTest {

    private static final String REQUESTER = "DE-AEK-BERLIN";
    private static final String RESPONDER = "FR-ORDRE";
    private static final String OUTSIDER = "PL-NIL";

    @TempDir
    Path dir;

    @Test
    void onlyTheCasesAuthoritiesReadItsPayloadsAndRetentionBlocksThenDeletesKeepingTheEvidence() throws Exception {
        Path hubHome;
        String submit;
        try (CooperationNetwork network = CooperationNetwork.start(dir)) {
            Gateway hub = network.gateway(CooperationNetwork.HUB);
            hubHome = hub.config().home();
            String caseId = "DE-2026-PD1";
            submit = network.send(ImiDocumentType.REQUEST_SUBMIT, REQUESTER, RESPONDER, request(caseId));
            Received forwarded = network.awaitFrom(submit, RESPONDER);
            String forwardId = forwarded.meta().messageId();
            PayloadAccess access = partsOf(hub).payloadAccess();

            // Show 3: need to know, and each read in the audit trail with who, what, when, which case, why.
            PayloadAccess.Granted responderRead = assertInstanceOf(PayloadAccess.Granted.class,
                    access.read(RESPONDER, submit, "checking the diploma"));
            assertInstanceOf(PayloadAccess.Granted.class, access.read(REQUESTER, submit, "reviewing what we sent"));
            PayloadAccess.Refused outsider = assertInstanceOf(PayloadAccess.Refused.class,
                    access.read(OUTSIDER, submit, "looking around"));
            assertTrue(outsider.reason().contains("not found for " + OUTSIDER), outsider.reason());
            CaseKey requestCase = new CaseKey("pq-request", caseId);
            List<AuditEntry> reads = access.audit().about(submit);
            assertEquals(List.of("backend:" + PayloadAccess.COOPERATION_STEP + " READ", RESPONDER + " READ",
                    REQUESTER + " READ", OUTSIDER + " REFUSED"),
                    reads.stream().map(e -> e.actor() + " " + e.action()).toList());
            AuditEntry responderEntry = reads.get(1);
            assertEquals(requestCase, responderEntry.caseKey());
            assertEquals("checking the diploma", responderEntry.purpose());
            assertEquals(submit, responderEntry.messageId());
            assertTrue(responderEntry.at().isAfter(Instant.now().minusSeconds(120)));
            // The responder's access point delivered it to its backend on the responder's behalf, audited there.
            List<AuditEntry> delivered = partsOf(network.gateway(forwarded.accessPoint())).payloadAccess().audit().about(forwardId);
            assertEquals(RESPONDER + " READ delivery to backend default", delivered.get(0).actor() + " "
                    + delivered.get(0).action() + " " + delivered.get(0).purpose());

            // Show 4: closed by the requester; blocked after 6 months (pq-request), deleted after 36.
            String close = network.send(ImiDocumentType.REQUEST_CLOSE, REQUESTER, RESPONDER,
                    step("closure", caseId, REQUESTER, RESPONDER, ""));
            network.awaitFrom(close, RESPONDER);
            Retention retention = partsOf(hub).retention().orElseThrow();
            Instant closed = Instant.now();
            Path payloadFile = responderRead.delivery().payloads().get(0).file();
            Path outboxFolder = partsOf(hub).messageLog().find(forwardId, Direction.OUTBOUND).orElseThrow().body().orElseThrow()
                    .file().getParent();
            assertTrue(Files.exists(payloadFile) && Files.isDirectory(outboxFolder));

            assertEquals(0, retention.run(months(closed, 5)).blocked());
            assertTrue(retention.run(months(closed, 6).plusSeconds(3600)).blocked() >= 1);
            PayloadAccess.Refused blocked = assertInstanceOf(PayloadAccess.Refused.class,
                    access.read(RESPONDER, submit, "one more look"));
            assertTrue(blocked.reason().contains("blocked on"), blocked.reason());
            PayloadAccess.Granted proof = assertInstanceOf(PayloadAccess.Granted.class,
                    access.proof("ops-anna", submit, "court asks whether the request was sent"));
            assertEquals(AuditAction.READ_BLOCKED, proof.audit().action());
            assertEquals("operator:ops-anna", proof.audit().actor());

            assertTrue(retention.run(months(closed, 36).plusSeconds(3600)).deleted() >= 1);
            assertFalse(Files.exists(payloadFile), "the stored payload is deleted");
            assertFalse(Files.exists(outboxFolder), "the prepared outbound MIME body is deleted");
            PayloadAccess.Deleted deleted = assertInstanceOf(PayloadAccess.Deleted.class,
                    access.read(RESPONDER, submit, "after three years"));
            LocalDate deletedOn = LocalDate.ofInstant(months(closed, 36).plusSeconds(3600), ZoneOffset.UTC);
            assertTrue(deleted.statement().contains("deleted on " + deletedOn + " under retention of procedure pq-request"),
                    deleted.statement());
            assertEquals(1, deleted.evidence().records().size());
            assertEquals(64, deleted.evidence().payloads().get(0).sha256().length());
            assertTrue(partsOf(hub).messageLog().find(forwardId, Direction.OUTBOUND).isPresent(), "metadata stays");
        }

        // The hub is stopped: the offline commands work on its home.
        String[] read = {"payload", "read", "--home", hubHome.toString(), "--as", RESPONDER, "--message", submit,
                "--purpose", "audit check", "--out", dir.resolve("out").toString()};
        CommandRun metadataOnly = CommandRun.run(read);
        assertEquals(3, metadataOnly.exit());
        assertTrue(metadataOnly.out().contains("deleted on") && metadataOnly.out().contains("sha256"), metadataOnly.out());

        CommandRun intact = CommandRun.run("audit", "verify", "--home", hubHome.toString());
        assertEquals(0, intact.exit(), intact.err());
        try (Database database = Database.open(GatewayConfig.load(hubHome).dataDir().resolve("derby"))) {
            database.inTransaction(c -> {
                try (PreparedStatement update = c.prepareStatement(
                        "UPDATE audit_entry SET actor = 'FR-ORDRE' WHERE actor = 'PL-NIL'")) {
                    return update.executeUpdate();
                }
            });
        }
        CommandRun tampered = CommandRun.run("audit", "verify", "--home", hubHome.toString());
        assertEquals(org.imigateway.cli.ExitCodes.REFUSED, tampered.exit());
        assertTrue(tampered.err().contains("was altered"), tampered.err());
    }

    private static Instant months(Instant from, int months) {
        return from.atZone(ZoneOffset.UTC).plusMonths(months).toInstant();
    }

    private static String step(String root, String caseId, String from, String to, String body) {
        return "<" + root + " xmlns=\"urn:imigateway:imi:request:1\"><case procedure=\"pq-request\" id=\"" + caseId
                + "\"/><from>" + from + "</from><to>" + to + "</to>" + body + "</" + root + ">";
    }

    private static String request(String caseId) {
        return step("request", caseId, REQUESTER, RESPONDER, "<answerBy>" + LocalDate.now(ZoneOffset.UTC).plusDays(20)
                + "</answerBy><subject lang=\"de\">Anerkennung eines Arztdiploms von Dr. Anna Muster</subject>"
                + "<questionSet code=\"pq-verification\"><question id=\"document-authentic\"/></questionSet>");
    }

}
