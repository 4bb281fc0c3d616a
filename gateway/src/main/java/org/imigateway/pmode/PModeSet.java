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
     * The leg a message to send travels on: the built-in ping leg for the ebMS test service;
     * otherwise, of the legs with this Service and Action that {@code sender} may send on, the
     * one agreed with the receiver (its initiators name it: {@code partner add} writes a leg per
     * pair), else one open to every party, else the first of them; for a receiver found by
     * discovery ({@code receiver} empty), a dynamic leg. Legs that exclude the sender are taken
     * only when no other covers the pair, so the caller's refusal names them. The one rule for
     * the submit path and for every later attempt, so a retry uses the leg its first attempt used.
     */
    public Optional<Leg> outboundLeg(String service, String action, String sender, Optional<String> receiver) {
        if (service.equals(org.imigateway.as4.Namespaces.TEST_SERVICE)
                && action.equals(org.imigateway.as4.Namespaces.TEST_ACTION)) {
            return Optional.of(Leg.ping(org.imigateway.pmode.SecurityProfile.EDELIVERY_1_15));
        }
        List<Leg> all = legsFor(service, action);
        List<Leg> ours = all.stream().filter(l -> l.allowsInitiator(sender)).toList();
        if (ours.isEmpty()) {
            return all.stream().findFirst();
        }
        if (receiver.isEmpty()) {
            return ours.stream().filter(Leg::dynamic).findFirst().or(() -> ours.stream().findFirst());
        }
        return ours.stream().filter(l -> l.initiators().contains(receiver.get())).findFirst()
                .or(() -> ours.stream().filter(l -> l.initiators().isEmpty() && !l.dynamic()).findFirst())
                .or(() -> ours.stream().findFirst());
    }

    public Optional<Leg> leg(String id) {
        return legs.stream().filter(l -> l.id().equals(id)).findFirst();
    }
}
