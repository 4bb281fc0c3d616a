package org.imigateway.route;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.imigateway.connectors.Delivery;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.store.Direction;
import org.imigateway.store.MessageLog;
import org.imigateway.store.MessageRecord;

/**
 * Picks the backend a received message goes to, by the authority it is for: the
 * {@code finalRecipient} property (C4), or the To party id when the message has none. A backend
 * that names the authority wins over one that serves every authority ({@code *}); a message no
 * backend claims goes to the built-in {@value GatewayRoutes#DEFAULT_BACKEND} backend.
 */
public final class ChooseBackend implements Processor {

    /** The header the dispatch route reads the chosen backend from. */
    public static final String BACKEND = "imiBackend";
    public static final String FINAL_RECIPIENT = "finalRecipient";
    private static final String ALL = "*";

    private final MessageLog log;
    private final Map<String, Set<String>> claims;

    /** @param claims backend name to the authority ids it serves ({@code *}: all), in the order to try */
    public ChooseBackend(MessageLog log, Map<String, Set<String>> claims) {
        this.log = log;
        this.claims = new LinkedHashMap<>(claims);
    }

    @Override
    public void process(Exchange exchange) {
        String messageId = exchange.getMessage().getHeader(Headers.MESSAGE_ID, String.class);
        String carried = exchange.getMessage().getHeader(Headers.AUTHORITY, String.class);
        exchange.getMessage().setHeader(BACKEND, choose(carried != null ? carried : recipient(messageId)));
    }

    /** The authority a message is for, as {@link #recipient(String)} reads it from the log. */
    static String authority(Delivery message) {
        return message.property(FINAL_RECIPIENT).orElse(message.toPartyId());
    }

    /** The authority a received message is for. */
    String recipient(String messageId) {
        return log.properties(messageId, Direction.INBOUND).stream()
                .filter(p -> p.name().equals(FINAL_RECIPIENT)).map(MessageProperty::value).findFirst()
                .or(() -> log.find(messageId, Direction.INBOUND).map(MessageRecord::header).map(h -> h.toParty()))
                .orElse("");
    }

    /** The backend of an authority id. */
    public String choose(String authority) {
        for (Map.Entry<String, Set<String>> claim : claims.entrySet()) {
            if (claim.getValue().contains(authority)) {
                return claim.getKey();
            }
        }
        for (Map.Entry<String, Set<String>> claim : claims.entrySet()) {
            if (claim.getValue().contains(ALL)) {
                return claim.getKey();
            }
        }
        return GatewayRoutes.DEFAULT_BACKEND;
    }
}
