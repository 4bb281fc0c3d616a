package org.imigateway.cooperation;

/** Names the cooperation hub shares with the national systems. */
public final class Cooperation {

    /** Four-corner message properties: the authority (C1) that sent a message and the one (C4) it is for. */
    public static final String ORIGINAL_SENDER = "originalSender";
    public static final String FINAL_RECIPIENT = "finalRecipient";

    private Cooperation() {
    }
}
