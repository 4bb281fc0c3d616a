package org.imigateway.pmode;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The loaded, validated PModes: parties by name and the legs, with look-ups used per message. */
public final class PModeSet {

    private final Map<String, Party> parties;
    private final List<Leg> legs;

    public PModeSet(Collection<Party> parties, List<Leg> legs) {
        Map<String, Party> byName = new LinkedHashMap<>();
        for (Party party : parties) {
            byName.put(party.name(), party);
        }
        this.parties = Map.copyOf(byName);
        this.legs = List.copyOf(legs);
    }

    public Collection<Party> parties() {
        return parties.values();
    }

    public List<Leg> legs() {
        return legs;
    }

    public Optional<Party> party(String name) {
        return Optional.ofNullable(parties.get(name));
    }

    /** Finds a party by its ebMS id; an empty type in the message matches the party's default type. */
    public Optional<Party> partyById(String value, String type) {
        return parties.values().stream()
                .filter(p -> p.partyId().value().equals(value))
                .filter(p -> type == null || type.isEmpty() || p.partyId().type().equals(type))
                .findFirst();
    }

    /** Legs for a Service/Action pair, however their agreement is set. */
    public List<Leg> legsFor(String service, String action) {
        return legs.stream().filter(l -> l.service().equals(service) && l.action().equals(action)).toList();
    }

    /**
     * The leg a message to send travels on: the built-in ping leg for the ebMS test service,
     * otherwise the first leg with this Service and Action. The one rule for the submit path
     * and for every later attempt, so a retry uses the leg its first attempt used.
     */
    public Optional<Leg> outboundLeg(String service, String action) {
        if (service.equals(org.imigateway.as4.Namespaces.TEST_SERVICE)
                && action.equals(org.imigateway.as4.Namespaces.TEST_ACTION)) {
            return Optional.of(Leg.ping(org.imigateway.pmode.SecurityProfile.EDELIVERY_1_15));
        }
        return legsFor(service, action).stream().findFirst();
    }

    public Optional<Leg> leg(String id) {
        return legs.stream().filter(l -> l.id().equals(id)).findFirst();
    }
}
