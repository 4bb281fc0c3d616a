-- The message log: every message this gateway received or sent, where it stands, how it got
-- there, its payloads and the signed receipt that proves the exchange.
-- Portable SQL (Derby and PostgreSQL); ${binary} is the one type that differs (store.Dialect).
-- Statements end with ';'; comments only on lines of their own.

-- One row per MessageId and direction (the same id may come in and, as a reply, go out).
-- ping: a test-service message; receipted, never delivered, not counted.
-- attempts: POSTs made so far; each outcome that leaves SEND_ENQUEUED counts one.
-- body_file, body_content_type: the prepared MIME body that retries POST again (outbound).
CREATE TABLE message (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY,
    message_id         VARCHAR(255)  NOT NULL,
    direction          VARCHAR(8)    NOT NULL,
    ping               BOOLEAN       NOT NULL,
    conversation_id    VARCHAR(255)  NOT NULL,
    ref_to_message_id  VARCHAR(255),
    ebms_timestamp     TIMESTAMP     NOT NULL,
    from_party         VARCHAR(255)  NOT NULL,
    to_party           VARCHAR(255)  NOT NULL,
    service            VARCHAR(255)  NOT NULL,
    service_type       VARCHAR(255),
    ebms_action        VARCHAR(255)  NOT NULL,
    status             VARCHAR(20)   NOT NULL,
    created_at         TIMESTAMP     NOT NULL,
    updated_at         TIMESTAMP     NOT NULL,
    attempts           INTEGER       NOT NULL,
    next_attempt_at    TIMESTAMP,
    error_code         VARCHAR(32),
    error_detail       VARCHAR(2000),
    body_file          VARCHAR(1024),
    body_content_type  VARCHAR(1024),
    CONSTRAINT message_pk PRIMARY KEY (id),
    CONSTRAINT message_id_per_direction UNIQUE (message_id, direction),
    CONSTRAINT message_status_of_direction CHECK (
        (direction = 'OUTBOUND' AND status IN ('SEND_ENQUEUED', 'WAITING_FOR_RETRY', 'ACKNOWLEDGED', 'SEND_FAILURE'))
        OR (direction = 'INBOUND' AND status IN ('RECEIVED', 'DELIVERED', 'DOWNLOADED')))
);

CREATE INDEX message_by_status ON message (status, direction, created_at);

-- The ebMS MessageProperties, in the order they came.
CREATE TABLE message_property (
    message_ref  BIGINT        NOT NULL,
    seq          INTEGER       NOT NULL,
    prop_name    VARCHAR(255)  NOT NULL,
    prop_value   VARCHAR(1024) NOT NULL,
    prop_type    VARCHAR(255),
    CONSTRAINT message_property_pk PRIMARY KEY (message_ref, seq),
    CONSTRAINT message_property_message FOREIGN KEY (message_ref) REFERENCES message (id)
);

-- Every status change in the order made; from_status is NULL on the row that created the message.
CREATE TABLE status_history (
    id           BIGINT GENERATED ALWAYS AS IDENTITY,
    message_ref  BIGINT        NOT NULL,
    from_status  VARCHAR(20),
    to_status    VARCHAR(20)   NOT NULL,
    changed_at   TIMESTAMP     NOT NULL,
    note         VARCHAR(2000) NOT NULL,
    CONSTRAINT status_history_pk PRIMARY KEY (id),
    CONSTRAINT status_history_message FOREIGN KEY (message_ref) REFERENCES message (id)
);

CREATE INDEX status_history_by_message ON status_history (message_ref, id);

-- The signed receipt as received (outbound) or sent (inbound): non-repudiation evidence, and
-- the answer to a duplicate. Kept apart so that status scans do not read it.
CREATE TABLE receipt (
    message_ref  BIGINT     NOT NULL,
    signed_xml   ${binary}  NOT NULL,
    CONSTRAINT receipt_pk PRIMARY KEY (message_ref),
    CONSTRAINT receipt_message FOREIGN KEY (message_ref) REFERENCES message (id)
);

-- Payload metadata; the content is a file in the payload store (Derby BLOBs stop at 2 GB).
-- part_index counts from 1; size and sha256 (hex) were measured while the file was written.
CREATE TABLE payload (
    message_ref   BIGINT        NOT NULL,
    part_index    INTEGER       NOT NULL,
    mime_type     VARCHAR(255)  NOT NULL,
    charset       VARCHAR(64),
    size_bytes    BIGINT        NOT NULL,
    sha256        VARCHAR(64)   NOT NULL,
    storage_name  VARCHAR(64)   NOT NULL,
    CONSTRAINT payload_pk PRIMARY KEY (message_ref, part_index),
    CONSTRAINT payload_storage_name UNIQUE (storage_name),
    CONSTRAINT payload_message FOREIGN KEY (message_ref) REFERENCES message (id)
);

-- The PartProperties of each payload, in the order they came.
CREATE TABLE payload_property (
    message_ref  BIGINT        NOT NULL,
    part_index   INTEGER       NOT NULL,
    seq          INTEGER       NOT NULL,
    prop_name    VARCHAR(255)  NOT NULL,
    prop_value   VARCHAR(1024) NOT NULL,
    prop_type    VARCHAR(255),
    CONSTRAINT payload_property_pk PRIMARY KEY (message_ref, part_index, seq),
    CONSTRAINT payload_property_payload FOREIGN KEY (message_ref, part_index) REFERENCES payload (message_ref, part_index)
);
