package org.imigateway.conformance.cases;

/** Which side the target plays in a case. */
public enum Role {
    /** The suite sends; the target is tested as receiver. */
    SEND,
    /** The suite listens; the target is tested as sender. */
    LISTEN
}
