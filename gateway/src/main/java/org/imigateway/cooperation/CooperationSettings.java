package org.imigateway.cooperation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

import org.imigateway.config.ConfigException;
import org.imigateway.config.GatewayConfig;
import org.imigateway.directory.DirectoryFiles;

import org.imigateway.procedure.ShippedProcedures;
/**
 * The cooperation settings of {@code gateway.properties}: {@code gateway.role} ({@code hub} or
 * {@code access-point}, the default), {@code procedures.dir} (default config/procedures) and
 * {@code directory.dir} (default config/directory), relative to the home, and
 * {@code overdue.checkSeconds} (default 60, 1 to 3600): how often the hub looks for requests
 * whose answer-by date has passed.
 */
public record CooperationSettings(Role role, Path procedures, Path directory, Duration overdueCheck) {

    public enum Role { HUB, ACCESS_POINT }

    public static CooperationSettings load(Path home) throws ConfigException {
        Properties p = GatewayConfig.properties(home);
        String role = p.getProperty("gateway.role", "access-point").trim();
        Role parsed = switch (role.toLowerCase(Locale.ROOT)) {
            case "hub" -> Role.HUB;
            case "access-point" -> Role.ACCESS_POINT;
            default -> throw new ConfigException(home.resolve(GatewayConfig.FILE) + ": gateway.role=" + role
                    + " is not a role; use hub or access-point");
        };
        String check = p.getProperty("overdue.checkSeconds", "60").trim();
        long seconds;
        try {
            seconds = Long.parseLong(check);
        } catch (NumberFormatException e) {
            seconds = 0;
        }
        if (seconds < 1 || seconds > 3600) {
            throw new ConfigException(home.resolve(GatewayConfig.FILE) + ": overdue.checkSeconds=" + check
                    + " is not a number of seconds from 1 to 3600");
        }
        return new CooperationSettings(parsed,
                home.resolve(p.getProperty("procedures.dir", ShippedProcedures.FOLDER).trim()),
                home.resolve(p.getProperty("directory.dir", DirectoryFiles.FOLDER).trim()), Duration.ofSeconds(seconds));
    }

    public boolean isHub() {
        return role == Role.HUB;
    }
}
