package org.imigateway.cooperation.publicapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;

/**
 * The public interface's OpenAPI document on its own (no gateway): it is OpenAPI 3.1 that
 * swagger-parser reads without a message, the copy the gateway serves is the one in docs/, and
 * its schemas bite. {@code PublicInterfaceTest} holds the live answers against it.
 */
class PublicInterfaceDocumentTest {

    private static final OpenApiDocument DOCUMENT = OpenApiDocument.load();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theDocumentIsOpenApi31WithEveryReferenceResolvedAndNothingUnexpected() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);

        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(DOCUMENT.text(), null, options);

        assertEquals(List.of(), parsed.getMessages());
        assertEquals("3.1.0", parsed.getOpenAPI().getOpenapi());
        assertEquals(Set.of(PublicEndpoint.SUBMISSIONS, PublicEndpoint.SUBMISSIONS + "/{trackingId}", PublicEndpoint.OPENAPI),
                parsed.getOpenAPI().getPaths().keySet());
    }

    @Test
    void theGatewayServesTheCopyKeptInDocs() throws Exception {
        assertEquals(Files.readString(Path.of("../docs/public-interface.openapi.yaml"), StandardCharsets.UTF_8),
                DOCUMENT.text());
    }

    /**
     * The two answers the live test cannot provoke on a healthy hub (the 503 of a full port and
     * the 500 of a failed store), as the endpoint writes them, against their documented schemas.
     */
    @Test
    void theBusyAndNotStoredAnswersHaveTheirDocumentedShape() throws Exception {
        String busy = new String(JsonAnswer.busy().body(java.time.Duration.ofSeconds(10)), StandardCharsets.UTF_8);
        String notStored = JsonAnswer.error("not-stored", "the submission could not be stored; nothing was kept, send it again");

        assertEquals(List.of(), DOCUMENT.schema(
                "/paths/~1public~1v1~1submissions/post/responses/500/content/application~1json/schema")
                .validate(JSON.readTree(notStored)));
        assertEquals(List.of(), DOCUMENT.schema("/components/responses/Busy/content/application~1json/schema")
                .validate(JSON.readTree(busy)));
        assertEquals(10, JSON.readTree(busy).path("retryAfterSeconds").asInt());
        assertEquals("application/json", JsonAnswer.busy().contentType());
    }

    /** Shows that the live test's judge bites: an undocumented status, a missing header, a wrong body. */
    @Test
    void anAnswerTheDocumentDoesNotDescribeIsNamed() {
        java.net.URI submissions = java.net.URI.create("https://hub.example" + PublicEndpoint.SUBMISSIONS);
        String id = "PS-5F0C2A7B91D04E6F8A3C1B2D4E5F6071";
        String accepted = "{\"status\":\"RECEIVED\",\"trackingId\":\"" + id + "\"}";
        java.util.Map<String, List<String>> json = java.util.Map.of("Content-Type", List.of("application/json"));

        assertEquals(List.of(), OpenApiDocument.load().check("POST", submissions, answer(202, accepted, headers(
                "Content-Type", "application/json", "Location", PublicEndpoint.SUBMISSIONS + "/" + id))));
        assertEquals(1, OpenApiDocument.load().check("POST", submissions, answer(418, accepted, json)).size());
        assertEquals(1, OpenApiDocument.load().check("POST", submissions, answer(202, accepted, json)).size(),
                "no Location");
        assertEquals(1, OpenApiDocument.load().check("POST", submissions, answer(202, "{\"status\":\"RECEIVED\"}",
                headers("Content-Type", "application/json", "Location", PublicEndpoint.SUBMISSIONS + "/" + id))).size(),
                "no trackingId");
        assertEquals(1, OpenApiDocument.load().check("POST", submissions, answer(202, accepted, headers(
                "Content-Type", "text/plain", "Location", PublicEndpoint.SUBMISSIONS + "/" + id))).size(), "not JSON");
    }

    private static java.util.Map<String, List<String>> headers(String... namesAndValues) {
        java.util.Map<String, List<String>> headers = new java.util.HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], List.of(namesAndValues[i + 1]));
        }
        return headers;
    }

    /** An answer as the JDK client hands it over, made up. */
    private static java.net.http.HttpResponse<String> answer(int status, String body, java.util.Map<String, List<String>> headers) {
        java.net.http.HttpHeaders all = java.net.http.HttpHeaders.of(headers, (name, value) -> true);
        return new java.net.http.HttpResponse<>() {
            public int statusCode() {
                return status;
            }

            public java.net.http.HttpRequest request() {
                throw new UnsupportedOperationException();
            }

            public java.util.Optional<java.net.http.HttpResponse<String>> previousResponse() {
                return java.util.Optional.empty();
            }

            public java.net.http.HttpHeaders headers() {
                return all;
            }

            public String body() {
                return body;
            }

            public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
                return java.util.Optional.empty();
            }

            public java.net.URI uri() {
                throw new UnsupportedOperationException();
            }

            public java.net.http.HttpClient.Version version() {
                return java.net.http.HttpClient.Version.HTTP_1_1;
            }
        };
    }

    /** Shows that validation against these schemas can fail: what the interface never answers is refused. */
    @Test
    void theSchemasRefuseAnswersTheInterfaceNeverGives() throws Exception {
        String id = "PS-5F0C2A7B91D04E6F8A3C1B2D4E5F6071";
        assertTrue(DOCUMENT.schema("/components/schemas/Status").validate(JSON.readTree(
                "{\"trackingId\":\"" + id + "\",\"status\":\"DELIVERED\",\"authority\":\"DE-ZOLL\",\"country\":\"DE\"}"))
                .isEmpty());
        assertFalse(DOCUMENT.schema("/components/schemas/Status").validate(JSON.readTree(
                "{\"trackingId\":\"" + id + "\",\"status\":\"FAILED\",\"authority\":\"DE-ZOLL\",\"country\":\"DE\"}"))
                .isEmpty(), "FAILED without a reason");
        assertFalse(DOCUMENT.schema("/components/schemas/Accepted").validate(JSON.readTree(
                "{\"status\":\"RECEIVED\",\"trackingId\":\"" + id + "\",\"extra\":1}")).isEmpty(), "an extra field");
        assertFalse(DOCUMENT.schema("/components/schemas/DocumentRefusal").validate(JSON.readTree(
                "{\"error\":\"schema\",\"detail\":\"d\",\"line\":3,\"field\":\"/a\",\"problems\":[]}")).isEmpty(),
                "a line without its column, and no problem listed");
        assertFalse(DOCUMENT.schema("/components/schemas/Refusal").validate(JSON.readTree(
                "{\"error\":\"oops\",\"detail\":\"d\"}")).isEmpty(), "an error name not documented");
    }
}
