package org.imigateway.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.imigateway.config.GatewayConfig;
import org.imigateway.ops.UntrustedJmxServerException;
import org.imigateway.pmode.Leg;
import org.imigateway.pmode.PModeLoader;
import org.imigateway.pmode.PModeSet;
import org.imigateway.pmode.Party;
import org.imigateway.pmode.PartnerFiles;
import org.imigateway.pmode.SecurityProfile;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code partner add|list|remove}: the access points of other operators a home exchanges with,
 * kept in PMode files of their own so that no PMode XML or key store is edited by hand.
 */
@Command(name = "partner", mixinStandardHelpOptions = true,
        description = "Add, list or remove the partner access points of a gateway home.",
        subcommands = {PartnerCommand.Add.class, PartnerCommand.ListParties.class, PartnerCommand.Remove.class})
public final class PartnerCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    private static PartnerFiles files(GatewayConfig config) {
        return new PartnerFiles(config.pmodes(), config.trustStore(), config.trustStorePassword(),
                config.partyName());
    }

    /** A gateway of this home running with remote JMX reloads its PModes now; else the change waits for its start. */
    private static void reloadRunning(GatewayConfig config) {
        try {
            Optional<GatewayJmxClient> running = GatewayJmxClient.connect(config);
            if (running.isEmpty()) {
                System.out.println("No running gateway reached over remote JMX (jmx.port): the change takes effect when"
                        + " the gateway starts, or reload its PModes then (JMX operation reloadPModes).");
                return;
            }
            try (GatewayJmxClient client = running.get()) {
                System.out.println("running gateway reloaded its PModes: " + client.gateway().reloadPModes());
            }
        } catch (UntrustedJmxServerException e) {
            System.err.println("refused to log in to remote JMX: " + e.getMessage());
        } catch (Exception e) {
            System.err.println("the running gateway did not reload its PModes: " + e.getMessage());
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a partner access point: party id, endpoint, certificates (PEM or DER) and the legs it may"
                    + " use. The certificates are checked against the home's trust anchors first; nothing is written"
                    + " when a check fails.")
    static final class Add implements Callable<Integer> {

        @Option(names = "--home", required = true, description = "The gateway home.")
        Path home;

        @Option(names = "--name", required = true, description = "The partner's party name in the PModes.")
        String name;

        @Option(names = "--party-id", description = "Its ebMS PartyId (default: the name).")
        String partyId;

        @Option(names = "--party-id-type", description = "The PartyId's type (default"
                + " urn:oasis:names:tc:ebcore:partyid-type:unregistered).")
        String partyIdType;

        @Option(names = "--endpoint", required = true, description = "Its AS4 endpoint URL (http or https).")
        String endpoint;

        @Option(names = "--signing-certificate", required = true, paramLabel = "FILE",
                description = "The certificate it signs with (PEM or DER).")
        Path signing;

        @Option(names = "--encryption-certificate", paramLabel = "FILE", description = "The certificate we encrypt for"
                + " (PEM or DER); the signing certificate when not given, as eDelivery AS4 1.15 allows.")
        Path encryption;

        @Option(names = "--profile-certificates", paramLabel = "PROFILE=SIGNING[:ENCRYPTION]", description = "The"
                + " certificates of an AS4 2.0 profile (edelivery-2.0-eddsa, edelivery-2.0-ecdsa); repeat per profile.")
        List<String> profileCertificates = new ArrayList<>();

        @Option(names = "--leg", required = true, paramLabel = "service=URN,action=NAME,agreement=URN[,serviceType=T]"
                + "[,profile=ID][,retry=SPEC]", description = "A leg the partner may use (repeat); an existing leg with"
                + " the same service, action and agreement is shared, a new one is written with this gateway and the"
                + " partner as its initiators, retrying as retry= says in the PMode notation (minutes:"
                + " TIMEOUT;COUNT;CONSTANT or TIMEOUT;INITIAL;FACTOR;PROGRESSIVE; default 60;1;2;PROGRESSIVE).")
        List<String> legs;

        @Override
        public Integer call() throws Exception {
            PartnerFiles.NewPartner partner;
            try {
                Map<SecurityProfile, List<Path>> profiles = new EnumMap<>(SecurityProfile.class);
                for (String value : profileCertificates) {
                    int eq = value.indexOf('=');
                    Optional<SecurityProfile> profile = eq < 0 ? Optional.empty()
                            : SecurityProfile.byId(value.substring(0, eq));
                    if (profile.isEmpty() || profile.get() == SecurityProfile.EDELIVERY_1_15) {
                        throw new IllegalArgumentException("--profile-certificates '" + value
                                + "': expected edelivery-2.0-eddsa=SIGNING[:ENCRYPTION] or edelivery-2.0-ecdsa=...");
                    }
                    profiles.put(profile.get(), java.util.Arrays.stream(value.substring(eq + 1).split(":"))
                            .map(Path::of).toList());
                }
                URI uri;
                try {
                    uri = new URI(endpoint);
                } catch (URISyntaxException e) {
                    throw new IllegalArgumentException("--endpoint '" + endpoint + "' is not a URL: " + e.getMessage());
                }
                partner = new PartnerFiles.NewPartner(name, partyId == null ? name : partyId,
                        Optional.ofNullable(partyIdType), uri, signing, Optional.ofNullable(encryption), profiles,
                        legs.stream().map(PartnerFiles.LegSpec::parse).toList());
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                return ExitCodes.USAGE;
            }
            GatewayConfig config = GatewayConfig.load(home);
            List<String> done;
            try {
                done = files(config).add(partner);
            } catch (IllegalArgumentException e) {
                System.err.println("partner '" + name + "' not added: " + e.getMessage());
                return ExitCodes.REFUSED;
            }
            System.out.println("partner '" + name + "' added:");
            done.forEach(line -> System.out.println("  " + line));
            reloadRunning(config);
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the parties of a home's PModes: endpoint, certificate and the legs each may send on.")
    static final class ListParties implements Callable<Integer> {

        @Option(names = "--home", required = true, description = "The gateway home.")
        Path home;

        @Override
        public Integer call() throws Exception {
            GatewayConfig config = GatewayConfig.load(home);
            PModeSet pmodes = new PModeLoader().load(config.pmodes());
            PartnerFiles files = files(config);
            for (Party party : pmodes.parties()) {
                String origin = party.name().equals(config.partyName()) ? "this gateway"
                        : files.addedByCommand(party.name()) ? "added by partner add" : "PMode file";
                X509Certificate signing = party.signingCertificate();
                System.out.printf("%s (%s)%n  party id  %s%n  endpoint  %s%n  signing   %s, until %s%n"
                                + "  encryption %s%n  legs      %s%n",
                        party.name(), origin, party.partyId().value(),
                        party.endpoint().map(URI::toString).orElse("(none)"),
                        signing.getSubjectX500Principal().getName(), signing.getNotAfter().toInstant(),
                        party.encryptionCertificate().equals(signing) ? "the signing certificate"
                                : party.encryptionCertificate().getSubjectX500Principal().getName(),
                        String.join(", ", pmodes.legs().stream().filter(l -> l.allowsInitiator(party.name()))
                                .map(Leg::id).toList()));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove a partner added by `partner add`: its PMode file and certificates.")
    static final class Remove implements Callable<Integer> {

        @Option(names = "--home", required = true, description = "The gateway home.")
        Path home;

        @Option(names = "--name", required = true, description = "The partner's party name.")
        String name;

        @Override
        public Integer call() throws Exception {
            GatewayConfig config = GatewayConfig.load(home);
            try {
                files(config).remove(name).forEach(line -> System.out.println("  " + line));
            } catch (IllegalArgumentException e) {
                System.err.println("partner '" + name + "' not removed: " + e.getMessage());
                return ExitCodes.REFUSED;
            }
            reloadRunning(config);
            return ExitCodes.OK;
        }
    }
}
