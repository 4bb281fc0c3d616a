/**
 * Every path a message takes inside the gateway, as Camel routes. The route classes, one per area:
 * <ul>
 *   <li>{@link org.imigateway.route.GatewayRoutes}: {@code dispatch}, {@code deliver-default},
 *       {@code send}, {@code recovery} — the access point's own paths;</li>
 *   <li>{@code backend.BackendRoutes}: {@code deliver-<backend>} for each configured backend and
 *       {@code notify-outcomes};</li>
 *   <li>{@code cooperation.CooperationRoutes}: the hub's {@code hub-fanout} (the copies of a decision
 *       with several recipients, from a durable queue) and its timers {@code overdue} and
 *       {@code retention};</li>
 *   <li>{@code cooperation.publicapi.PublicRoutes}, on a hub with the public interface on:
 *       {@code public-forward} (accepted submissions, from a durable queue, sent on) and the timer
 *       {@code public-recovery} (at start and every minute, queues again what was not sent on).</li>
 * </ul>
 * {@link org.imigateway.route.RouteSupervisor} watches them all and restarts a route an Error went
 * through or one found not consuming. docs/ARCHITECTURE.md has the table of route ids, which a test
 * compares with the running routes.
 */
package org.imigateway.route;
