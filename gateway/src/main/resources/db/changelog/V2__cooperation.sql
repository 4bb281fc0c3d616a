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
