package org.imigateway.as4;

import org.apache.wss4j.dom.engine.WSSConfig;

/** WSS4J and Santuario need a one-time initialisation before any signing or verifying. */
final class WssInit {

    private static volatile boolean done;

    private WssInit() {
    }

    static void ensure() {
        if (!done) {
            synchronized (WssInit.class) {
                if (!done) {
                    WSSConfig.init();
                    done = true;
                }
            }
        }
    }
}
