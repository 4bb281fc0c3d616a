package org.imigateway.conformance.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.imigateway.conformance.run.As4TwoLeg;
import org.imigateway.conformance.run.Session;
import org.imigateway.conformance.run.Verdict;
import org.imigateway.conformance.wire.As4TwoProfile;
import org.imigateway.conformance.wire.Draft;

/**
 * The send cases of the eDelivery AS4 2.0 profiles, three per profile: a conformant exchange with
 * a verified receipt; the 1.15 algorithms (RSA-SHA256, RSA-OAEP key transport) on the 2.0 leg,
 * which must be refused; and the other profile's key agreement on the leg, which must be refused
 * even though the target holds the key to decrypt it.
 */
public final class As4TwoCases {

    private As4TwoCases() {
    }

    public static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        for (As4TwoProfile profile : As4TwoProfile.values()) {
            String prefix = "as4-2.0-" + profile.id();
            String leg = "AS4 2.0 " + profile.title();
            cases.add(new Case(prefix + "-exchange", leg + ": signed " + profile.signatureName() + " with SHA-256 digests,"
                    + " content key wrapped (AES-128 KW) with a key agreed by " + profile.keyAgreementName()
                    + " and derived by HKDF-SHA256; AES-128-GCM; signed NRR receipt",
                    "A message on the target's " + leg + " leg gets a receipt signed with the target's "
                            + profile.signatureName() + " key", Role.SEND, Scope.CORE, Set.of(Need.of(profile)),
                    session -> exchange(session, leg(session, profile))));
            cases.add(new Case(prefix + "-1.15-refused", leg + ": the AS4 1.15 algorithms are refused on a 2.0 leg",
                    "Signed RSA-SHA256 with our 1.15 key, content key transported with RSA-OAEP, on the " + leg + " leg",
                    Role.SEND, Scope.CORE, Set.of(Need.of(profile)), session -> {
                        As4TwoLeg two = leg(session, profile);
                        Draft d = session.draft();
                        d.action = two.action();
                        return Probes.judgeRefusal(session.send("message", session.compose(d)),
                                "the leg's profile is " + leg + ", not AS4 1.15", Set.of("EBMS:0103", "EBMS:0101",
                                        "EBMS:0102"), false);
                    }));
            As4TwoProfile other = profile.other();
            cases.add(new Case(prefix + "-wrong-key-agreement", leg + ": a key agreement other than "
                    + profile.keyAgreementName() + " is refused",
                    "Signed " + profile.signatureName() + ", the content key agreed by " + other.keyAgreementName()
                            + " with the target's " + other.title() + " key, on the " + leg + " leg",
                    Role.SEND, Scope.CORE, Set.of(Need.of(profile), Need.of(other)), session -> {
                        As4TwoLeg two = leg(session, profile);
                        Draft d = session.draft(two);
                        d.keyAgreement = Optional.of(other.keyAgreement());
                        d.receiverEncryption = Optional.of(leg(session, other).targetEncryption());
                        return Probes.judgeRefusal(session.send("message", session.compose(d)),
                                "the leg requires " + profile.keyAgreementName() + " key agreement",
                                Set.of("EBMS:0103", "EBMS:0102"), false);
                    }));
        }
        return List.copyOf(cases);
    }

    private static As4TwoLeg leg(Session session, As4TwoProfile profile) {
        return session.settings().as4Two().get(profile);
    }

    private static Verdict exchange(Session session, As4TwoLeg leg) {
        Session.Exchange exchange = session.send("message", session.compose(session.draft(leg)));
        return session.receiptProblem(exchange, leg).map(Verdict::fail)
                .orElseGet(() -> Verdict.pass("receipt signed " + leg.profile().signatureName()
                        + " by the target's " + leg.profile().title() + " certificate, NRR digests match what was signed"));
    }
}
