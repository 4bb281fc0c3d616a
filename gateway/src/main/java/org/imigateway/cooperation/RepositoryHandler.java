package org.imigateway.cooperation;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.imigateway.directory.Authority;
import org.imigateway.directory.Directory;
import org.imigateway.schemas.imi.ImiDocumentType;
import org.imigateway.schemas.imi.repository.Entry;
import org.imigateway.schemas.imi.repository.Field;
import org.imigateway.schemas.imi.repository.Query;
import org.imigateway.schemas.imi.repository.Result;
import org.imigateway.schemas.imi.repository.Withdrawal;

import org.imigateway.procedure.Procedure;
/**
 * Repositories: authorities granted the procedure publish, update and withdraw their own
 * entries; a query is answered with a Result to the asker's access point when the asker is in
 * the repository's access group (granted the procedure, from one of its reader countries).
 */
final class RepositoryHandler {

    private final HubContext hub;
    private final String hubParty;

    RepositoryHandler(HubContext hub, String hubParty) {
        this.hub = hub;
        this.hubParty = hubParty;
    }

    HubOutcome handle(HubMessage message, Connection c) throws SQLException, IOException {
        String repository = switch (message.type()) {
            case REPOSITORY_PUBLISH, REPOSITORY_UPDATE -> message.document(Entry.class).getRepository();
            case REPOSITORY_WITHDRAW -> message.document(Withdrawal.class).getRepository();
            case REPOSITORY_QUERY -> message.document(Query.class).getRepository();
            default -> "";
        };
        if (message.type() == ImiDocumentType.REPOSITORY_RESULT) {
            return HubOutcome.refuse("action Result is sent by the hub only");
        }
        Optional<Procedure> procedure = hub.procedures().all().stream()
                .filter(p -> p.repository(repository).isPresent()).findFirst();
        if (procedure.isEmpty()) {
            return HubOutcome.refuse("repository '" + repository + "' is not a repository of any procedure at this hub");
        }
        String from = switch (message.type()) {
            case REPOSITORY_PUBLISH, REPOSITORY_UPDATE -> message.document(Entry.class).getFrom();
            case REPOSITORY_WITHDRAW -> message.document(Withdrawal.class).getFrom();
            default -> message.document(Query.class).getFrom();
        };
        if (!from.equals(message.sender())) {
            return HubOutcome.refuse("from " + from + " is not the originalSender " + message.sender() + " of the message");
        }
        Directory.Authorisation authorisation = hub.directory().authorise(from, procedure.get().code());
        if (authorisation instanceof Directory.Denied denied) {
            return HubOutcome.refuse("repository " + repository + ": " + denied.reason());
        }
        Authority asker = ((Directory.Allowed) authorisation).authority();
        return switch (message.type()) {
            case REPOSITORY_PUBLISH, REPOSITORY_UPDATE -> put(message, c, message.document(Entry.class));
            case REPOSITORY_WITHDRAW -> withdraw(c, message.document(Withdrawal.class));
            default -> query(message, c, message.document(Query.class), asker, procedure.get());
        };
    }

    private HubOutcome put(HubMessage message, Connection c, Entry entry) throws SQLException {
        Optional<CooperationStore.Entry> existing = hub.store().entry(c, entry.getRepository(), entry.getEntryId(), true);
        boolean publish = message.type() == ImiDocumentType.REPOSITORY_PUBLISH;
        if (publish && existing.isPresent()) {
            return HubOutcome.refuse("entryId " + entry.getEntryId() + " is already in repository " + entry.getRepository()
                    + "; use action Update");
        }
        if (!publish && (existing.isEmpty() || !existing.get().owner().equals(entry.getFrom()))) {
            return HubOutcome.refuse("entryId " + entry.getEntryId() + " of repository " + entry.getRepository() + " "
                    + (existing.isEmpty() ? "does not exist; use action Publish" : "belongs to " + existing.get().owner()));
        }
        List<Map.Entry<String, String>> fields = entry.getFields().stream()
                .map(f -> Map.entry(f.getName(), f.getValue())).toList();
        hub.store().putEntry(c, new CooperationStore.Entry(entry.getRepository(), entry.getEntryId(), entry.getFrom(), fields),
                publish);
        return new HubOutcome.Forward(List.of());
    }

    private HubOutcome withdraw(Connection c, Withdrawal withdrawal) throws SQLException {
        Optional<CooperationStore.Entry> existing = hub.store().entry(c, withdrawal.getRepository(), withdrawal.getEntryId(), false);
        if (existing.isEmpty() || !existing.get().owner().equals(withdrawal.getFrom())) {
            return HubOutcome.refuse("entryId " + withdrawal.getEntryId() + " of repository " + withdrawal.getRepository()
                    + " " + (existing.isEmpty() ? "does not exist or is withdrawn" : "belongs to " + existing.get().owner()));
        }
        hub.store().withdrawEntry(c, withdrawal.getRepository(), withdrawal.getEntryId());
        return new HubOutcome.Forward(List.of());
    }

    private HubOutcome query(HubMessage message, Connection c, Query query, Authority asker, Procedure procedure)
            throws SQLException, IOException {
        Procedure.RepositoryRule rule = procedure.repository(query.getRepository()).orElseThrow();
        if (!rule.readableFrom(asker.country())) {
            return HubOutcome.refuse("authority " + asker.id() + " of country " + asker.country()
                    + " is not in the access group of repository " + query.getRepository() + " (countries "
                    + rule.readerCountries().stream().sorted().toList() + ")");
        }
        Map<String, String> criteria = new java.util.LinkedHashMap<>();
        for (Field field : query.getFields()) {
            criteria.put(field.getName(), field.getValue());
        }
        Result result = new Result();
        result.setRepository(query.getRepository());
        result.setQueryId(query.getQueryId());
        result.setTo(asker.id());
        for (CooperationStore.Entry found : hub.store().query(c, query.getRepository(), criteria)) {
            Entry entry = new Entry();
            entry.setRepository(found.repository());
            entry.setEntryId(found.entryId());
            entry.setFrom(found.owner());
            for (Map.Entry<String, String> field : found.fields()) {
                Field xml = new Field();
                xml.setName(field.getKey());
                xml.setValue(field.getValue());
                entry.getFields().add(xml);
            }
            result.getEntries().add(entry);
        }
        return new HubOutcome.Forward(List.of(new Outgoing(ImiDocumentType.REPOSITORY_RESULT, asker.accessPoint(), hubParty,
                asker.id(), List.of(new Outgoing.Payload(hub.write(result, Hashes.name(message.messageId(), "result")),
                        "application/xml")), "result")));
    }
}
