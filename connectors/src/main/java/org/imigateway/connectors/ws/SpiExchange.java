package org.imigateway.connectors.ws;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.xml.ws.spi.http.HttpContext;
import jakarta.xml.ws.spi.http.HttpExchange;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * One Jetty core request seen as a JAX-WS HTTP SPI exchange, which is what CXF's
 * {@code http_jaxws_spi} transport serves. CXF fills the response headers before it asks for
 * the body, so they are copied onto the Jetty response when the body is first asked for.
 */
final class SpiExchange extends HttpExchange {

    private final Request request;
    private final Response response;
    private final SpiContext context;
    private final Principal user;
    private final Map<String, List<String>> requestHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, List<String>> responseHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private InputStream in;
    private OutputStream out;

    SpiExchange(Request request, Response response, SpiContext context, Principal user) {
        this.request = request;
        this.response = response;
        this.context = context;
        this.user = user;
        for (HttpField field : request.getHeaders()) {
            requestHeaders.computeIfAbsent(field.getName(), k -> new ArrayList<>()).add(field.getValue());
        }
    }

    @Override
    public Map<String, List<String>> getRequestHeaders() {
        return requestHeaders;
    }

    @Override
    public String getRequestHeader(String name) {
        return request.getHeaders().get(name);
    }

    @Override
    public Map<String, List<String>> getResponseHeaders() {
        return responseHeaders;
    }

    @Override
    public void addResponseHeader(String name, String value) {
        responseHeaders.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }

    @Override
    public String getRequestURI() {
        return request.getHttpURI().getPath();
    }

    /** The application root: the endpoint is served from the server's root, at {@link SpiContext#getPath()}. */
    @Override
    public String getContextPath() {
        return "";
    }

    @Override
    public String getRequestMethod() {
        return request.getMethod();
    }

    @Override
    public HttpContext getHttpContext() {
        return context;
    }

    @Override
    public void close() throws IOException {
        getResponseBody().close();
    }

    @Override
    public InputStream getRequestBody() {
        if (in == null) {
            in = Content.Source.asInputStream(request);
        }
        return in;
    }

    @Override
    public OutputStream getResponseBody() {
        if (out == null) {
            responseHeaders.forEach((name, values) -> values.forEach(v -> response.getHeaders().add(name, v)));
            out = Content.Sink.asOutputStream(response);
        }
        return out;
    }

    @Override
    public void setStatus(int status) {
        response.setStatus(status);
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return inet(request.getConnectionMetaData().getRemoteSocketAddress());
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return inet(request.getConnectionMetaData().getLocalSocketAddress());
    }

    private static InetSocketAddress inet(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet : new InetSocketAddress(0);
    }

    @Override
    public String getProtocol() {
        return request.getConnectionMetaData().getProtocol();
    }

    @Override
    public String getScheme() {
        return request.getHttpURI().getScheme();
    }

    @Override
    public String getPathInfo() {
        String path = getRequestURI();
        return path.startsWith(context.getPath()) ? path.substring(context.getPath().length()) : path;
    }

    @Override
    public String getQueryString() {
        return request.getHttpURI().getQuery();
    }

    @Override
    public Object getAttribute(String name) {
        return request.getAttribute(name);
    }

    @Override
    public Set<String> getAttributeNames() {
        return request.getAttributeNameSet();
    }

    @Override
    public Principal getUserPrincipal() {
        return user;
    }

    @Override
    public boolean isUserInRole(String role) {
        return false;
    }
}
