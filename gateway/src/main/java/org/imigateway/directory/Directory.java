package org.imigateway.directory;

import static org.imigateway.directory.AuthorityRows.bindCoordinatorKey;
import static org.imigateway.directory.AuthorityRows.blankToEmpty;
import static org.imigateway.directory.AuthorityRows.ids;
import static org.imigateway.directory.AuthorityRows.load;
import static org.imigateway.directory.AuthorityRows.loadAll;
import static org.imigateway.directory.AuthorityRows.marks;
import static org.imigateway.directory.AuthorityRows.write;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.imigateway.port.Transactions;

/**
 * The authority directory of the hub, in the gateway's database: who the authorities are, who coordinates them,
 * who may exchange under which procedure, and the multilingual search. Registration and the
 * coordinators' decisions change it while the hub runs; the directory files of the home only
 * seed authorities it does not know yet, so a decision survives a restart.
 */
public final class Directory {

    private final Transactions database;

    public Directory(Transactions database) {
        this.database = database;
    }

    /** The answer to "may this authority take part in this procedure?". */
    public sealed interface Authorisation permits Allowed, Denied {
    }

    public record Allowed(Authority authority) implements Authorisation {
    }

    public record Denied(String reason) implements Authorisation {
    }

    public enum Decision { APPROVE, REFUSE, SUSPEND, REACTIVATE }

    /** Inserts the authority or replaces what the directory holds about it. */
    public void put(Authority authority) {
        run(connection -> {
            write(connection, authority);
            return null;
        });
    }

    /** Seeds: every authority the directory does not hold yet, and every coordinator. */
    public void seed(Collection<Authority> authorities, Collection<Coordinator> coordinators) {
        run(connection -> {
            for (Authority authority : authorities) {
                if (load(connection, authority.id()).isEmpty()) {
                    write(connection, authority);
                }
            }
            for (Coordinator coordinator : coordinators) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM coordinator WHERE authority_id = ?"
                        + " AND scope = ? AND policy_area = ? AND region = ?")) {
                    bindCoordinatorKey(delete, coordinator);
                    delete.executeUpdate();
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO coordinator (authority_id, scope,"
                        + " policy_area, region, country, incoming_alerts) VALUES (?, ?, ?, ?, ?, ?)")) {
                    bindCoordinatorKey(insert, coordinator);
                    insert.setString(5, coordinator.country());
                    insert.setBoolean(6, coordinator.incomingAlerts());
                    insert.executeUpdate();
                }
            }
            return null;
        });
    }

    public Optional<Authority> find(String id) {
        return run(connection -> load(connection, id));
    }

    /**
     * A new authority asks to join: it is recorded as pending and the coordinator responsible
     * for it must decide. Refused when the id is taken (unless by a refused registration) or no
     * coordinator is responsible.
     *
     * @return the coordinator that decides, or why the registration is not taken
     */
    public Registration register(Authority applicant) {
        return run(connection -> {
            Optional<Authority> existing = load(connection, applicant.id());
            if (existing.isPresent() && existing.get().status() != AuthorityStatus.REFUSED) {
                return new Registration.NotTaken("authority " + applicant.id() + " is already in the directory ("
                        + existing.get().status().code() + ")");
            }
            Optional<Coordinator> responsible = responsible(connection, applicant);
            if (responsible.isEmpty()) {
                return new Registration.NotTaken("no coordinator is responsible for country " + applicant.country()
                        + ": a national coordinator must be in the directory first");
            }
            write(connection, applicant.withStatus(AuthorityStatus.PENDING));
            return new Registration.Pending(responsible.get());
        });
    }

    /** The result of a registration. */
    public sealed interface Registration permits Registration.Pending, Registration.NotTaken {
        record Pending(Coordinator decides) implements Registration {
        }

        record NotTaken(String reason) implements Registration {
        }
    }

    /**
     * The coordinator that decides on an authority: a delegated coordinator of its region, else
     * one delegated for one of its policy areas, else its country's national coordinator.
     */
    public Optional<Coordinator> responsibleCoordinator(Authority authority) {
        return run(connection -> responsible(connection, authority));
    }

    /**
     * A coordinator's decision on an authority: approve or refuse a pending registration, suspend
     * an active authority, reactivate a suspended one. Only the responsible coordinator decides.
     *
     * @return the authority as it now stands
     * @throws DirectoryException naming who, what and the state when the decision is not allowed
     */
    public Authority decide(String coordinatorId, String authorityId, Decision decision) throws DirectoryException {
        return run(connection -> {
            Authority authority = load(connection, authorityId).orElseThrow(() -> new DirectoryException(
                    "authority " + authorityId + " is not in the directory"));
            Optional<Coordinator> responsible = responsible(connection, authority);
            if (responsible.isEmpty() || !responsible.get().authority().equals(coordinatorId)) {
                throw new DirectoryException(coordinatorId + " is not the coordinator responsible for " + authorityId
                        + "; " + responsible.map(c -> c.authority() + " (" + Coordinator.code(c.scope()) + ") is")
                                .orElse("no coordinator is"));
            }
            AuthorityStatus from = authority.status();
            AuthorityStatus to = switch (decision) {
                case APPROVE -> from == AuthorityStatus.PENDING ? AuthorityStatus.ACTIVE : null;
                case REFUSE -> from == AuthorityStatus.PENDING ? AuthorityStatus.REFUSED : null;
                case SUSPEND -> from == AuthorityStatus.ACTIVE ? AuthorityStatus.SUSPENDED : null;
                case REACTIVATE -> from == AuthorityStatus.SUSPENDED ? AuthorityStatus.ACTIVE : null;
            };
            if (to == null) {
                throw new DirectoryException("decision " + decision.name().toLowerCase() + " is not possible for "
                        + authorityId + " in state " + from.code());
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE authority SET status = ?, updated_at = ? WHERE authority_id = ?")) {
                update.setString(1, to.code());
                update.setTimestamp(2, Timestamp.from(Instant.now()));
                update.setString(3, authorityId);
                update.executeUpdate();
            }
            return authority.withStatus(to);
        });
    }

    /** Only active authorities that are granted the procedure send or receive under it. */
    public Authorisation authorise(String authorityId, String procedure) {
        Optional<Authority> authority = find(authorityId);
        if (authority.isEmpty()) {
            return new Denied("authority " + authorityId + " is not registered in the directory");
        }
        if (authority.get().status() != AuthorityStatus.ACTIVE) {
            return new Denied("authority " + authorityId + " is " + authority.get().status().code()
                    + ", only active authorities exchange");
        }
        if (!authority.get().isGranted(procedure)) {
            return new Denied("authority " + authorityId + " is not granted procedure " + procedure
                    + " (granted: " + authority.get().grants().values().stream().flatMap(Set::stream).sorted().toList() + ")");
        }
        return new Allowed(authority.get());
    }

    /** Active authorities matching the query, by id. */
    public List<Authority> search(SearchQuery query) {
        StringBuilder sql = new StringBuilder("SELECT a.authority_id FROM authority a WHERE a.status = 'active'");
        List<String> values = new ArrayList<>();
        if (!query.countries().isEmpty()) {
            sql.append(" AND a.country IN (").append(marks(query.countries().size())).append(')');
            values.addAll(new TreeSet<>(query.countries()));
        }
        Optional<String> folded = query.text().map(SearchFolding::fold).filter(t -> !t.isEmpty());
        if (folded.isPresent()) {
            sql.append(" AND EXISTS (SELECT 1 FROM authority_name n WHERE n.authority_id = a.authority_id"
                    + " AND n.folded LIKE ? ESCAPE '!')");
            values.add("%" + folded.get().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        if (!query.policyAreas().isEmpty()) {
            sql.append(" AND EXISTS (SELECT 1 FROM authority_grant g WHERE g.authority_id = a.authority_id"
                    + " AND g.policy_area IN (").append(marks(query.policyAreas().size())).append("))");
            values.addAll(new TreeSet<>(query.policyAreas()));
        }
        if (!query.procedures().isEmpty()) {
            sql.append(" AND EXISTS (SELECT 1 FROM authority_grant g WHERE g.authority_id = a.authority_id"
                    + " AND g.procedure_code IN (").append(marks(query.procedures().size())).append("))");
            values.addAll(new TreeSet<>(query.procedures()));
        }
        sql.append(" ORDER BY a.authority_id");
        return run(connection -> loadAll(connection, ids(connection, sql.toString(), values)));
    }

    /**
     * The recipients of an alert of {@code procedure} (policy area {@code policyArea}) sent to
     * {@code countries}: in a country with an incoming-alert coordinator for the area, that
     * coordinator; elsewhere every active authority granted the procedure. Never the sender.
     */
    public List<Authority> alertRecipients(String procedure, String policyArea, Collection<String> countries, String sender) {
        return run(connection -> {
            Set<String> ids = new LinkedHashSet<>();
            for (String country : new TreeSet<>(countries)) {
                List<String> coordinators = ids(connection, "SELECT c.authority_id FROM coordinator c JOIN authority a"
                        + " ON a.authority_id = c.authority_id WHERE c.country = ? AND c.incoming_alerts = TRUE"
                        + " AND c.policy_area = ? AND a.status = 'active' ORDER BY c.authority_id",
                        List.of(country, policyArea));
                ids.addAll(coordinators.isEmpty()
                        ? ids(connection, "SELECT a.authority_id FROM authority a JOIN authority_grant g"
                                + " ON g.authority_id = a.authority_id WHERE a.country = ? AND a.status = 'active'"
                                + " AND g.procedure_code = ? ORDER BY a.authority_id", List.of(country, procedure))
                        : coordinators);
            }
            ids.remove(sender);
            return loadAll(connection, List.copyOf(ids));
        });
    }

    public List<Coordinator> coordinators(String country) {
        return run(connection -> {
            List<Coordinator> found = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT authority_id, scope, policy_area, region,"
                    + " incoming_alerts FROM coordinator WHERE country = ? ORDER BY authority_id, scope")) {
                select.setString(1, country);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        found.add(new Coordinator(row.getString(1), country, Coordinator.scopeOf(row.getString(2)),
                                blankToEmpty(row.getString(3)), blankToEmpty(row.getString(4)), row.getBoolean(5)));
                    }
                }
            }
            return found;
        });
    }

    private Optional<Coordinator> responsible(Connection connection, Authority authority) throws SQLException {
        List<Coordinator> all = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT c.authority_id, c.scope, c.policy_area,"
                + " c.region, c.incoming_alerts FROM coordinator c JOIN authority a ON a.authority_id = c.authority_id"
                + " WHERE c.country = ? AND a.status = 'active' ORDER BY c.authority_id")) {
            select.setString(1, authority.country());
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    all.add(new Coordinator(row.getString(1), authority.country(), Coordinator.scopeOf(row.getString(2)),
                            blankToEmpty(row.getString(3)), blankToEmpty(row.getString(4)), row.getBoolean(5)));
                }
            }
        }
        Optional<Coordinator> byRegion = all.stream().filter(c -> c.scope() == Coordinator.Scope.REGION
                && c.region().isPresent() && c.region().equals(authority.region())).findFirst();
        if (byRegion.isPresent()) {
            return byRegion;
        }
        Optional<Coordinator> byArea = all.stream().filter(c -> c.scope() == Coordinator.Scope.POLICY_AREA
                && c.policyArea().map(a -> authority.grants().containsKey(a)).orElse(false))
                .min(Comparator.comparing(Coordinator::authority));
        if (byArea.isPresent()) {
            return byArea;
        }
        return all.stream().filter(c -> c.scope() == Coordinator.Scope.NATIONAL).findFirst();
    }

    private <T> T run(Transactions.Work<T> work) {
        return database.inTransaction("the directory cannot be read or written", work);
    }
}
