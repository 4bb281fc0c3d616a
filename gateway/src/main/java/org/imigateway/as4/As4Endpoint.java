package org.imigateway.as4;

import java.io.InputStream;
import java.nio.ByteBuffer;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.imigateway.as4.inflow.InboundOutcome;
import org.imigateway.as4.inflow.InboundPipeline;

/**
 * {@code POST /as4}: hands the request to the inbound pipeline and answers synchronously
 * (One-Way/Push): 200 with the signed receipt, 400/500 family with an ebMS error signal, 503
 * when the fault is ours and the sender should try again.
 */
public final class As4Endpoint extends Handler.Abstract {

    public static final String PATH = "/as4";
    private static final String SOAP_CONTENT_TYPE = Namespaces.SOAP12_CONTENT_TYPE + "; charset=UTF-8";

    private final InboundPipeline pipeline;

    public As4Endpoint(InboundPipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!PATH.equals(Request.getPathInContext(request))) {
            return false;
        }
        if (!"POST".equals(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "AS4 messages are POSTed");
            return true;
        }
        InboundOutcome outcome;
        try (InputStream body = Content.Source.asInputStream(request)) {
            // the announced length lets a body over limits.maxMessageBytes be refused before a byte is read
            outcome = pipeline.receive(request.getHeaders().get(HttpHeader.CONTENT_TYPE), request.getLength(), body);
        }
        byte[] answer;
        if (outcome instanceof InboundOutcome.Accepted accepted) {
            response.setStatus(HttpStatus.OK_200);
            answer = accepted.receipt();
        } else {
            InboundOutcome.Rejected rejected = (InboundOutcome.Rejected) outcome;
            response.setStatus(rejected.temporary() ? HttpStatus.SERVICE_UNAVAILABLE_503 : HttpStatus.INTERNAL_SERVER_ERROR_500);
            answer = ErrorSignalFactory.create(rejected.error());
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, SOAP_CONTENT_TYPE);
        response.write(true, ByteBuffer.wrap(answer), callback);
        return true;
    }
}
