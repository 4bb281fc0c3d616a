package org.imigateway.as4;

import java.util.UUID;

/** Generates ebMS MessageIds and ConversationIds: RFC 2822 msg-id style, globally unique. */
public final class MessageIds {

    private MessageIds() {
    }

    public static String newMessageId() {
        return UUID.randomUUID() + "@imigateway";
    }

    public static String newConversationId() {
        return UUID.randomUUID().toString();
    }
}
