package org.imigateway.cooperation;

import java.util.List;
import java.util.Optional;

import org.imigateway.schemas.imi.common.CaseRef;

/** What the hub decides on a business message: pass it on (to one or many), or refuse it saying why. */
sealed interface HubOutcome {

    /** @param caseRef the case the received message belongs to, when it names one (personal data follows it) */
    record Forward(List<Outgoing> messages, Optional<CaseRef> caseRef) implements HubOutcome {
        public Forward {
            messages = List.copyOf(messages);
        }

        public Forward(List<Outgoing> messages) {
            this(messages, Optional.empty());
        }

        Forward inCase(Optional<CaseRef> caseRef) {
            return new Forward(messages, caseRef);
        }
    }

    /** @param state the workflow state, when the refusal is about one */
    record Refuse(Optional<CaseRef> caseRef, Optional<String> state, String reason) implements HubOutcome {
    }

    static Refuse refuse(String reason) {
        return new Refuse(Optional.empty(), Optional.empty(), reason);
    }

    static Refuse refuse(CaseRef caseRef, String reason) {
        return new Refuse(Optional.of(caseRef), Optional.empty(), reason);
    }
}
