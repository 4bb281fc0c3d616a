package org.imigateway.connectors.admission;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The one way this project opens a Jetty port: a server whose connectors and handler apply the
 * port's {@link AdmissionSettings} (idle timeout and a connection limit from Jetty; per-client
 * connections, header timeout, requests and bytes in progress and the body rate from
 * {@link ConnectionGuard} and {@link RequestAdmission}). Every listening port of the gateway is
 * built here, so none is left without them.
 */
public final class HardenedServer {

    /** How often the header timeout and the body rate are checked. */
    private static final long SWEEP_MILLIS = 250;

    private final Server server;
    private final AdmissionSettings settings;
    private final ConnectionGuard guard;
    private RequestAdmission admission;

    private HardenedServer(Server server, AdmissionSettings settings) {
        this.server = server;
        this.settings = settings;
        this.guard = new ConnectionGuard(settings);
    }

    /** @param name the name of the worker threads */
    public static HardenedServer create(String name, AdmissionSettings settings) {
        QueuedThreadPool threads = new QueuedThreadPool(settings.threads(), 2);
        threads.setName(name);
        HardenedServer hardened = new HardenedServer(new Server(threads), settings);
        hardened.server.addBean(new ConnectionLimit(settings.maxConnections(), hardened.server));
        hardened.server.addBean(hardened.new Sweeper());
        return hardened;
    }

    /** A plain HTTP connector, or HTTPS when {@code tls} is given. */
    public ServerConnector connector(String host, int port, Optional<SslContextFactory.Server> tls) {
        HttpConfiguration http = new HttpConfiguration();
        http.setIdleTimeout(settings.idleTimeout().toMillis());
        ServerConnector connector;
        if (tls.isPresent()) {
            http.addCustomizer(new SecureRequestCustomizer(false));
            connector = new ServerConnector(server, new SslConnectionFactory(tls.get(), "http/1.1"),
                    new HttpConnectionFactory(http));
        } else {
            connector = new ServerConnector(server, new HttpConnectionFactory(http));
        }
        connector.setIdleTimeout(settings.idleTimeout().toMillis());
        connector.addEventListener(guard);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        return connector;
    }

    /** Puts the admission rules in front of the port's handler; {@code overloadAnswer} is the body of a 503. */
    public HardenedServer handler(Handler handler, OverloadAnswer overloadAnswer) {
        this.admission = new RequestAdmission(settings, guard, overloadAnswer, handler);
        server.setHandler(admission);
        return this;
    }

    public Server server() {
        return server;
    }

    public AdmissionSettings settings() {
        return settings;
    }

    /** Runs the timed rules while the server runs. */
    private final class Sweeper extends AbstractLifeCycle implements Runnable {
        private volatile Scheduler.Task next;

        @Override
        protected void doStart() {
            schedule();
        }

        @Override
        protected void doStop() {
            Scheduler.Task task = next;
            if (task != null) {
                task.cancel();
            }
        }

        @Override
        public void run() {
            try {
                long now = System.nanoTime();
                guard.sweep(now);
                if (admission != null) {
                    admission.sweep(now);
                }
            } finally {
                if (isRunning()) {
                    schedule();
                }
            }
        }

        private void schedule() {
            next = server.getScheduler().schedule(this, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
        }
    }
}
