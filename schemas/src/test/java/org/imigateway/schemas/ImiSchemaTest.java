package org.imigateway.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.xml.bind.JAXBContext;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Validator;
import org.imigateway.schemas.imi.ImiDocumentType;
import org.imigateway.schemas.imi.common.Language;
import org.imigateway.schemas.imi.procedure.Procedure;
import org.imigateway.schemas.imi.request.Request;
import org.imigateway.schemas.imi.submission.Declaration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

class ImiSchemaTest {

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("request.xml", ImiDocumentType.REQUEST_SUBMIT),
                Arguments.of("acceptance.xml", ImiDocumentType.REQUEST_ACCEPT),
                Arguments.of("answers.xml", ImiDocumentType.REQUEST_ANSWER),
                Arguments.of("alert.xml", ImiDocumentType.ALERT_SEND),
                Arguments.of("alert-end.xml", ImiDocumentType.ALERT_WITHDRAW),
                Arguments.of("notification.xml", ImiDocumentType.NOTIFICATION_NOTIFY),
                Arguments.of("repository-entry.xml", ImiDocumentType.REPOSITORY_PUBLISH),
                Arguments.of("repository-query.xml", ImiDocumentType.REPOSITORY_QUERY),
                Arguments.of("directory-search.xml", ImiDocumentType.DIRECTORY_SEARCH),
                Arguments.of("directory-registration.xml", ImiDocumentType.DIRECTORY_REGISTER),
                Arguments.of("directory-decision.xml", ImiDocumentType.DIRECTORY_DECIDE),
                Arguments.of("refusal.xml", ImiDocumentType.HUB_REFUSAL),
                Arguments.of("public-declaration.xml", ImiDocumentType.PUBLIC_DECLARATION),
                Arguments.of("public-complaint.xml", ImiDocumentType.PUBLIC_COMPLAINT),
                Arguments.of("public-card-application.xml", ImiDocumentType.PUBLIC_CARD_APPLICATION));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sampleIsValidForItsServiceAndActionAndHasItsRootElement(String sample, ImiDocumentType type) throws Exception {
        List<SAXParseException> errors = validate(type.schema(), bytes(sample));

        assertEquals(List.of(), errors);
        Document document = HardenedXml.sample("imi/" + sample);
        assertEquals(type.root(), new QName(document.getDocumentElement().getNamespaceURI(),
                document.getDocumentElement().getLocalName()));
    }

    @Test
    void everyServiceAndActionHasOneDocumentTypeWhoseRootTheSchemaDeclares() throws Exception {
        Set<String> pairs = new java.util.HashSet<>();
        for (ImiDocumentType type : ImiDocumentType.values()) {
            assertTrue(pairs.add(type.service() + " " + type.action()), type.toString());
            assertEquals(type, ImiDocumentType.of(type.service(), type.action()).orElseThrow());
            String schema = new String(SchemaResources.url(type.schema()).openStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(schema.contains("<xs:element name=\"" + type.root().getLocalPart() + "\""), type + " in " + type.schema());
            assertEquals(type.root().getLocalPart().toLowerCase(), type.rootClass().getSimpleName().toLowerCase());
        }
        assertTrue(ImiDocumentType.of(ImiDocumentType.Services.REQUEST, "Reply").isEmpty());
        assertTrue(ImiDocumentType.isImiService(ImiDocumentType.Services.ALERT));
    }

    @Test
    void requestBindsToJaxbClasses() throws Exception {
        JAXBContext context = JAXBContext.newInstance(org.imigateway.schemas.imi.request.ObjectFactory.class);

        Request request = (Request) context.createUnmarshaller().unmarshal(HardenedXml.sample("imi/request.xml"));

        assertEquals("DE-2026-0001", request.getCase().getId());
        assertEquals("FR-ORDRE-MEDECINS", request.getTo());
        assertEquals(Language.DE, request.getSubjects().get(0).getLang());
        assertEquals(List.of("diploma-authentic", "sanctions"),
                request.getQuestionSets().get(0).getQuestions().stream().map(q -> q.getId()).toList());
    }

    @Test
    void procedureSampleIsValidAndBinds() throws Exception {
        assertEquals(List.of(), validate(SchemaResources.IMI_PROCEDURE, bytes("procedure.xml")));

        Procedure procedure = (Procedure) JAXBContext.newInstance(org.imigateway.schemas.imi.procedure.ObjectFactory.class)
                .createUnmarshaller().unmarshal(HardenedXml.sample("imi/procedure.xml"));
        assertEquals("sample-area", procedure.getPolicyArea().getCode());
        assertEquals(2, procedure.getWorkflow().getTransitions().size());
    }

    @Test
    void languagesAreTheTwentyFourOfficialOnesPlusIcelandicAndNorwegian() {
        assertEquals(26, EnumSet.allOf(Language.class).size());
        assertEquals("is", Language.IS.value());
        assertEquals("no", Language.NO.value());
    }

    @Test
    void invalidDateIsRefusedNamingTheLineAndTheField() throws Exception {
        String broken = new String(bytes("request.xml"), StandardCharsets.UTF_8)
                .replace("<answerBy>2026-12-18</answerBy>", "<answerBy>18.12.2026</answerBy>");

        List<SAXParseException> errors = validate(SchemaResources.IMI_REQUEST, broken.getBytes(StandardCharsets.UTF_8));

        assertFalse(errors.isEmpty());
        assertTrue(errors.stream().allMatch(e -> e.getLineNumber() == 6), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.getMessage().contains("'answerBy'")), errors.toString());
    }

    @Test
    void unknownLanguageAndMalformedAuthorityAreRefused() throws Exception {
        String broken = new String(bytes("request.xml"), StandardCharsets.UTF_8)
                .replace("lang=\"de\"", "lang=\"xx\"").replace("<to>FR-ORDRE-MEDECINS</to>", "<to>ordre</to>");

        List<SAXParseException> errors = validate(SchemaResources.IMI_REQUEST, broken.getBytes(StandardCharsets.UTF_8));

        assertTrue(errors.stream().anyMatch(e -> e.getMessage().contains("'xx'")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.getMessage().contains("'ordre'")), errors.toString());
    }

    @Test
    void declarationBindsWithItsProcedureCountryAndPostedWorkers() throws Exception {
        Declaration declaration = (Declaration) JAXBContext.newInstance(org.imigateway.schemas.imi.submission.ObjectFactory.class)
                .createUnmarshaller().unmarshal(HardenedXml.sample("imi/public-declaration.xml"));

        assertEquals("posting-declarations", declaration.getProcedure());
        assertEquals("DE", declaration.getCountry());
        assertEquals("Bērziņš", declaration.getPostedWorkers().get(0).getFamilyName());
        assertEquals("LV", declaration.getPostedWorkers().get(0).getSocialSecurityCountry());
    }

    @Test
    void declarationWithoutWorkersAndWithABadEmailIsRefusedNamingLineAndField() throws Exception {
        String sample = new String(bytes("public-declaration.xml"), StandardCharsets.UTF_8);
        String broken = sample.substring(0, sample.indexOf("  <postedWorker>")) + sample.substring(sample.indexOf("  <contactPerson>"))
                .replace("anna.ozola@baltbuve.example", "anna.ozola");

        List<SAXParseException> errors = validate(SchemaResources.IMI_PUBLIC, broken.getBytes(StandardCharsets.UTF_8));

        assertTrue(errors.stream().anyMatch(e -> e.getLineNumber() == 16 && e.getMessage().contains(":contactPerson}'")
                && e.getMessage().contains("postedWorker")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.getLineNumber() == 19 && e.getMessage().contains("'anna.ozola'")),
                errors.toString());
    }

    @Test
    void complaintNeedsTheCountryComplainedAboutAndCardApplicationAHostCountry() throws Exception {
        String complaint = new String(bytes("public-complaint.xml"), StandardCharsets.UTF_8)
                .replace("<complainedAbout><country>DE</country>", "<complainedAbout>");
        String card = new String(bytes("public-card-application.xml"), StandardCharsets.UTF_8)
                .replace("<hostCountry>DE</hostCountry>", "<hostCountry>Germany</hostCountry>");

        List<SAXParseException> complaintErrors = validate(SchemaResources.IMI_PUBLIC, complaint.getBytes(StandardCharsets.UTF_8));
        List<SAXParseException> cardErrors = validate(SchemaResources.IMI_PUBLIC, card.getBytes(StandardCharsets.UTF_8));

        assertTrue(complaintErrors.stream().anyMatch(e -> e.getLineNumber() == 10 && e.getMessage().contains(":authorityName}'")),
                complaintErrors.toString());
        assertTrue(cardErrors.stream().anyMatch(e -> e.getLineNumber() == 9 && e.getMessage().contains("'Germany'")),
                cardErrors.toString());
    }

    private static byte[] bytes(String sample) throws Exception {
        try (InputStream in = ImiSchemaTest.class.getResourceAsStream("/samples/imi/" + sample)) {
            return in.readAllBytes();
        }
    }

    /** Every error, with its line, as a validator that does not stop at the first reports them. */
    private static List<SAXParseException> validate(String schema, byte[] document) throws Exception {
        Validator validator = HardenedXml.schema(schema).newValidator();
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        List<SAXParseException> errors = new ArrayList<>();
        validator.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) {
                errors.add(e);
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXParseException {
                throw e;
            }
        });
        validator.validate(new StreamSource(new ByteArrayInputStream(document)));
        return errors;
    }
}
