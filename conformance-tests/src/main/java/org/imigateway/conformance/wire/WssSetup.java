package org.imigateway.conformance.wire;

import java.util.logging.Level;
import java.util.logging.Logger;

import org.apache.wss4j.dom.engine.WSSConfig;

/** The one-time WSS4J initialisation every signing, encrypting and verifying class of the suite needs. */
final class WssSetup {

    /**
     * Santuario logs "The input bytes to the digest operation are null" at WARNING for every
     * attachment reference (the SwA transforms write straight to the digest): one false warning per
     * attachment signed or verified, which flooded the suite's console. Its other messages stay.
     * Held in a field because java.util.logging keeps loggers only weakly.
     */
    private static final Logger DIGEST_INPUT_NOISE = Logger.getLogger("org.apache.jcp.xml.dsig.internal.dom.DOMReference");

    private static volatile boolean done;

    private WssSetup() {
    }

    static void ensure() {
        if (!done) {
            synchronized (WssSetup.class) {
                if (!done) {
                    WSSConfig.init();
                    DIGEST_INPUT_NOISE.setLevel(Level.SEVERE);
                    done = true;
                }
            }
        }
    }
}
