package org.imigateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Instant;

import org.imigateway.demo.DemoNetwork;
import org.imigateway.config.GatewayConfig;
import org.imigateway.port.AuditAction;
import org.imigateway.store.AuditTrail;
import org.imigateway.port.CaseKey;
import org.imigateway.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditVerifyCommandTest {

    @TempDir
    Path home;

    @Test
    void verifyExitsZeroOnAnIntactTrailAndNamesTheTamperedEntryOtherwise() throws Exception {
        DemoNetwork.createHome(home, "hub");
        Path derby = GatewayConfig.load(home).dataDir().resolve("derby");
        try (Database database = Database.open(derby)) {
            AuditTrail trail = new AuditTrail(database);
            for (int i = 1; i <= 3; i++) {
                trail.append(Instant.now(), "DE-AUTH", AuditAction.READ, "m" + i, new CaseKey("pq-request", "c1"), "why " + i);
            }
        }
        CommandRun intact = CommandRun.run("audit", "verify", "--home", home.toString());
        assertEquals(0, intact.exit(), intact.err());
        assertTrue(intact.out().contains("audit trail intact: 3 entries"), intact.out());

        try (Database database = Database.open(derby)) {
            database.inTransaction(c -> {
                try (PreparedStatement update = c.prepareStatement("UPDATE audit_entry SET actor = 'FR-AUTH' WHERE seq = 2")) {
                    return update.executeUpdate();
                }
            });
        }
        CommandRun broken = CommandRun.run("audit", "verify", "--home", home.toString());
        assertEquals(AuditCommand.BROKEN, broken.exit());
        assertTrue(broken.err().contains("BROKEN at entry 2: entry 2 was altered"), broken.err());
    }

}
