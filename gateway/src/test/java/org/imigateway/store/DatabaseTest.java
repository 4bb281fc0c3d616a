package org.imigateway.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @TempDir
    Path temp;

    @Test
    void durabilityTestIsRefusedBecauseCommitsWouldNotSurviveACrash() {
        System.setProperty("derby.system.durability", "test");
        try {
            StoreException refused = assertThrows(StoreException.class, () -> Database.open(temp.resolve("derby")));
            assertTrue(refused.getMessage().contains("derby.system.durability=test"), refused.getMessage());
            assertFalse(Files.exists(temp.resolve("derby")), "refused before Derby created anything");
        } finally {
            System.clearProperty("derby.system.durability");
        }
    }

    @Test
    void aClosedDatabaseRefusesWork() throws Exception {
        Database database = Database.open(temp.resolve("derby"));
        database.close();
        database.close(); // twice is harmless
        assertThrows(IllegalStateException.class, () -> new MessageLog(database).countByStatus());
    }
}
