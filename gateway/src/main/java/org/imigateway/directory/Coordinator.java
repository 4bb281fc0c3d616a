package org.imigateway.directory;

import java.util.Optional;

/**
 * A coordinator: an authority of the directory that registers and validates others. One
 * national coordinator per country; delegated ones for a policy area or a region, so that
 * centralised, decentralised and mixed set-ups can all be described. One with
 * {@code incomingAlerts} receives its country's alerts of its policy area and passes them on.
 */
public record Coordinator(String authority, String country, Scope scope, Optional<String> policyArea,
        Optional<String> region, boolean incomingAlerts) {

    public enum Scope { NATIONAL, POLICY_AREA, REGION }

    public static String code(Scope scope) {
        return scope.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static Scope scopeOf(String code) {
        return Scope.valueOf(code.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }
}
