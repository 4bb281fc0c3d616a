-- What a Derby home written by gateways before Liquibase holds besides the tables of scripts V1
-- to V6 (which SchemaMigrationsTest runs as that code did, BLOB(16M) for the receipt): the old
-- code's own version table with one row per script applied.
-- Statements end with ';'; comments only on lines of their own.

CREATE TABLE schema_version (
    version INTEGER NOT NULL PRIMARY KEY,
    description VARCHAR(200) NOT NULL,
    applied_at TIMESTAMP NOT NULL);

INSERT INTO schema_version (version, description, applied_at) VALUES (1, 'message_log', TIMESTAMP('2026-11-01 10:00:00'));
INSERT INTO schema_version (version, description, applied_at) VALUES (2, 'cooperation', TIMESTAMP('2026-11-01 10:00:01'));
INSERT INTO schema_version (version, description, applied_at) VALUES (3, 'connectors', TIMESTAMP('2026-11-01 10:00:02'));
INSERT INTO schema_version (version, description, applied_at) VALUES (4, 'public_submissions', TIMESTAMP('2026-11-01 10:00:03'));
INSERT INTO schema_version (version, description, applied_at) VALUES (5, 'personal_data', TIMESTAMP('2026-11-01 10:00:04'));
INSERT INTO schema_version (version, description, applied_at) VALUES (6, 'decision_lines', TIMESTAMP('2026-11-01 10:00:05'));
