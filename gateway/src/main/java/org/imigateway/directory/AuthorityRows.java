package org.imigateway.directory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How an authority is kept in the directory's tables (authority, its names, its grants) and read
 * back: the row mapping {@link Directory} runs inside its transactions.
 */
final class AuthorityRows {

    private AuthorityRows() {
    }

    static void write(Connection connection, Authority authority) throws SQLException {
        for (String table : List.of("authority_name", "authority_grant", "authority")) {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE authority_id = ?")) {
                delete.setString(1, authority.id());
                delete.executeUpdate();
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO authority (authority_id, country, region,"
                + " access_point, status, updated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, authority.id());
            insert.setString(2, authority.country());
            insert.setString(3, authority.region().orElse(null));
            insert.setString(4, authority.accessPoint());
            insert.setString(5, authority.status().code());
            insert.setTimestamp(6, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO authority_name (authority_id, lang, name, folded) VALUES (?, ?, ?, ?)")) {
            for (Map.Entry<String, String> name : new TreeMap<>(authority.names()).entrySet()) {
                insert.setString(1, authority.id());
                insert.setString(2, name.getKey());
                insert.setString(3, name.getValue());
                insert.setString(4, SearchFolding.fold(name.getValue()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO authority_grant (authority_id, policy_area, procedure_code) VALUES (?, ?, ?)")) {
            for (Map.Entry<String, Set<String>> grant : new TreeMap<>(authority.grants()).entrySet()) {
                for (String procedure : new TreeSet<>(grant.getValue())) {
                    insert.setString(1, authority.id());
                    insert.setString(2, grant.getKey());
                    insert.setString(3, procedure);
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
    }

    static Optional<Authority> load(Connection connection, String id) throws SQLException {
        String country;
        Optional<String> region;
        String accessPoint;
        AuthorityStatus status;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT country, region, access_point, status FROM authority WHERE authority_id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                country = row.getString(1);
                region = Optional.ofNullable(row.getString(2));
                accessPoint = row.getString(3);
                status = AuthorityStatus.ofCode(row.getString(4));
            }
        }
        Map<String, String> names = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT lang, name FROM authority_name WHERE authority_id = ? ORDER BY lang")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    names.put(row.getString(1), row.getString(2));
                }
            }
        }
        Map<String, Set<String>> grants = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT policy_area, procedure_code FROM authority_grant"
                + " WHERE authority_id = ? ORDER BY policy_area, procedure_code")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    grants.computeIfAbsent(row.getString(1), k -> new TreeSet<>()).add(row.getString(2));
                }
            }
        }
        return Optional.of(new Authority(id, country, names, region, accessPoint, status, grants));
    }

    static List<Authority> loadAll(Connection connection, List<String> ids) throws SQLException {
        List<Authority> found = new ArrayList<>();
        for (String id : ids) {
            load(connection, id).ifPresent(found::add);
        }
        return found;
    }

    static List<String> ids(Connection connection, String sql, List<String> values) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.size(); i++) {
                select.setString(i + 1, values.get(i));
            }
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    ids.add(row.getString(1));
                }
            }
        }
        return ids;
    }

    static void bindCoordinatorKey(PreparedStatement statement, Coordinator coordinator) throws SQLException {
        statement.setString(1, coordinator.authority());
        statement.setString(2, Coordinator.code(coordinator.scope()));
        statement.setString(3, coordinator.policyArea().orElse(""));
        statement.setString(4, coordinator.region().orElse(""));
    }

    static Optional<String> blankToEmpty(String value) {
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    static String marks(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }
}
