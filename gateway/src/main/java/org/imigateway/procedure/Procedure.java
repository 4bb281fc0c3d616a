package org.imigateway.procedure;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One procedure, as its file describes it: the policy area it belongs to, the exchanges it
 * uses, its request workflow, alert deadlines, repositories and retention.
 *
 * @param labels the procedure's name by language code
 */
public record Procedure(String code, String policyArea, Map<String, String> labels, Set<Exchange> exchanges,
        Set<String> questions, Optional<RequestWorkflow> workflow, Optional<Integer> alertSendWithinDays,
        List<RepositoryRule> repositories, int blockAfterMonths, int deleteAfterMonths) {

    public enum Exchange { REQUEST, ALERT, NOTIFICATION, REPOSITORY, SUBMISSION }

    /** A repository of the procedure and who reads it: authorities granted the procedure, in these countries (empty: all). */
    public record RepositoryRule(String code, Set<String> readerCountries) {
        public RepositoryRule {
            readerCountries = Set.copyOf(readerCountries);
        }

        public boolean readableFrom(String country) {
            return readerCountries.isEmpty() || readerCountries.contains(country);
        }
    }

    public Procedure {
        labels = Map.copyOf(labels);
        exchanges = Set.copyOf(exchanges);
        questions = Set.copyOf(questions);
        repositories = List.copyOf(repositories);
    }

    public boolean uses(Exchange exchange) {
        return exchanges.contains(exchange);
    }

    public Optional<RepositoryRule> repository(String code) {
        return repositories.stream().filter(r -> r.code().equals(code)).findFirst();
    }
}
