package org.imigateway.route;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.jms.JmsConsumer;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.listener.AbstractMessageListenerContainer;
import org.springframework.jms.listener.DefaultMessageListenerContainer;

/**
 * Keeps every route of the gateway consuming, so that no received message waits without a consumer.
 *
 * <p>An {@link Error} in a route (a StackOverflowError, a LinkageError, an OutOfMemoryError in a JVM
 * started without {@code -XX:+ExitOnOutOfMemoryError}) is rolled back like any exception by the
 * transacted route, but it may have left the consumer's thread, session or listener half-done. So the
 * supervisor stops that route and starts it again, with a new consumer, after {@link #RESTART_DELAY}: the
 * pause keeps an Error that recurs from spinning. Every {@link #CHECK_PERIOD} it also looks at each route:
 * one that is not started, or a JMS route whose listener has no consumer left (a thread lost outside the
 * route, which Spring's listener does not replace by itself), is restarted the same way. Until the
 * restart, {@link #problems()} names the route, and /health reports DOWN.
 *
 * <p>An OutOfMemoryError is left to the JVM flag: the process exits and its supervisor (systemd) starts
 * it again; {@link Recovery} then queues what Derby holds as received.
 */
public final class RouteSupervisor extends ServiceSupport implements RoutePolicyFactory {

    private static final Logger LOG = LoggerFactory.getLogger(RouteSupervisor.class);

    /** How often every route's consumer is looked at. */
    static final Duration CHECK_PERIOD = Duration.ofSeconds(2);
    /** From the stop of a failed route to its new start. */
    static final Duration RESTART_DELAY = Duration.ofSeconds(5);
    /** Longest wait for a failing route's exchanges to finish before it is stopped anyway. */
    private static final long STOP_TIMEOUT_SECONDS = 30;

    private final CamelContext camel;
    /** Routes waiting for their restart, with the reason. */
    private final Map<String, String> restarting = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;
    private volatile Predicate<String> stoppedOnPurpose = routeId -> false;

    private RouteSupervisor(CamelContext camel) {
        this.camel = camel;
    }

    /** Watches every route of {@code camel}; call before adding routes, so each gets the Error policy. */
    public static RouteSupervisor install(CamelContext camel) {
        RouteSupervisor supervisor = new RouteSupervisor(camel);
        camel.addRoutePolicyFactory(supervisor);
        try {
            camel.addService(supervisor, true, true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot register the route supervisor with Camel: " + e.getMessage(), e);
        }
        return supervisor;
    }

    /**
     * Routes left alone while the predicate holds for them: on a cluster node, the timers another
     * node runs are stopped on purpose and must be neither restarted nor reported.
     */
    public void leaveStopped(Predicate<String> routeIds) {
        this.stoppedOnPurpose = routeIds;
    }

    /**
     * What keeps a route from consuming right now, one line per route naming it; empty when every route
     * consumes.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!camel.isStarted()) {
            problems.add("the routes are not running: Camel is " + camel.getStatus());
            return problems;
        }
        for (Route route : camel.getRoutes()) {
            if (stoppedOnPurpose.test(route.getRouteId())) {
                continue;
            }
            String reason = restarting.get(route.getRouteId());
            Optional<String> problem = reason != null ? Optional.of(reason) : problem(route);
            problem.ifPresent(p -> problems.add("route " + route.getRouteId() + ": " + p));
        }
        return problems;
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext context, String routeId, NamedNode route) {
        return new RoutePolicySupport() {
            @Override
            public void onExchangeDone(Route route, Exchange exchange) {
                errorIn(exchange.getException()).ifPresent(error -> restartAfterError(route.getRouteId(), error));
            }
        };
    }

    @Override
    protected void doStart() {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "route-supervisor");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::checkRoutes, CHECK_PERIOD.toMillis(), CHECK_PERIOD.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        timer.shutdownNow();
    }

    private void restartAfterError(String routeId, Throwable error) {
        if (!isRunAllowed() || restarting.putIfAbsent(routeId, "restarting after " + error) != null) {
            return;
        }
        LOG.error("route {} failed with {}; its message is rolled back and the route restarts in {} s", routeId, error,
                RESTART_DELAY.toSeconds());
        try {
            // Stopping waits for the failing exchange, which runs on the consumer thread that called us: hence the timer.
            timer.execute(() -> stop(routeId));
            timer.schedule(() -> start(routeId), RESTART_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            restarting.remove(routeId);  // the gateway is stopping: nothing to restart
        }
    }

    private void checkRoutes() {
        // Whatever goes wrong here must not end the timer: a scheduled task that throws is never run again.
        try {
            if (!camel.isStarted() || !isRunAllowed()) {
                return;
            }
            for (Route route : camel.getRoutes()) {
                String routeId = route.getRouteId();
                if (stoppedOnPurpose.test(routeId)) {
                    continue;
                }
                Optional<String> problem = problem(route);
                if (problem.isPresent() && restarting.putIfAbsent(routeId, problem.get() + "; restarting") == null) {
                    LOG.error("route {} does not consume ({}); it restarts in {} s", routeId, problem.get(),
                            RESTART_DELAY.toSeconds());
                    timer.schedule(() -> start(routeId), RESTART_DELAY.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (Throwable e) {
            LOG.error("the route check failed: {}", e.toString());
        }
    }

    private void stop(String routeId) {
        try {
            camel.getRouteController().stopRoute(routeId, STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Throwable e) {
            LOG.error("route {} did not stop cleanly: {}", routeId, e.toString());
        }
    }

    private void start(String routeId) {
        if (!camel.isStarted() || !isRunAllowed()) {
            return;
        }
        if (stoppedOnPurpose.test(routeId)) {
            restarting.remove(routeId);  // the timers moved to another node meanwhile
            return;
        }
        try {
            ServiceStatus status = camel.getRouteController().getRouteStatus(routeId);
            if (status != null && !status.isStopped()) {
                stop(routeId);
            }
            camel.getRouteController().startRoute(routeId);
            restarting.remove(routeId);
            LOG.info("route {} restarted", routeId);
        } catch (Throwable e) {
            LOG.error("route {} did not restart, trying again in {} s: {}", routeId, RESTART_DELAY.toSeconds(), e.toString());
            timer.schedule(() -> start(routeId), RESTART_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private Optional<String> problem(Route route) {
        ServiceStatus status = camel.getRouteController().getRouteStatus(route.getRouteId());
        if (status != ServiceStatus.Started) {
            return Optional.of("the route is " + status);
        }
        if (route.getConsumer() instanceof JmsConsumer jms) {
            AbstractMessageListenerContainer listener;
            try {
                listener = jms.getListenerContainer();  // a started consumer already has its container
            } catch (Exception e) {
                return Optional.of("its JMS listener cannot be read: " + e);
            }
            if (listener == null || !listener.isRunning()) {
                return Optional.of("its JMS listener is not running");
            }
            // A consumer task the listener could not hand to a thread is kept "paused", and Spring waits for a start().
            if (listener instanceof DefaultMessageListenerContainer container
                    && container.getScheduledConsumerCount() - container.getPausedTaskCount() < 1) {
                return Optional.of("its JMS listener has no consumer left");
            }
        }
        return Optional.empty();
    }

    private static Optional<Throwable> errorIn(Throwable failure) {
        // Camel wraps an Error in a CamelExecutionException; a bounded walk also survives a cause cycle.
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 16; depth++, cause = cause.getCause()) {
            if (cause instanceof Error) {
                return Optional.of(cause);
            }
        }
        return Optional.empty();
    }
}
