package org.imigateway.schemas;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.List;
import javax.xml.XMLConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SchemaResourcesTest {

    @ParameterizedTest
    @FieldSource("org.imigateway.schemas.SchemaResources#ALL")
    void schemaLoadsWithItsImportsFromBesideItAndNoNetwork(String location) {
        assertDoesNotThrow(() -> HardenedXml.schema(location));
    }

    @ParameterizedTest
    @FieldSource("org.imigateway.schemas.SchemaResources#ALL")
    void schemaParsesWithDoctypesDisallowed(String location) throws Exception {
        try (InputStream in = SchemaResources.url(location).openStream()) {
            assertDoesNotThrow(() -> HardenedXml.parse(in));
        }
    }

    @ParameterizedTest
    @FieldSource("org.imigateway.schemas.SchemaResources#ALL")
    void everyImportNamesAFileBesideTheSchema(String location) throws Exception {
        Document schema;
        try (InputStream in = SchemaResources.url(location).openStream()) {
            schema = HardenedXml.parse(in);
        }
        for (String kind : List.of("import", "include", "redefine")) {
            NodeList references = schema.getElementsByTagNameNS(XMLConstants.W3C_XML_SCHEMA_NS_URI, kind);
            for (int i = 0; i < references.getLength(); i++) {
                String target = ((Element) references.item(i)).getAttribute("schemaLocation");
                assertTrue(target.matches("[A-Za-z0-9._-]+\\.xsd"), location + " " + kind + "s '" + target + "'");
                String beside = location.substring(0, location.lastIndexOf('/') + 1) + target;
                assertDoesNotThrow(() -> SchemaResources.url(beside), location + " -> " + target);
            }
        }
    }

    @Test
    void unknownLocationIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SchemaResources.url("/xsd/no-such.xsd"));
    }
}
