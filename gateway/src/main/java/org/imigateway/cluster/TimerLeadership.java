package org.imigateway.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.imigateway.ops.ClusterState;
import org.imigateway.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timers that must run on one node at a time (recovery, retention, overdue, public-recovery)
 * run on the node holding a PostgreSQL advisory lock. The lock is taken on a session of its own
 * that stays open while the node lives; when the node dies its session ends and the server frees
 * the lock, and the next node to try (every {@link #CHECK_PERIOD}) starts the timers. Chosen over
 * clustered Quartz or a Camel cluster service because the nodes already share PostgreSQL and
 * nothing else: no tables to poll, no clock agreement, no further library.
 *
 * <p>The timer routes are added with auto-start off and started only while the lock is held; a
 * node that loses its session stops them before trying again. The timers' work is repeatable
 * (recovery's copies are dropped by duplicate id, retention and overdue record what they did), so
 * the few seconds in which an old holder has not yet noticed its lost session do no harm.
 */
public final class TimerLeadership implements ClusterState, AutoCloseable {

    static final Duration CHECK_PERIOD = Duration.ofSeconds(2);
    /** The timer routes; those a gateway does not have (a national access point has no hub timers) are skipped. */
    public static final Set<String> TIMER_ROUTES = Set.of("recovery", "retention", "overdue", "public-recovery");
    /** The advisory lock's key, one number for every gateway cluster of a database: "IMI" and "TIMERS" in ASCII. */
    static final long LOCK_KEY = 0x494D49_54494DL;

    private static final Logger LOG = LoggerFactory.getLogger(TimerLeadership.class);

    private final Database database;
    private final String nodeId;
    private final CamelContext camel;
    private final Runnable onGain;
    private final ScheduledExecutorService timer;
    private Connection session;
    private volatile boolean holding;

    private TimerLeadership(Database database, String nodeId, CamelContext camel, Runnable onGain) {
        this.database = database;
        this.nodeId = nodeId;
        this.camel = camel;
        this.onGain = onGain;
        this.timer = DaemonTimer.named("cluster-timers");
    }

    /**
     * Keeps the timer routes of {@code camel} from starting with it; call after the routes are
     * added and before Camel starts, then {@link #start}.
     *
     * @param onGain run each time this node takes the timers (the first recovery pass)
     */
    public static TimerLeadership hold(Database database, String nodeId, CamelContext camel, Runnable onGain) {
        ModelCamelContext model = (ModelCamelContext) camel;
        for (RouteDefinition route : List.copyOf(model.getRouteDefinitions())) {
            if (TIMER_ROUTES.contains(route.getRouteId())) {
                route.setAutoStartup("false");
            }
        }
        return new TimerLeadership(database, nodeId, camel, onGain);
    }

    /** Tries for the lock now and every {@link #CHECK_PERIOD}. */
    public void start() {
        timer.scheduleWithFixedDelay(this::check, 0, CHECK_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void check() {
        // Whatever goes wrong must not end the timer: a scheduled task that throws is never run again.
        try {
            if (holding) {
                if (!session.isValid((int) CHECK_PERIOD.toSeconds())) {
                    LOG.warn("cluster node {}: the session holding the timer lock is lost; stopping the timers", nodeId);
                    release();
                }
                return;
            }
            if (session == null || !session.isValid((int) CHECK_PERIOD.toSeconds())) {
                closeSession();
                session = database.openSession();
            }
            if (tryLock()) {
                holding = true;
                LOG.info("cluster node {} holds the timers ({})", nodeId, String.join(", ", timerRoutes()));
                for (String routeId : timerRoutes()) {
                    camel.getRouteController().startRoute(routeId);
                }
                onGain.run();
            }
        } catch (Throwable e) {
            LOG.warn("cluster node {}: the timer lock check failed: {}", nodeId, e.toString());
            if (holding) {
                release();
            } else {
                closeSession();
            }
        }
    }

    private boolean tryLock() throws SQLException {
        try (PreparedStatement lock = session.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, LOCK_KEY);
            try (ResultSet result = lock.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private void release() {
        holding = false;
        stopTimers();
        closeSession();  // ending the session frees the lock, should the server still hold it for us
    }

    private void stopTimers() {
        for (String routeId : timerRoutes()) {
            try {
                camel.getRouteController().stopRoute(routeId);
            } catch (Exception e) {
                LOG.warn("cluster node {}: timer route {} did not stop: {}", nodeId, routeId, e.toString());
            }
        }
    }

    private List<String> timerRoutes() {
        return camel.getRoutes().stream().map(route -> route.getRouteId()).filter(TIMER_ROUTES::contains).sorted()
                .toList();
    }

    private void closeSession() {
        if (session != null) {
            try {
                session.close();
            } catch (SQLException e) {
                LOG.debug("cluster node {}: closing the lock session: {}", nodeId, e.toString());
            }
            session = null;
        }
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public boolean holdsTimers() {
        return holding;
    }

    /** Whether a route is a timer this node leaves stopped on purpose (another node runs it). */
    public boolean stoppedOnPurpose(String routeId) {
        return !holding && TIMER_ROUTES.contains(routeId);
    }

    /** Gives the timers up: the lock's session ends, and another node takes them at its next check. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        holding = false;
        closeSession();
    }
}
