package org.imigateway.testsupport.phase4;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;

import com.helger.base.io.iface.IHasInputStream;
import com.helger.http.header.HttpHeaderMap;
import com.helger.mime.IMimeType;
import com.helger.phase4.incoming.IAS4ResponseAbstraction;
import com.sun.net.httpserver.HttpExchange;

/**
 * Holds what phase4's request handler writes as the HTTP response (a receipt or error as XML, or a
 * MIME message with its own headers) until the handler is done, then writes it to the exchange.
 */
final class BufferedResponse implements IAS4ResponseAbstraction {

    private int status = 200;
    private IMimeType mimeType;
    private Charset charset;
    private byte[] body = new byte[0];
    private IHasInputStream stream;
    private final HttpHeaderMap extraHeaders = new HttpHeaderMap();

    @Override
    public void setContent(byte[] bytes, Charset value) {
        body = bytes;
        charset = value;
    }

    @Override
    public void setContent(HttpHeaderMap headers, IHasInputStream content) {
        headers.forEachSingleHeader(extraHeaders::addHeader, false);
        stream = content;
    }

    @Override
    public void setMimeType(IMimeType value) {
        mimeType = value;
    }

    @Override
    public void setStatus(int value) {
        status = value;
    }

    void writeTo(HttpExchange exchange) throws IOException {
        byte[] content = body;
        if (stream != null) {
            try (InputStream in = stream.getInputStream()) {
                content = in.readAllBytes();
            }
        }
        extraHeaders.forEachSingleHeader((name, value) -> {
            if (!name.equalsIgnoreCase("Content-Length")) {
                exchange.getResponseHeaders().add(name, value);
            }
        }, false);
        if (mimeType != null && !exchange.getResponseHeaders().containsKey("Content-Type")) {
            String type = mimeType.getAsString();
            if (charset != null && !type.contains("charset")) {
                type += "; charset=" + charset.name();
            }
            exchange.getResponseHeaders().set("Content-Type", type);
        }
        exchange.sendResponseHeaders(status, content.length == 0 ? -1 : content.length);
        if (content.length > 0) {
            exchange.getResponseBody().write(content);
        }
    }
}
