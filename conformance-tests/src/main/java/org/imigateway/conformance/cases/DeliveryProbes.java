package org.imigateway.conformance.cases;

import java.util.Optional;

import org.imigateway.conformance.run.Session;
import org.imigateway.conformance.run.Verdict;
import org.imigateway.conformance.wire.Composed;

/**
 * Cases about what the target hands to its backend. The suite cannot see a backend in general,
 * so they watch the delivery folder the integrator names ({@code --delivery-dir}).
 */
final class DeliveryProbes {

    private DeliveryProbes() {
    }

    /** A ping is receipted and never delivered; a business message sent after it shows delivery works. */
    static Verdict pingNotDelivered(Session session) throws Exception {
        DeliveryFolder folder = new DeliveryFolder(session.settings().deliveryDir().orElseThrow());
        Composed ping = session.compose(SendCases.ping(session.draft()));
        Optional<String> pingProblem = session.receiptProblem(session.send("ping", ping));
        if (pingProblem.isPresent()) {
            return Verdict.fail("the ping got no valid receipt: " + pingProblem.get());
        }
        Composed business = session.compose(session.draft());
        Optional<String> businessProblem = session.receiptProblem(session.send("business message after the ping", business));
        if (businessProblem.isPresent()) {
            return Verdict.fail("the business message sent after the ping got no valid receipt: " + businessProblem.get());
        }
        if (folder.awaitDelivery(business.messageId(), session.settings().deliveryWait()) == 0) {
            return Verdict.fail("the business message " + business.messageId() + " did not reach the delivery folder within "
                    + session.settings().deliveryWait().toSeconds() + " s, so ping delivery cannot be judged");
        }
        long pings = folder.deliveries(ping.messageId());
        return pings == 0 ? Verdict.pass("ping receipted and not delivered; the business message after it was delivered")
                : Verdict.fail("the ping " + ping.messageId() + " was delivered to the backend " + pings + " time(s)");
    }

    /** The same bytes posted twice: the first is receipted, the second receipted or refused, one delivery only. */
    static Verdict duplicateDeliveredOnce(Session session) throws Exception {
        DeliveryFolder folder = new DeliveryFolder(session.settings().deliveryDir().orElseThrow());
        Composed message = session.compose(session.draft());
        Optional<String> first = session.receiptProblem(session.send("first transmission", message));
        if (first.isPresent()) {
            return Verdict.fail("the first transmission got no valid receipt: " + first.get());
        }
        Session.Exchange second = session.send("second transmission, same bytes", message);
        if (second.signal().isEmpty()) {
            return Verdict.fail("the repeated message got no ebMS answer: " + second.reading());
        }
        if (folder.awaitDelivery(message.messageId(), session.settings().deliveryWait()) == 0) {
            return Verdict.fail("message " + message.messageId() + " never reached the delivery folder within "
                    + session.settings().deliveryWait().toSeconds() + " s");
        }
        Thread.sleep(Math.min(3000, session.settings().deliveryWait().toMillis()));
        long deliveries = folder.deliveries(message.messageId());
        return deliveries == 1 ? Verdict.pass("sent twice, delivered once; the repeat was answered with "
                + second.reading())
                : Verdict.fail("message " + message.messageId() + " was sent twice and delivered " + deliveries
                        + " times: duplicate elimination failed");
    }

    /** IMI Gateway (like Domibus and Holodeck B2B) answers a repeat with the original receipt, so a sender stops retrying. */
    static Verdict duplicateOriginalReceipt(Session session) {
        Composed message = session.compose(session.draft());
        Optional<String> first = session.receiptProblem(session.send("first transmission", message));
        if (first.isPresent()) {
            return Verdict.fail("the first transmission got no valid receipt: " + first.get());
        }
        Optional<String> second = session.receiptProblem(session.send("second transmission, same bytes", message));
        return second.map(p -> Verdict.fail("the repeated MessageId was not answered with a valid receipt: " + p))
                .orElseGet(() -> Verdict.pass("the repeat got a valid receipt for the same signed content"));
    }
}
