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
