package org.imigateway.conformance.run;

import java.util.List;
import java.util.Map;

/**
 * One exchange as the report shows it: what was sent (HTTP headers, SOAP envelope, a line per
 * attachment) and what came back (status, headers, the signal or body, and what the suite made of it).
 */
public record Transcript(String title, Map<String, String> requestHeaders, String requestSoap, List<String> attachments,
        String responseStatus, Map<String, List<String>> responseHeaders, String responseBody, String reading) {

    public Transcript {
        requestHeaders = Map.copyOf(requestHeaders);
        attachments = List.copyOf(attachments);
        responseHeaders = Map.copyOf(responseHeaders);
    }
}
