package org.imigateway.ops;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code GET /metrics} (Prometheus text) and {@code GET /health} (JSON; 503 when DOWN) on the admin port. */
public final class AdminEndpoint extends Handler.Abstract {

    public static final String METRICS = "/metrics";
    public static final String HEALTH = "/health";

    private final GatewayMetrics metrics;
    private final Health health;

    public AdminEndpoint(GatewayMetrics metrics, Health health) {
        this.metrics = metrics;
        this.health = health;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (!METRICS.equals(path) && !HEALTH.equals(path)) {
            return false;
        }
        if (!"GET".equals(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET");
            Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "read-only");
            return true;
        }
        String body;
        if (METRICS.equals(path)) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
            body = metrics.scrape();
        } else {
            Health.Report report = health.check();
            response.setStatus(report.state() == Health.State.DOWN ? HttpStatus.SERVICE_UNAVAILABLE_503 : HttpStatus.OK_200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            body = report.toJson();
        }
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}
