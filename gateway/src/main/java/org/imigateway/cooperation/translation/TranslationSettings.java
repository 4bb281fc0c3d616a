package org.imigateway.cooperation.translation;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

import org.imigateway.config.AdmissionConfig;
import org.imigateway.config.ConfigException;
import org.imigateway.config.GatewayConfig;
import org.imigateway.connectors.admission.AdmissionSettings;

/**
 * The translation settings of {@code gateway.properties}: {@code translation.mode} is
 * {@code offline} (the default: nothing leaves the hub, free text is marked untranslated) or
 * {@code http}, an eTranslation-style service at {@code translation.url}, with
 * {@code translation.user}/{@code translation.password} (HTTP Basic, optional),
 * {@code translation.application} (the caller name the service knows us by, default imi-gateway),
 * {@code translation.callback.host} (default 127.0.0.1) and {@code translation.callback.port}
 * (default 0, any free port: the callback address travels with each job) and
 * {@code translation.timeout.seconds} (default 5; then the text stays untranslated).
 */
public record TranslationSettings(Optional<Service> service, AdmissionSettings callbackAdmission) {

    /** Where the translation service is and how long to wait for it. */
    public record Service(URI url, Optional<String> authorization, String application, String callbackHost,
            int callbackPort, Duration timeout) {
    }

    public static TranslationSettings load(Path home) throws ConfigException {
        Properties p = GatewayConfig.properties(home);
        Path file = home.resolve(GatewayConfig.FILE);
        AdmissionSettings callbackAdmission = AdmissionConfig.port(p, AdmissionConfig.Port.TRANSLATION, file.toString());
        String mode = p.getProperty("translation.mode", "offline").trim();
        switch (mode.toLowerCase(Locale.ROOT)) {
            case "offline":
                return new TranslationSettings(Optional.empty(), callbackAdmission);
            case "http":
                break;
            default:
                throw new ConfigException(file + ": translation.mode=" + mode + " is not a mode; use offline or http");
        }
        String url = p.getProperty("translation.url", "").trim();
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ": translation.url=" + url + " is not a URL: " + e.getMessage());
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new ConfigException(file + ": translation.url=" + url + " must be an http or https URL (translation.mode=http)");
        }
        Optional<String> authorization = Optional.ofNullable(p.getProperty("translation.user")).map(String::trim)
                .map(user -> "Basic " + Base64.getEncoder().encodeToString((user + ":"
                        + p.getProperty("translation.password", "")).getBytes(StandardCharsets.UTF_8)));
        return new TranslationSettings(Optional.of(new Service(uri, authorization,
                p.getProperty("translation.application", "imi-gateway").trim(),
                p.getProperty("translation.callback.host", "127.0.0.1").trim(),
                number(p, file, "translation.callback.port", 0, 0, 65535),
                Duration.ofSeconds(number(p, file, "translation.timeout.seconds", 5, 1, 300)))), callbackAdmission);
    }

    private static int number(Properties p, Path file, String name, int fallback, int min, int max) throws ConfigException {
        String value = p.getProperty(name, Integer.toString(fallback)).trim();
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the range
        }
        throw new ConfigException(file + ": " + name + "=" + value + " is not a whole number from " + min + " to " + max);
    }

    /** The translator these settings describe; an http one listens for callbacks until closed. */
    public Translator open() throws java.io.IOException {
        return service.isPresent() ? HttpTranslator.start(service.get(), callbackAdmission) : Translator.offline();
    }
}
