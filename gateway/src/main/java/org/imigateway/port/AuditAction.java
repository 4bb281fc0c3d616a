package org.imigateway.port;

/** What an audit entry records. */
public enum AuditAction {
    /** A participant (or the backend it is delivered to) read the payloads. */
    READ,
    /** Someone not taking part in the case, or reading blocked data, was refused. */
    REFUSED,
    /** An operator read blocked payloads to prove an exchange happened. */
    READ_BLOCKED,
    /** Retention blocked the case's payloads. */
    BLOCK,
    /** Retention deleted the case's payload files. */
    DELETE
}
