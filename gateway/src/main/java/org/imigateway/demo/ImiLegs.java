package org.imigateway.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.imigateway.pmode.LegXml;
import org.imigateway.schemas.SchemaResources;
import org.imigateway.schemas.imi.ImiDocumentType;

/**
 * The PMode legs of the IMI services, one per Service/Action of the catalogue, each naming the
 * XSD of its document type as payloadSchema: a payload that does not fit is refused before the
 * receipt with EBMS:0004 and the schema error's line. The XSDs are copied beside the PModes.
 */
public final class ImiLegs {

    public static final String AGREEMENT = "urn:imigateway:agreement:imi";
    /** Where the XSDs go, relative to the PMode folder. */
    public static final String SCHEMA_FOLDER = "schemas/imi";

    private static final List<String> SCHEMAS = List.of(SchemaResources.IMI_COMMON, SchemaResources.IMI_REQUEST,
            SchemaResources.IMI_ALERT, SchemaResources.IMI_REPOSITORY, SchemaResources.IMI_DIRECTORY,
            SchemaResources.IMI_PUBLIC);

    private ImiLegs() {
    }

    /** The PMode file of the IMI legs, beside the others in a PMode folder. */
    public static final String FILE = "imi-legs.xml";

    /** Writes {@value #FILE} and the XSDs it names into a PMode folder. */
    public static void writeTo(Path pmodes) throws IOException {
        Files.writeString(pmodes.resolve(FILE), xml(), java.nio.charset.StandardCharsets.UTF_8);
        copySchemas(pmodes);
    }

    /** A PMode document with a {@code <leg>} for every IMI document type. */
    public static String xml() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!-- The IMI business services: one leg per Service/Action, each checking its document type. -->\n"
                + "<pmodes xmlns=\"urn:imigateway:pmode:1\">\n");
        for (ImiDocumentType type : ImiDocumentType.values()) {
            xml.append(new LegXml("imi-" + type.name().toLowerCase(Locale.ROOT).replace('_', '-'), ImiDocumentType.SERVICE_TYPE,
                    type.service(), type.action(), AGREEMENT, "edelivery-1.15", 104_857_600L,
                    Optional.of(SCHEMA_FOLDER + "/" + fileName(type.schema()))).xml());
        }
        return xml.append("</pmodes>\n").toString();
    }

    /** Copies the IMI XSDs into {@code pmodes}/{@value #SCHEMA_FOLDER}. */
    private static void copySchemas(Path pmodes) throws IOException {
        Path folder = Files.createDirectories(pmodes.resolve(SCHEMA_FOLDER));
        for (String schema : SCHEMAS) {
            try (InputStream in = SchemaResources.url(schema).openStream()) {
                Files.copy(in, folder.resolve(fileName(schema)));
            }
        }
    }

    private static String fileName(String location) {
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
