package org.imigateway.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Optional;

import org.imigateway.config.ConfigException;
import org.imigateway.config.GatewayConfig;
import org.imigateway.ops.SubmitSettings;

import picocli.CommandLine.Option;

/**
 * How {@code send} and {@code status} reach a running gateway's submission endpoint: its
 * address ({@code --url}, or {@code --gateway} reading {@code submit.host} and {@code submit.port}
 * from the node's home), the certificate it must present ({@code --trust}, or the home's own TLS
 * certificate) and the operator token ({@code --token-file}, else {@code IMI_GATEWAY_TOKEN}).
 */
final class RemoteOptions {

    static final String TOKEN_VARIABLE = "IMI_GATEWAY_TOKEN";

    @Option(names = "--url", paramLabel = "URL", description = "Submission endpoint of a running gateway or cluster,"
            + " e.g. https://127.0.0.1:9443 (its submit.port).")
    URI url;

    @Option(names = "--gateway", paramLabel = "HOME", description = "Home of a running node: its submission endpoint"
            + " (submit.host, submit.port) and its TLS certificate, unless --url or --trust say otherwise.")
    Path gateway;

    @Option(names = "--trust", paramLabel = "CERT", description = "The gateway's TLS certificate (PEM or DER); the only"
            + " one accepted. Default with --gateway: the home's own.")
    Path trust;

    @Option(names = "--token-file", paramLabel = "FILE", description = "File holding the operator token"
            + " (default: the environment variable " + TOKEN_VARIABLE + ").")
    Path tokenFile;

    /** True when the command should go to a running gateway rather than open a stopped home. */
    boolean remote() {
        return url != null || gateway != null;
    }

    RemoteGateway connect() throws RemoteGateway.RemoteException, ConfigException {
        return RemoteGateway.connect(base(), certificate(), token());
    }

    private URI base() throws RemoteGateway.RemoteException, ConfigException {
        if (url != null) {
            if (!"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
                throw new RemoteGateway.RemoteException("--url " + url + " is not an https://host:port address",
                        ExitCodes.USAGE);
            }
            return url;
        }
        SubmitSettings settings = SubmitSettings.load(gateway);
        if (settings.port() <= 0) {
            throw new RemoteGateway.RemoteException("the home " + gateway + " has no fixed submission endpoint (submit.port="
                    + settings.port() + " in " + GatewayConfig.FILE + "): set submit.port there, or give --url", ExitCodes.USAGE);
        }
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return URI.create("https://" + host + ":" + settings.port());
    }

    private X509Certificate certificate() throws RemoteGateway.RemoteException, ConfigException {
        if (trust != null) {
            try (InputStream in = Files.newInputStream(trust)) {
                return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            } catch (IOException | CertificateException e) {
                throw new RemoteGateway.RemoteException("--trust " + trust + " is not a readable certificate: " + e.getMessage(),
                        ExitCodes.USAGE);
            }
        }
        if (gateway == null) {
            throw new RemoteGateway.RemoteException("--url needs the gateway's TLS certificate: give --trust CERT, or"
                    + " --gateway HOME to use the home's own", ExitCodes.USAGE);
        }
        return GatewayJmxClient.gatewayCertificate(GatewayConfig.load(gateway));
    }

    private String token() throws RemoteGateway.RemoteException {
        Optional<String> token;
        if (tokenFile != null) {
            try {
                token = Optional.of(Files.readString(tokenFile, StandardCharsets.UTF_8).trim());
            } catch (IOException e) {
                throw new RemoteGateway.RemoteException("--token-file " + tokenFile + " cannot be read: " + e.getMessage(),
                        ExitCodes.USAGE);
            }
        } else {
            token = Optional.ofNullable(System.getenv(TOKEN_VARIABLE)).map(String::trim);
        }
        return token.filter(t -> !t.isEmpty()).orElseThrow(() -> new RemoteGateway.RemoteException(
                "no operator token: give --token-file FILE or set " + TOKEN_VARIABLE
                        + " (`imi-gateway token --operator NAME` makes one)", ExitCodes.USAGE));
    }
}
