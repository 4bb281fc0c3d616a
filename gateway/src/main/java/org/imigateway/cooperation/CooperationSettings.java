package org.imigateway.cooperation;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

import org.imigateway.config.ConfigException;
import org.imigateway.config.GatewayConfig;
import org.imigateway.directory.DirectoryFiles;

import org.imigateway.procedure.ShippedProcedures;
/**
 * The cooperation settings of {@code gateway.properties}: {@code gateway.role} ({@code hub} or
 * {@code access-point}, the default), {@code procedures.dir} (default config/procedures) and
 * {@code directory.dir} (default config/directory), relative to the home.
 */
public record CooperationSettings(Role role, Path procedures, Path directory) {

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
        return new CooperationSettings(parsed,
                home.resolve(p.getProperty("procedures.dir", ShippedProcedures.FOLDER).trim()),
                home.resolve(p.getProperty("directory.dir", DirectoryFiles.FOLDER).trim()));
    }

    public boolean isHub() {
        return role == Role.HUB;
    }
}
