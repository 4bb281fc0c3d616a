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
