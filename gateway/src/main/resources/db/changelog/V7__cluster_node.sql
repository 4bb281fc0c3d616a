-- The gateway nodes sharing this database (cluster.enabled=true), one row per node id: a node
-- refreshes its heartbeat every few seconds; one starting under an id whose heartbeat is fresh
-- is refused (two live nodes with one id would settle each other's payload staging folder).
-- Times are the database server's own clock, so the nodes' clocks need not agree.
-- Statements end with ';'; comments only on lines of their own.

CREATE TABLE cluster_node (
    node_id    VARCHAR(64)  NOT NULL,
    instance   VARCHAR(64)  NOT NULL,
    host       VARCHAR(255) NOT NULL,
    started    TIMESTAMP    NOT NULL,
    heartbeat  TIMESTAMP    NOT NULL,
    CONSTRAINT cluster_node_pk PRIMARY KEY (node_id)
);
