package org.imigateway.procedure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.imigateway.config.ConfigException;
import org.imigateway.schemas.SchemaResources;
import org.imigateway.schemas.imi.ImiDocumentType;
import org.imigateway.schemas.imi.common.Language;
import org.imigateway.schemas.imi.common.LocalisedText;
import org.imigateway.schemas.imi.procedure.ExchangeType;
import org.imigateway.schemas.imi.procedure.Labels;
import org.imigateway.schemas.imi.procedure.QuestionSet;
import org.imigateway.schemas.imi.procedure.State;
import org.imigateway.schemas.imi.procedure.Workflow;

import org.imigateway.procedure.Procedure;

/**
 * The procedures of a hub, one file each in {@code config/procedures/}: adding a procedure is
 * adding a file. Each file is schema-checked (problems name file, line and column), then
 * checked for what the schema cannot say: every label in all 26 languages, a workflow whose
 * transitions join known states with request actions, a workflow exactly when requests are used.
 */
public final class Procedures {

    /** Retention bounds of the IMI Regulation, art. 14: blocked at most 18 months after closure, deleted after 3 years. */
    public static final int DEFAULT_BLOCK_MONTHS = 6;
    public static final int MAX_BLOCK_MONTHS = 18;
    public static final int DELETE_MONTHS = 36;

    private static final BoundXml<org.imigateway.schemas.imi.procedure.Procedure> XML =
            BoundXml.of(org.imigateway.schemas.imi.procedure.Procedure.class, SchemaResources.IMI_PROCEDURE);

    private final Map<String, Procedure> byCode;

    private Procedures(Map<String, Procedure> byCode) {
        this.byCode = Map.copyOf(byCode);
    }

    public static Procedures of(Collection<Procedure> procedures) {
        Map<String, Procedure> byCode = new LinkedHashMap<>();
        procedures.forEach(p -> byCode.put(p.code(), p));
        return new Procedures(byCode);
    }

    /** Loads every {@code *.xml} of the folder; all problems of all files in one exception. */
    public static Procedures load(Path folder) throws ConfigException {
        List<Path> files = BoundXml.xmlFiles(folder, "procedures");
        List<String> problems = new ArrayList<>();
        Map<String, Procedure> byCode = new LinkedHashMap<>();
        Map<String, Path> fileOf = new LinkedHashMap<>();
        for (Path file : files) {
            BoundXml.Outcome<org.imigateway.schemas.imi.procedure.Procedure> outcome = XML.read(file);
            if (outcome instanceof BoundXml.Invalid<?> invalid) {
                problems.addAll(invalid.problems());
                continue;
            }
            var document = ((BoundXml.Read<org.imigateway.schemas.imi.procedure.Procedure>) outcome).document();
            Optional<Procedure> procedure = check(file, document, problems);
            if (procedure.isPresent() && fileOf.containsKey(procedure.get().code())) {
                problems.add(file + ": procedure code '" + procedure.get().code() + "' is also used by "
                        + fileOf.get(procedure.get().code()));
            } else if (procedure.isPresent()) {
                byCode.put(procedure.get().code(), procedure.get());
                fileOf.put(procedure.get().code(), file);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("the procedures in " + folder + " are not valid:\n  " + String.join("\n  ", problems));
        }
        return new Procedures(byCode);
    }

    public Optional<Procedure> find(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    public Collection<Procedure> all() {
        return byCode.values();
    }

    /** The distinct policy areas, in file order. */
    public List<String> policyAreas() {
        return byCode.values().stream().map(Procedure::policyArea).distinct().toList();
    }

    private static Optional<Procedure> check(Path file, org.imigateway.schemas.imi.procedure.Procedure xml,
            List<String> problems) {
        int before = problems.size();
        String where = file + ": procedure '" + xml.getCode() + "'";
        languages(where + " policyArea", xml.getPolicyArea(), problems);
        languages(where + " name", xml.getName(), problems);
        Set<String> questions = new HashSet<>();
        for (QuestionSet set : xml.getQuestionSets()) {
            languages(where + " questionSet '" + set.getCode() + "' label", set.getLabels(), problems);
            for (var question : set.getQuestions()) {
                languages(where + " questionSet '" + set.getCode() + "' question '" + question.getId() + "' label",
                        question, problems);
                if (!questions.add(question.getId())) {
                    problems.add(where + " question id '" + question.getId() + "' is used twice");
                }
            }
        }
        EnumSet<Procedure.Exchange> exchanges = EnumSet.noneOf(Procedure.Exchange.class);
        for (ExchangeType type : xml.getExchanges()) {
            if (!exchanges.add(Procedure.Exchange.valueOf(type.name()))) {
                problems.add(where + " exchange '" + type.value() + "' is listed twice");
            }
        }
        boolean requests = exchanges.contains(Procedure.Exchange.REQUEST);
        if (requests != (xml.getWorkflow() != null)) {
            problems.add(where + " workflow: " + (requests ? "a procedure with exchange 'request' needs one"
                    : "only a procedure with exchange 'request' has one"));
        }
        Optional<RequestWorkflow> workflow = Optional.ofNullable(xml.getWorkflow()).flatMap(w -> workflow(where, w, problems));
        boolean repositories = exchanges.contains(Procedure.Exchange.REPOSITORY);
        if (repositories == xml.getRepositories().isEmpty()) {
            problems.add(where + " repository: " + (repositories ? "a procedure with exchange 'repository' needs one"
                    : "only a procedure with exchange 'repository' has one"));
        }
        List<Procedure.RepositoryRule> rules = new ArrayList<>();
        for (var repository : xml.getRepositories()) {
            languages(where + " repository '" + repository.getCode() + "' label", repository.getLabels(), problems);
            rules.add(new Procedure.RepositoryRule(repository.getCode(), Set.copyOf(repository.getReaderCountries())));
        }
        int block = xml.getRetention().getBlockAfterMonths().intValueExact();
        int delete = xml.getRetention().getDeleteAfterMonths().intValueExact();
        if (block > MAX_BLOCK_MONTHS) {
            problems.add(where + " retention: blockAfterMonths=" + block + " is more than " + MAX_BLOCK_MONTHS
                    + ": personal data of a closed case is blocked at most 18 months after closure (IMI Regulation art. 14)");
        }
        if (delete > DELETE_MONTHS) {
            problems.add(where + " retention: deleteAfterMonths=" + delete + " is more than " + DELETE_MONTHS
                    + ": personal data is deleted 3 years after closure (IMI Regulation art. 14)");
        }
        if (block > delete) {
            problems.add(where + " retention: blockAfterMonths=" + block + " is after deleteAfterMonths=" + delete);
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        Map<String, String> labels = new LinkedHashMap<>();
        xml.getName().getLabels().forEach(l -> labels.put(l.getLang().value(), l.getValue()));
        Optional<Integer> sendWithin = Optional.ofNullable(xml.getAlerts())
                .flatMap(a -> Optional.ofNullable(a.getSendWithinDays())).map(java.math.BigInteger::intValueExact);
        return Optional.of(new Procedure(xml.getCode(), xml.getPolicyArea().getCode(), labels, exchanges, questions,
                workflow, sendWithin, rules, block, delete));
    }

    private static void languages(String where, Labels labels, List<String> problems) {
        languages(where, labels.getLabels(), problems);
    }

    /** Every language once: standard content is pre-translated, so a missing label is a gap a user would see. */
    private static void languages(String where, List<LocalisedText> labels, List<String> problems) {
        Set<Language> seen = EnumSet.noneOf(Language.class);
        Set<String> twice = new TreeSet<>();
        for (LocalisedText label : labels) {
            if (!seen.add(label.getLang())) {
                twice.add(label.getLang().value());
            }
        }
        Set<String> missing = EnumSet.allOf(Language.class).stream().filter(l -> !seen.contains(l))
                .map(Language::value).collect(Collectors.toCollection(TreeSet::new));
        if (!missing.isEmpty()) {
            problems.add(where + ": no label in language(s) " + String.join(", ", missing));
        }
        if (!twice.isEmpty()) {
            problems.add(where + ": more than one label in language(s) " + String.join(", ", twice));
        }
    }

    private static Optional<RequestWorkflow> workflow(String where, Workflow xml, List<String> problems) {
        int before = problems.size();
        Set<String> states = new HashSet<>();
        List<String> initial = new ArrayList<>();
        Set<String> finals = new HashSet<>();
        Set<String> runs = new HashSet<>();
        for (State state : xml.getStates()) {
            states.add(state.getName());
            if (state.isInitial()) {
                initial.add(state.getName());
            }
            if (state.isFinal()) {
                finals.add(state.getName());
            }
            if (state.isAnswerByRuns()) {
                runs.add(state.getName());
            }
        }
        if (initial.size() != 1) {
            problems.add(where + " workflow: exactly one state must be initial=\"true\", found " + initial);
        }
        Set<String> actions = Set.copyOf(ImiDocumentType.actions(ImiDocumentType.Services.REQUEST));
        List<RequestWorkflow.Transition> transitions = new ArrayList<>();
        for (var t : xml.getTransitions()) {
            String at = where + " workflow transition " + t.getFrom() + " --" + t.getAction() + "--> " + t.getTo();
            for (String state : List.of(t.getFrom(), t.getTo())) {
                if (!states.contains(state)) {
                    problems.add(at + ": state '" + state + "' is not declared");
                }
            }
            if (finals.contains(t.getFrom())) {
                problems.add(at + ": state '" + t.getFrom() + "' is final and has no way out");
            }
            if (!actions.contains(t.getAction()) || RequestWorkflow.SUBMIT.equals(t.getAction())) {
                problems.add(at + ": action '" + t.getAction() + "' is not a request action; use one of "
                        + actions.stream().filter(a -> !RequestWorkflow.SUBMIT.equals(a)).toList());
            }
            transitions.add(new RequestWorkflow.Transition(t.getFrom(), t.getAction(),
                    RequestWorkflow.Role.valueOf(t.getBy().name()), t.getTo(), t.isHandsOver(), t.isSetsAnswerBy()));
        }
        var answerBy = xml.getAnswerBy();
        RequestWorkflow.OverdueEffect effect = RequestWorkflow.OverdueEffect.valueOf(answerBy.getOnOverdue().name());
        Optional<String> overdueState = Optional.ofNullable(answerBy.getOverdueState());
        if (effect == RequestWorkflow.OverdueEffect.MOVE
                && (overdueState.isEmpty() || !states.contains(overdueState.get()))) {
            problems.add(where + " workflow answerBy: onOverdue=\"move\" needs overdueState naming a declared state, found "
                    + overdueState.orElse("none"));
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new RequestWorkflow(initial.get(0), states, finals, runs, transitions,
                answerBy.getDefaultDays().intValueExact(), effect, overdueState));
    }
}
