package org.imigateway.connectors.ws;

import java.util.Optional;

import jakarta.xml.ws.spi.http.HttpHandler;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets an authenticated backend through to the CXF endpoint: wrong or missing credentials get
 * 401 before any SOAP is read, so an unauthenticated caller learns nothing about messages.
 */
final class WebServiceHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(WebServiceHandler.class);

    private final String backend;
    private final BackendAuthentication authentication;
    private final SpiContext context;

    WebServiceHandler(String backend, BackendAuthentication authentication, SpiContext context) {
        this.backend = backend;
        this.authentication = authentication;
        this.context = context;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        Optional<HttpHandler> endpoint = context.handler();
        if (path == null || !path.equals(context.getPath()) || endpoint.isEmpty()) {
            return false;
        }
        Optional<java.security.Principal> caller = authentication.authenticate(request);
        if (caller.isEmpty()) {
            LOG.warn("web service of backend {}: refused a caller from {} without valid credentials", backend,
                    request.getConnectionMetaData().getRemoteSocketAddress());
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"imi-backend-" + backend + "\"");
            Response.writeError(request, response, callback, HttpStatus.UNAUTHORIZED_401,
                    "backend '" + backend + "' needs its user and password or client certificate");
            return true;
        }
        SpiExchange exchange = new SpiExchange(request, response, context, caller.get());
        try {
            endpoint.get().handle(exchange);
            exchange.close();
            callback.succeeded();
        } catch (Exception e) {
            callback.failed(e);
        }
        return true;
    }
}
