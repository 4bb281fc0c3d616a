package org.imigateway.cooperation.rendering;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.imigateway.config.ConfigException;
import org.imigateway.procedure.BoundXml;
import org.imigateway.schemas.SchemaResources;
import org.imigateway.schemas.imi.common.LocalisedText;
import org.imigateway.schemas.imi.procedure.Procedure;

/**
 * The pre-translated standard content of the procedures, as their files give it: the name of
 * each procedure and its policy area, the label of each question set and each question, by
 * language. The procedure loader has already checked that every label is there in all 26.
 */
public final class StandardContent {

    private static final BoundXml<Procedure> XML = BoundXml.of(Procedure.class, SchemaResources.IMI_PROCEDURE);

    private final Map<String, Map<String, String>> labels;

    private StandardContent(Map<String, Map<String, String>> labels) {
        this.labels = Map.copyOf(labels);
    }

    /** Reads every procedure file of the folder. */
    public static StandardContent load(Path folder) throws ConfigException {
        Map<String, Map<String, String>> labels = new HashMap<>();
        for (Path file : BoundXml.xmlFiles(folder, "procedures")) {
            BoundXml.Outcome<Procedure> outcome = XML.read(file);
            if (outcome instanceof BoundXml.Invalid<Procedure> invalid) {
                throw new ConfigException(String.join("\n  ", invalid.problems()));
            }
            Procedure procedure = ((BoundXml.Read<Procedure>) outcome).document();
            String code = procedure.getCode();
            labels.put(procedureKey(code), byLanguage(procedure.getName().getLabels()));
            labels.put(policyAreaKey(code), byLanguage(procedure.getPolicyArea().getLabels()));
            for (var set : procedure.getQuestionSets()) {
                labels.put(questionSetKey(code, set.getCode()), byLanguage(set.getLabels()));
                for (var question : set.getQuestions()) {
                    labels.put(questionKey(code, question.getId()), byLanguage(question.getLabels()));
                }
            }
        }
        return new StandardContent(labels);
    }

    public Optional<String> procedure(String procedure, String lang) {
        return label(procedureKey(procedure), lang);
    }

    public Optional<String> policyArea(String procedure, String lang) {
        return label(policyAreaKey(procedure), lang);
    }

    public Optional<String> questionSet(String procedure, String set, String lang) {
        return label(questionSetKey(procedure, set), lang);
    }

    public Optional<String> question(String procedure, String question, String lang) {
        return label(questionKey(procedure, question), lang);
    }

    private Optional<String> label(String key, String lang) {
        return Optional.ofNullable(labels.get(key)).map(byLang -> byLang.get(lang));
    }

    private static Map<String, String> byLanguage(List<LocalisedText> texts) {
        Map<String, String> byLang = new HashMap<>();
        texts.forEach(t -> byLang.put(t.getLang().value(), t.getValue()));
        return Map.copyOf(byLang);
    }

    private static String procedureKey(String procedure) {
        return procedure + "|name";
    }

    private static String policyAreaKey(String procedure) {
        return procedure + "|area";
    }

    private static String questionSetKey(String procedure, String set) {
        return procedure + "|set|" + set;
    }

    private static String questionKey(String procedure, String question) {
        return procedure + "|question|" + question;
    }
}
