package org.imigateway.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The server the tests and the benchmarks start: a database of one's own, and its CPU time as the benchmarks count it. */
class PostgresServerTest {

    @Test
    void cpuSecondsCountABackendWhileItRunsAndAfterItEnded() throws Exception {
        PostgresServer server = PostgresServer.get();
        PostgresServer.Login login = server.newDatabase();
        double before = server.cpuSeconds();
        double whileConnected;
        long backend;
        try (Connection connection = DriverManager.getConnection(login.url(), login.user(), login.password());
                Statement statement = connection.createStatement()) {
            try (ResultSet pid = statement.executeQuery("SELECT pg_backend_pid()")) {
                pid.next();
                backend = pid.getLong(1);
            }
            try (ResultSet count = statement.executeQuery("SELECT count(*) FROM generate_series(1, 3000000)")) {
                count.next();
                assertEquals(3_000_000, count.getLong(1));
            }
            whileConnected = server.cpuSeconds();
        }
        assertTrue(whileConnected - before >= 0.1,
                "counting three million rows takes a backend more than 0.1 s of CPU: " + before + " -> " + whileConnected);
        Await.until("the backend to end", Duration.ofSeconds(10), () -> ProcessHandle.of(backend).isEmpty());
        double after = server.cpuSeconds();
        assertTrue(after >= whileConnected - 0.02,
                "an ended backend's time goes to the postmaster's reaped children, not lost: " + whileConnected + " -> " + after);
    }
}
