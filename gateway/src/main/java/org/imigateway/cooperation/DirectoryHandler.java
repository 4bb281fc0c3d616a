package org.imigateway.cooperation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.imigateway.directory.Authority;
import org.imigateway.directory.AuthorityStatus;
import org.imigateway.directory.Directory;
import org.imigateway.directory.DirectoryException;
import org.imigateway.directory.DirectoryFiles;
import org.imigateway.directory.SearchQuery;
import org.imigateway.schemas.imi.ImiDocumentType;
import org.imigateway.schemas.imi.common.Language;
import org.imigateway.schemas.imi.common.LocalisedText;
import org.imigateway.schemas.imi.directory.Decision;
import org.imigateway.schemas.imi.directory.Grant;
import org.imigateway.schemas.imi.directory.Registration;
import org.imigateway.schemas.imi.directory.Search;
import org.imigateway.schemas.imi.directory.SearchResult;

/**
 * Directory messages: a search by an active authority is answered with a SearchResult; a
 * registration is recorded as pending and passed to the coordinator responsible for the new
 * authority; that coordinator's decision changes the directory and goes to the authority.
 */
final class DirectoryHandler {

    private final HubContext hub;
    private final String hubParty;

    DirectoryHandler(HubContext hub, String hubParty) {
        this.hub = hub;
        this.hubParty = hubParty;
    }

    HubOutcome handle(HubMessage message) throws IOException {
        return switch (message.type()) {
            case DIRECTORY_SEARCH -> search(message, message.document(Search.class));
            case DIRECTORY_REGISTER -> register(message, message.document(Registration.class));
            case DIRECTORY_DECIDE -> decide(message, message.document(Decision.class));
            default -> HubOutcome.refuse("action " + message.type().action() + " is sent by the hub only");
        };
    }

    private HubOutcome search(HubMessage message, Search search) throws IOException {
        if (!search.getFrom().equals(message.sender())) {
            return HubOutcome.refuse("from " + search.getFrom() + " is not the originalSender " + message.sender());
        }
        Optional<Authority> asker = hub.directory().find(search.getFrom()).filter(a -> a.status() == AuthorityStatus.ACTIVE);
        if (asker.isEmpty()) {
            return HubOutcome.refuse("authority " + search.getFrom() + " is not an active authority of the directory");
        }
        SearchResult result = new SearchResult();
        result.setSearchId(search.getSearchId());
        result.setTo(search.getFrom());
        for (Authority found : hub.directory().search(new SearchQuery(Optional.ofNullable(search.getText()),
                Set.copyOf(search.getCountries()), Set.copyOf(search.getPolicyAreas()), Set.copyOf(search.getProcedures())))) {
            result.getAuthorities().add(xml(found));
        }
        return new HubOutcome.Forward(List.of(new Outgoing(ImiDocumentType.DIRECTORY_RESULT, asker.get().accessPoint(),
                hubParty, asker.get().id(), List.of(new Outgoing.Payload(hub.write(result,
                        Hashes.name(message.messageId(), "result")), "application/xml")), "result")));
    }

    private HubOutcome register(HubMessage message, Registration registration) {
        var xml = registration.getAuthority();
        if (!xml.getId().equals(message.sender())) {
            return HubOutcome.refuse("authority " + xml.getId() + " is not the originalSender " + message.sender()
                    + ": an authority registers itself");
        }
        if (!xml.getAccessPoint().equals(message.senderParty())) {
            return HubOutcome.refuse("accessPoint " + xml.getAccessPoint() + " is not the access point "
                    + message.senderParty() + " the registration came through");
        }
        List<String> problems = new ArrayList<>();
        Authority applicant = DirectoryFiles.authority("registration of " + xml.getId(), xml, hub.procedures(), problems);
        if (!problems.isEmpty()) {
            return HubOutcome.refuse(String.join("; ", problems));
        }
        Directory.Registration outcome = hub.directory().register(applicant);
        if (outcome instanceof Directory.Registration.NotTaken notTaken) {
            return HubOutcome.refuse(notTaken.reason());
        }
        String coordinator = ((Directory.Registration.Pending) outcome).decides().authority();
        return new HubOutcome.Forward(List.of(new Outgoing(message.type(), hub.accessPointOf(coordinator).orElseThrow(),
                applicant.id(), coordinator, message.payloads(), "coordinator")));
    }

    private HubOutcome decide(HubMessage message, Decision decision) {
        if (!decision.getFrom().equals(message.sender())) {
            return HubOutcome.refuse("from " + decision.getFrom() + " is not the originalSender " + message.sender());
        }
        Authority decided;
        try {
            decided = hub.directory().decide(decision.getFrom(), decision.getAuthority(),
                    Directory.Decision.valueOf(decision.getOutcome().name()));
        } catch (DirectoryException e) {
            return HubOutcome.refuse(e.getMessage());
        }
        return new HubOutcome.Forward(List.of(new Outgoing(message.type(), decided.accessPoint(), decision.getFrom(),
                decided.id(), message.payloads(), "authority")));
    }

    private static org.imigateway.schemas.imi.directory.Authority xml(Authority authority) {
        var xml = new org.imigateway.schemas.imi.directory.Authority();
        xml.setId(authority.id());
        xml.setCountry(authority.country());
        xml.setStatus(org.imigateway.schemas.imi.directory.AuthorityStatus.fromValue(authority.status().code()));
        xml.setAccessPoint(authority.accessPoint());
        authority.region().ifPresent(xml::setRegion);
        for (Map.Entry<String, String> name : new java.util.TreeMap<>(authority.names()).entrySet()) {
            LocalisedText text = new LocalisedText();
            text.setLang(Language.fromValue(name.getKey()));
            text.setValue(name.getValue());
            xml.getNames().add(text);
        }
        for (Map.Entry<String, Set<String>> grant : new java.util.TreeMap<>(authority.grants()).entrySet()) {
            Grant g = new Grant();
            g.setPolicyArea(grant.getKey());
            g.getProcedures().addAll(new java.util.TreeSet<>(grant.getValue()));
            xml.getGrants().add(g);
        }
        return xml;
    }
}
