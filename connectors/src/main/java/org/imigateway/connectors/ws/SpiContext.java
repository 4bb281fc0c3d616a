package org.imigateway.connectors.ws;

import java.util.Set;

import jakarta.xml.ws.spi.http.HttpContext;
import jakarta.xml.ws.spi.http.HttpHandler;

/** Where CXF's JAX-WS HTTP SPI transport registers the handler of the published endpoint. */
final class SpiContext extends HttpContext {

    private final String path;

    SpiContext(String path) {
        this.path = path;
    }

    /** The endpoint's handler; absent until {@code Endpoint.publish(context)} sets it. */
    java.util.Optional<HttpHandler> handler() {
        return java.util.Optional.ofNullable(handler);
    }

    @Override
    public String getPath() {
        return path;
    }

    @Override
    public Object getAttribute(String name) {
        return null;
    }

    @Override
    public Set<String> getAttributeNames() {
        return Set.of();
    }
}
