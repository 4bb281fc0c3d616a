-- A Derby home as gateways before Liquibase left it: the six scripts of their own migration code
-- (as they were then, BLOB(16M) included) and its schema_version table with one row per script.
-- SchemaMigrationsTest builds such a home from this file and opens it with the current code.
-- Statements end with ';'; comments only on lines of their own.

CREATE TABLE schema_version (
    version INTEGER NOT NULL PRIMARY KEY,
    description VARCHAR(200) NOT NULL,
    applied_at TIMESTAMP NOT NULL);

-- The message log: every message this gateway received or sent, where it stands, how it got
-- there, its payloads and the signed receipt that proves the exchange.
-- Portable SQL (Derby and PostgreSQL) except BLOB, which PostgreSQL spells BYTEA.
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
    signed_xml   BLOB(16M)  NOT NULL,
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

INSERT INTO schema_version (version, description, applied_at) VALUES (1, 'message_log', TIMESTAMP('2026-11-01 10:00:00'));

-- The cooperation hub: the authority directory, request cases, alert recipients and repositories.
-- Portable SQL (Derby and PostgreSQL). Statements end with ';'; comments only on lines of their own.

-- A competent authority. access_point: the PMode party that serves its national system.
-- status: pending (registration awaits its coordinator), active, suspended, refused.
CREATE TABLE authority (
    authority_id   VARCHAR(64)   NOT NULL,
    country        VARCHAR(2)    NOT NULL,
    region         VARCHAR(64),
    access_point   VARCHAR(255)  NOT NULL,
    status         VARCHAR(12)   NOT NULL,
    updated_at     TIMESTAMP     NOT NULL,
    CONSTRAINT authority_pk PRIMARY KEY (authority_id),
    CONSTRAINT authority_status CHECK (status IN ('pending', 'active', 'suspended', 'refused'))
);

-- Its names, one per language; folded: lower case, umlauts spelt out, other diacritics removed,
-- so that a search matches whichever way a user types the name.
CREATE TABLE authority_name (
    authority_id   VARCHAR(64)   NOT NULL,
    lang           VARCHAR(2)    NOT NULL,
    name           VARCHAR(500)  NOT NULL,
    folded         VARCHAR(1000) NOT NULL,
    CONSTRAINT authority_name_pk PRIMARY KEY (authority_id, lang),
    CONSTRAINT authority_name_authority FOREIGN KEY (authority_id) REFERENCES authority (authority_id)
);

CREATE TABLE authority_grant (
    authority_id   VARCHAR(64)   NOT NULL,
    policy_area    VARCHAR(64)   NOT NULL,
    procedure_code VARCHAR(64)   NOT NULL,
    CONSTRAINT authority_grant_pk PRIMARY KEY (authority_id, procedure_code),
    CONSTRAINT authority_grant_authority FOREIGN KEY (authority_id) REFERENCES authority (authority_id)
);

CREATE INDEX authority_grant_by_area ON authority_grant (policy_area, procedure_code);

-- scope: national (one per country), policy-area or region (delegated). policy_area and region are
-- '' when the scope does not use them, so the key holds no NULL.
-- incoming_alerts: receives the country's alerts of its policy area and passes them on.
CREATE TABLE coordinator (
    authority_id    VARCHAR(64)  NOT NULL,
    country         VARCHAR(2)   NOT NULL,
    scope           VARCHAR(12)  NOT NULL,
    policy_area     VARCHAR(64)  NOT NULL,
    region          VARCHAR(64)  NOT NULL,
    incoming_alerts BOOLEAN      NOT NULL,
    CONSTRAINT coordinator_pk PRIMARY KEY (authority_id, scope, policy_area, region),
    CONSTRAINT coordinator_scope CHECK (scope IN ('national', 'policy-area', 'region')),
    CONSTRAINT coordinator_authority FOREIGN KEY (authority_id) REFERENCES authority (authority_id)
);

-- A request case and where its workflow stands.
CREATE TABLE coop_case (
    procedure_code VARCHAR(64)   NOT NULL,
    case_id        VARCHAR(128)  NOT NULL,
    state          VARCHAR(40)   NOT NULL,
    requester      VARCHAR(64)   NOT NULL,
    responder      VARCHAR(64)   NOT NULL,
    answer_by      DATE          NOT NULL,
    overdue_raised BOOLEAN       NOT NULL,
    updated_at     TIMESTAMP     NOT NULL,
    CONSTRAINT coop_case_pk PRIMARY KEY (procedure_code, case_id)
);

-- Every authority an alert or notification went to: withdraw and close reach the same ones,
-- and the key makes each recipient get the original once.
CREATE TABLE alert_recipient (
    procedure_code VARCHAR(64)   NOT NULL,
    case_id        VARCHAR(128)  NOT NULL,
    sender         VARCHAR(64)   NOT NULL,
    authority_id   VARCHAR(64)   NOT NULL,
    status         VARCHAR(12)   NOT NULL,
    CONSTRAINT alert_recipient_pk PRIMARY KEY (procedure_code, case_id, authority_id)
);

-- A repository entry; its fields are kept folded for queries and as sent for results.
CREATE TABLE repository_entry (
    repository     VARCHAR(64)   NOT NULL,
    entry_id       VARCHAR(128)  NOT NULL,
    owner          VARCHAR(64)   NOT NULL,
    withdrawn      BOOLEAN       NOT NULL,
    updated_at     TIMESTAMP     NOT NULL,
    CONSTRAINT repository_entry_pk PRIMARY KEY (repository, entry_id)
);

CREATE TABLE repository_field (
    repository     VARCHAR(64)   NOT NULL,
    entry_id       VARCHAR(128)  NOT NULL,
    seq            INTEGER       NOT NULL,
    field_name     VARCHAR(64)   NOT NULL,
    field_value    VARCHAR(4000) NOT NULL,
    folded         VARCHAR(8000) NOT NULL,
    CONSTRAINT repository_field_pk PRIMARY KEY (repository, entry_id, seq),
    CONSTRAINT repository_field_entry FOREIGN KEY (repository, entry_id) REFERENCES repository_entry (repository, entry_id)
);

-- Every business message the hub has decided on, with what it decided: a message offered again
-- after a crash is not decided twice, its forwards are made again under the same MessageIds.
-- outgoing: one line per message to send, fields separated by '|'.
CREATE TABLE coop_message (
    message_id     VARCHAR(255)   NOT NULL,
    outcome        VARCHAR(12)    NOT NULL,
    outgoing       VARCHAR(32000) NOT NULL,
    decided_at     TIMESTAMP      NOT NULL,
    CONSTRAINT coop_message_pk PRIMARY KEY (message_id)
);

INSERT INTO schema_version (version, description, applied_at) VALUES (2, 'cooperation', TIMESTAMP('2026-11-01 10:00:00'));

-- Backend connectors: which backend submitted what (its own submission id makes a resubmission
-- idempotent) and which backend a received message was handed to (it alone may pull it).
-- Statements end with ';'; comments only on lines of their own.

-- One row per submission of a backend. message_id is reserved before the message is prepared,
-- so a resubmission of the same id reuses it and the message log's MessageId check stops a
-- second send. error_*: the refusal at submission, while it stands. outcome_notified: the
-- backend has been told ACKNOWLEDGED or SEND_FAILURE (or the refusal was answered at once).
CREATE TABLE backend_submission (
    backend           VARCHAR(100)  NOT NULL,
    submission_id     VARCHAR(255)  NOT NULL,
    message_id        VARCHAR(255)  NOT NULL,
    created_at        TIMESTAMP     NOT NULL,
    error_code        VARCHAR(32),
    error_detail      VARCHAR(2000),
    error_at          TIMESTAMP,
    outcome_notified  BOOLEAN       NOT NULL,
    CONSTRAINT backend_submission_pk PRIMARY KEY (backend, submission_id),
    CONSTRAINT backend_submission_message UNIQUE (message_id)
);

CREATE INDEX backend_submission_to_notify ON backend_submission (outcome_notified, backend);

-- The backend each received message was routed to.
CREATE TABLE backend_delivery (
    message_id   VARCHAR(255)  NOT NULL,
    backend      VARCHAR(100)  NOT NULL,
    assigned_at  TIMESTAMP     NOT NULL,
    CONSTRAINT backend_delivery_pk PRIMARY KEY (message_id)
);

CREATE INDEX backend_delivery_by_backend ON backend_delivery (backend, assigned_at);

INSERT INTO schema_version (version, description, applied_at) VALUES (3, 'connectors', TIMESTAMP('2026-11-01 10:00:00'));

-- Public interface: one row per document an outsider filed and the hub accepted (202). The
-- row and the synced payload file exist before the answer, so nothing accepted is lost;
-- forwarded_at is set once the AS4 message to the competent authority is submitted (its
-- MessageId is derived from the tracking id, so a second submit sends nothing again).
-- failure: why the message could not be submitted at all (the message log has the rest).
-- Statements end with ';'; comments only on lines of their own.
CREATE TABLE public_submission (
    tracking_id     VARCHAR(64)   NOT NULL,
    client          VARCHAR(100)  NOT NULL,
    document_type   VARCHAR(64)   NOT NULL,
    procedure_code  VARCHAR(64)   NOT NULL,
    country         VARCHAR(2)    NOT NULL,
    region          VARCHAR(64),
    authority_id    VARCHAR(64)   NOT NULL,
    access_point    VARCHAR(255)  NOT NULL,
    message_id      VARCHAR(255)  NOT NULL,
    payload_file    VARCHAR(1000) NOT NULL,
    payload_size    BIGINT        NOT NULL,
    payload_sha256  VARCHAR(64)   NOT NULL,
    received_at     TIMESTAMP     NOT NULL,
    forwarded_at    TIMESTAMP,
    failure         VARCHAR(2000),
    CONSTRAINT public_submission_pk PRIMARY KEY (tracking_id),
    CONSTRAINT public_submission_message UNIQUE (message_id)
);

CREATE INDEX public_submission_to_forward ON public_submission (forwarded_at, received_at);

INSERT INTO schema_version (version, description, applied_at) VALUES (4, 'public_submissions', TIMESTAMP('2026-11-01 10:00:00'));

-- Personal data (IMI Regulation art. 14-19): who takes part in which case, when a case closed,
-- when its payloads were blocked and deleted, and the append-only audit trail of every read.
-- Portable SQL (Derby and PostgreSQL). Statements end with ';'; comments only on lines of their own.

-- One row per case. A message without a case of its own (directory, repository) is its own
-- case: procedure_code 'message', case_id its MessageId.
-- closed_at: when the case closed (hub clock); retention counts from it.
-- blocked_at / deleted_at: when its payloads were blocked / deleted.
-- files_pending: deleted_at is set but some files may still be on disk (a crash in between).
CREATE TABLE pd_case (
    procedure_code VARCHAR(64)   NOT NULL,
    case_id        VARCHAR(255)  NOT NULL,
    opened_at      TIMESTAMP     NOT NULL,
    closed_at      TIMESTAMP,
    blocked_at     TIMESTAMP,
    deleted_at     TIMESTAMP,
    files_pending  BOOLEAN       NOT NULL,
    CONSTRAINT pd_case_pk PRIMARY KEY (procedure_code, case_id)
);

CREATE INDEX pd_case_by_closure ON pd_case (closed_at);

-- The authorities taking part in a case: they alone may read its payloads.
CREATE TABLE pd_participant (
    procedure_code VARCHAR(64)   NOT NULL,
    case_id        VARCHAR(255)  NOT NULL,
    authority_id   VARCHAR(64)   NOT NULL,
    CONSTRAINT pd_participant_pk PRIMARY KEY (procedure_code, case_id, authority_id),
    CONSTRAINT pd_participant_case FOREIGN KEY (procedure_code, case_id) REFERENCES pd_case (procedure_code, case_id)
);

-- The case of each message: the one received and each one the hub sent because of it.
CREATE TABLE pd_message (
    message_id     VARCHAR(255)  NOT NULL,
    procedure_code VARCHAR(64)   NOT NULL,
    case_id        VARCHAR(255)  NOT NULL,
    CONSTRAINT pd_message_pk PRIMARY KEY (message_id),
    CONSTRAINT pd_message_case FOREIGN KEY (procedure_code, case_id) REFERENCES pd_case (procedure_code, case_id)
);

CREATE INDEX pd_message_by_case ON pd_message (procedure_code, case_id);

-- The audit trail: append-only, never updated or deleted by the gateway. Each entry's hash is
-- SHA-256 over the previous entry's hash and its own fields, so an altered, removed or inserted
-- entry breaks the chain. actor: an authority id, operator:<name>, backend:<name> or system.
CREATE TABLE audit_entry (
    seq            BIGINT         NOT NULL,
    recorded_at    TIMESTAMP      NOT NULL,
    actor          VARCHAR(255)   NOT NULL,
    action         VARCHAR(20)    NOT NULL,
    message_id     VARCHAR(255)   NOT NULL,
    procedure_code VARCHAR(64)    NOT NULL,
    case_id        VARCHAR(255)   NOT NULL,
    purpose        VARCHAR(2000)  NOT NULL,
    prev_hash      VARCHAR(64)    NOT NULL,
    hash           VARCHAR(64)    NOT NULL,
    CONSTRAINT audit_entry_pk PRIMARY KEY (seq)
);

-- The head of the chain: its one row is locked by each append, so concurrent appends form one
-- chain; it also reveals a truncated tail (entries removed from the end).
CREATE TABLE audit_head (
    id             INTEGER        NOT NULL,
    last_seq       BIGINT         NOT NULL,
    last_hash      VARCHAR(64)    NOT NULL,
    CONSTRAINT audit_head_pk PRIMARY KEY (id)
);

INSERT INTO audit_head (id, last_seq, last_hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

INSERT INTO schema_version (version, description, applied_at) VALUES (5, 'personal_data', TIMESTAMP('2026-11-01 10:00:00'));

-- The messages a hub decision sends, one row each: an alert to 1,000 authorities has 1,000 of
-- them, far more than the one VARCHAR column of coop_message held (it stopped near 200).
-- coop_message.outgoing stays for decisions recorded before this table existed; new ones leave it empty.
-- Statements end with ';'; comments only on lines of their own.

CREATE TABLE coop_outgoing (
    message_id  VARCHAR(255)   NOT NULL,
    line_no     INTEGER        NOT NULL,
    line        VARCHAR(32000) NOT NULL,
    CONSTRAINT coop_outgoing_pk PRIMARY KEY (message_id, line_no),
    CONSTRAINT coop_outgoing_decision FOREIGN KEY (message_id) REFERENCES coop_message (message_id)
);

INSERT INTO schema_version (version, description, applied_at) VALUES (6, 'decision_lines', TIMESTAMP('2026-11-01 10:00:00'));
