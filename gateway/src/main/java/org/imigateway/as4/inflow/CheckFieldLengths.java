package org.imigateway.as4.inflow;

import org.imigateway.as4.EbmsException;
import org.imigateway.as4.HeaderFieldLengths;

/**
 * Right after the header is read: every header value within the length the message log keeps,
 * else EBMS:0009 naming the field and its maximum. Over-long values are refused here, before
 * they are looked up, echoed or stored.
 */
public final class CheckFieldLengths implements InboundStep {

    @Override
    public void process(InboundContext context) throws EbmsException {
        HeaderFieldLengths.check(context.userMessage());
    }
}
