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
