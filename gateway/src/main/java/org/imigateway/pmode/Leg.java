package org.imigateway.pmode;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How messages of one Service/Action (and agreement) travel: who may send them, how they are
 * secured, compressed and retried, and what their payloads may be.
 */
public record Leg(
        String id,
        String service,
        Optional<String> serviceType,
        String action,
        Optional<String> agreement,
        Optional<String> agreementType,
        Set<String> initiators,
        SecurityProfile securityProfile,
        boolean sign,
        boolean encrypt,
        boolean compress,
        Optional<RetryPolicy> retry,
        boolean duplicateDetection,
        Optional<Long> maxPayloadSize,
        Optional<Path> payloadSchema,
        boolean dynamic) {

    /** A leg to partners named in the PModes only. */
    public Leg(String id, String service, Optional<String> serviceType, String action, Optional<String> agreement,
            Optional<String> agreementType, Set<String> initiators, SecurityProfile securityProfile, boolean sign,
            boolean encrypt, boolean compress, Optional<RetryPolicy> retry, boolean duplicateDetection,
            Optional<Long> maxPayloadSize, Optional<Path> payloadSchema) {
        this(id, service, serviceType, action, agreement, agreementType, initiators, securityProfile, sign, encrypt,
                compress, retry, duplicateDetection, maxPayloadSize, payloadSchema, false);
    }

    public Leg {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(action, "action");
        initiators = Set.copyOf(initiators);
    }

    /** Whether the named party may send on this leg: anyone known when no initiator is listed. */
    public boolean allowsInitiator(String partyName) {
        return initiators.isEmpty() || initiators.contains(partyName);
    }

    /** The leg of the ebMS test service: signed, receipted, never delivered. */
    public static Leg ping(SecurityProfile profile) {
        return new Leg("ebms-test", org.imigateway.as4.Namespaces.TEST_SERVICE, Optional.empty(),
                org.imigateway.as4.Namespaces.TEST_ACTION, Optional.empty(), Optional.empty(), Set.of(), profile,
                true, true, false, Optional.empty(), true, Optional.empty(), Optional.empty());
    }

    public boolean isPing() {
        return service.equals(org.imigateway.as4.Namespaces.TEST_SERVICE)
                && action.equals(org.imigateway.as4.Namespaces.TEST_ACTION);
    }
}
