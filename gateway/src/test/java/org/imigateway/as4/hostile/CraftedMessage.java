package org.imigateway.as4.hostile;

/** A crafted message as it goes on the wire: the MIME body and its Content-Type. */
public record CraftedMessage(String messageId, String contentType, byte[] body) {
}
