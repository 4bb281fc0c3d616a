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
