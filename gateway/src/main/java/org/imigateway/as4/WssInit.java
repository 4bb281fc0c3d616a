package org.imigateway.as4;

import java.util.logging.Level;
import java.util.logging.Logger;

import org.apache.wss4j.dom.engine.WSSConfig;

/** WSS4J and Santuario need a one-time initialisation before any signing or verifying. */
final class WssInit {

    /**
     * Santuario warns "The input bytes to the digest operation are null" for every reference
     * whose last transform writes straight to the digest, which is what the SwA attachment
     * transforms always do: one false warning per attachment, signed or verified. Its other
     * messages stay. Held here because java.util.logging keeps loggers only weakly.
     */
    private static final Logger DIGEST_INPUT_NOISE = Logger.getLogger("org.apache.jcp.xml.dsig.internal.dom.DOMReference");

    private static volatile boolean done;

    private WssInit() {
    }

    static void ensure() {
        if (!done) {
            synchronized (WssInit.class) {
                if (!done) {
                    WSSConfig.init();
                    Curve25519Provider.install();
                    DIGEST_INPUT_NOISE.setLevel(Level.SEVERE);
                    done = true;
                }
            }
        }
    }
}
