package org.imigateway.as4.inflow;

import org.imigateway.as4.EbmsException;

/** One stage of receiving a message; it refuses the message by throwing the ebMS error to answer. */
public interface InboundStep {

    void process(InboundContext context) throws EbmsException;
}
