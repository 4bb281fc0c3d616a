/**
 * Every path a message takes inside the gateway, as Camel routes. The route classes, one per area:
 * <ul>
 *   <li>{@link org.imigateway.route.GatewayRoutes}: {@code dispatch}, {@code deliver-default},
 *       {@code send}, {@code recovery} — the access point's own paths;</li>
 *   <li>{@code backend.BackendRoutes}: {@code deliver-<backend>} for each configured backend and
 *       {@code notify-outcomes};</li>
 *   <li>{@code cooperation.CooperationRoutes}: the hub's {@code hub-fanout} (the copies of a decision
 *       with several recipients, from a durable queue) and its timers {@code overdue} and
 *       {@code retention}.</li>
 * </ul>
 * {@link org.imigateway.route.RouteSupervisor} watches them all and restarts a route an Error went
 * through or one found not consuming. docs/ARCHITECTURE.md has the table of route ids, which a test
 * compares with the running routes. Not yet a route (issue #15): the public interface's forwarding
 * and recovery run on executors of their own.
 */
package org.imigateway.route;
