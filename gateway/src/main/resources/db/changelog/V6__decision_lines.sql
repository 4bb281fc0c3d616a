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
