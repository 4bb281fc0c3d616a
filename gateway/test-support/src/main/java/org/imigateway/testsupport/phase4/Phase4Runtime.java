package org.imigateway.testsupport.phase4;

import java.util.concurrent.Callable;

import com.helger.phase4.mgr.MetaAS4Manager;
import com.helger.servlet.mock.MockServletContext;
import com.helger.web.scope.mgr.WebScopeManager;
import com.helger.web.scope.mgr.WebScoped;

/**
 * The process-wide state phase4 needs before it can send or receive.
 *
 * <p>phase4 keeps its managers (profiles, P-Modes, duplicate detection) as singletons of a
 * global web scope, and some code paths expect a request scope on the current thread. Outside a
 * servlet container nobody opens these scopes, so every phase4 call in this package goes through
 * {@link #inRequestScope(Callable)}. The global scope is opened once per JVM and never closed:
 * closing it would destroy the managers under other tests still running in the same JVM.
 */
public final class Phase4Runtime {

    private static final Object LOCK = new Object();
    private static volatile boolean started;

    private Phase4Runtime() {
    }

    /** Opens phase4's global scope if no one has; safe to call from any thread, any number of times. */
    public static void ensureStarted() {
        if (started) {
            return;
        }
        synchronized (LOCK) {
            if (!started) {
                if (!WebScopeManager.isGlobalScopePresent()) {
                    WebScopeManager.onGlobalBegin(MockServletContext.create());
                }
                started = true;
            }
        }
    }

    /** Runs {@code work} inside a fresh phase4 request scope on the current thread. */
    public static <T> T inRequestScope(Callable<T> work) throws Exception {
        ensureStarted();
        try (WebScoped ignored = new WebScoped()) {
            return work.call();
        }
    }

    /**
     * Forgets every MessageId phase4's receivers have seen in this JVM. phase4 detects duplicates
     * in one JVM-wide table, so a test that reuses a MessageId against a fresh receiver calls this
     * first.
     */
    public static void forgetReceivedMessageIds() {
        ensureStarted();
        MetaAS4Manager.getIncomingDuplicateMgr().clearCache();
    }
}
