package org.imigateway.cooperation.publicapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * The public interface's OpenAPI document as the gateway serves it, used to judge live answers:
 * the operation is found by method and path template, the answer's status must be one it
 * documents, each required header must be there and match its schema, and a JSON body must
 * validate against the documented schema (JSON Schema 2020-12, OpenAPI 3.1's dialect, by the
 * networknt validator). Which (operation, status) pairs were seen is kept, so a test can show
 * that every documented answer was provoked.
 */
final class OpenApiDocument {

    static final String RESOURCE = "public-interface.openapi.yaml";
    /** Where the registry finds the document: a name, never fetched. */
    private static final String IRI = "urn:imigateway:public-interface.openapi.json";
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String text;
    private final JsonNode root;
    private final SchemaRegistry schemas;
    private final Set<String> seen = new TreeSet<>();

    private OpenApiDocument(String text) throws IOException {
        this.text = text;
        this.root = new YAMLMapper().readTree(text);
        String json = JSON.writeValueAsString(root);
        this.schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(Map.of(IRI, json)));
    }

    /** The copy the build puts beside {@link PublicEndpoint}, which the gateway serves. */
    static OpenApiDocument load() {
        try (InputStream in = PublicEndpoint.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not beside PublicEndpoint on the class path");
            }
            return new OpenApiDocument(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String text() {
        return text;
    }

    JsonNode root() {
        return root;
    }

    /** The schema at a JSON pointer of the document ({@code /components/schemas/Status}). */
    Schema schema(String pointer) {
        return schemas.getSchema(SchemaLocation.of(IRI + "#" + pointer));
    }

    /** Every "operationId status" the document lists. */
    Set<String> documented() {
        Set<String> all = new TreeSet<>();
        root.path("paths").properties().forEach(path -> {
            for (String method : METHODS) {
                JsonNode operation = path.getValue().path(method);
                if (!operation.isMissingNode()) {
                    operation.path("responses").fieldNames().forEachRemaining(
                            status -> all.add(operation.path("operationId").asText() + " " + status));
                }
            }
        });
        return all;
    }

    /** Every "operationId status" that {@link #check} has judged. */
    Set<String> seen() {
        return Set.copyOf(seen);
    }

    /** What is wrong with {@code response} to {@code method} {@code uri} by the document; empty when nothing. */
    List<String> check(String method, URI uri, HttpResponse<String> response) {
        List<String> problems = new ArrayList<>();
        String where = method + " " + uri.getPath() + " → " + response.statusCode();
        Pointed operation = operation(method.toLowerCase(Locale.ROOT), uri.getPath());
        if (operation == null) {
            return List.of(where + ": no such operation in the document");
        }
        String status = Integer.toString(response.statusCode());
        seen.add(operation.node.path("operationId").asText() + " " + status);
        JsonNode responses = operation.node.path("responses");
        if (!responses.has(status)) {
            return List.of(where + ": status not documented (documented: " + iterable(responses.fieldNames()) + ")");
        }
        Pointed documented = resolve(new Pointed(responses.get(status), operation.pointer + "/responses/" + escape(status)));
        documented.node.path("headers").properties().forEach(header -> {
            Pointed declared = resolve(new Pointed(header.getValue(),
                    documented.pointer + "/headers/" + escape(header.getKey())));
            var value = response.headers().firstValue(header.getKey());
            if (value.isEmpty()) {
                if (declared.node.path("required").asBoolean(false)) {
                    problems.add(where + ": required header " + header.getKey() + " missing");
                }
                return;
            }
            for (Error error : schema(declared.pointer + "/schema").validate(TextNode.valueOf(value.get()))) {
                problems.add(where + ": header " + header.getKey() + " '" + value.get() + "': " + error.getMessage());
            }
        });
        JsonNode content = documented.node.path("content");
        if (content.isMissingNode()) {
            return problems;
        }
        String type = response.headers().firstValue("Content-Type").map(t -> t.split(";", 2)[0].trim()).orElse("");
        if (!content.has(type)) {
            problems.add(where + ": Content-Type '" + type + "' not documented (documented: "
                    + iterable(content.fieldNames()) + ")");
            return problems;
        }
        if (type.equals("application/json")) {
            JsonNode body;
            try {
                body = JSON.readTree(response.body());
            } catch (IOException e) {
                problems.add(where + ": body is not JSON: " + response.body());
                return problems;
            }
            for (Error error : schema(documented.pointer + "/content/" + escape(type) + "/schema").validate(body)) {
                problems.add(where + ": body " + error.getInstanceLocation() + " " + error.getMessage() + " in "
                        + response.body());
            }
        }
        return problems;
    }

    private record Pointed(JsonNode node, String pointer) {
    }

    /**
     * The operation of {@code method} on the path template that {@code path} fills ({@code {name}} is
     * one segment). A method the path does not have is judged by the path's first operation, whose
     * documented answers include the 405.
     */
    private Pointed operation(String method, String path) {
        for (Map.Entry<String, JsonNode> template : root.path("paths").properties()) {
            String pattern = template.getKey().replace(".", "\\.").replaceAll("\\{[^/}]+}", "[^/]+");
            if (path.matches(pattern)) {
                String chosen = template.getValue().has(method) ? method
                        : METHODS.stream().filter(template.getValue()::has).findFirst().orElseThrow();
                return new Pointed(template.getValue().get(chosen), "/paths/" + escape(template.getKey()) + "/" + chosen);
            }
        }
        return null;
    }

    /** Follows a local {@code $ref} to what it names. */
    private Pointed resolve(Pointed pointed) {
        Pointed current = pointed;
        while (current.node.has("$ref")) {
            String ref = current.node.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalStateException("only local references are expected, not " + ref);
            }
            String pointer = ref.substring(1);
            current = new Pointed(root.at(pointer), pointer);
        }
        return current;
    }

    /** A JSON pointer segment (RFC 6901). */
    private static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }

    private static List<String> iterable(Iterator<String> names) {
        List<String> all = new ArrayList<>();
        names.forEachRemaining(all::add);
        return all;
    }
}
