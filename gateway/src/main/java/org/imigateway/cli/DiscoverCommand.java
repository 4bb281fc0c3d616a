package org.imigateway.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.imigateway.config.ConfigException;
import org.imigateway.config.GatewayConfig;
import org.imigateway.discovery.Discovery;
import org.imigateway.discovery.DiscoveryException;
import org.imigateway.discovery.DiscoveryFactory;
import org.imigateway.discovery.Endpoint;
import org.imigateway.discovery.ParticipantId;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code discover}: the lookup a dynamic leg would make, printed step by step, so an operator
 * can see which SMP, endpoint and certificate would be used, or why none.
 */
@Command(name = "discover", mixinStandardHelpOptions = true, description = "Look a participant up through the SML/BDXL"
        + " and its SMP as a dynamic send would (discovery.* settings of the home) and print what would be used and why.")
public final class DiscoverCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<participant>", description = "scheme::value, e.g. iso6523-actorid-upis::0088:5798000000001")
    String participant;

    @Option(names = "--document-type", required = true, description = "Document type identifier, scheme::value.")
    String documentType;

    @Option(names = "--process", required = true, description = "Process identifier, scheme::value.")
    String process;

    @Option(names = "--home", defaultValue = ImiGatewayCommand.DEFAULT_HOME, description = "Gateway home folder (default: ${DEFAULT-VALUE}).")
    Path home;

    @Override
    public Integer call() {
        ParticipantId id;
        try {
            id = ParticipantId.parse(participant);
        } catch (IllegalArgumentException e) {
            System.err.println("<participant> " + participant + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Optional<Discovery> discovery;
        try {
            discovery = DiscoveryFactory.open(GatewayConfig.load(home), new SimpleMeterRegistry());
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return ExitCodes.REFUSED;
        }
        if (discovery.isEmpty()) {
            System.err.println(home.resolve(GatewayConfig.FILE) + ": discovery is off: set discovery.sml.zone or"
                    + " discovery.smp.url (docs/discovery.md)");
            return ExitCodes.REFUSED;
        }
        try {
            Discovery.Answer answer = discovery.get().lookup(id, Endpoint.DocumentType.parse(documentType),
                    Endpoint.Process.parse(process));
            Endpoint e = answer.endpoint();
            System.out.println("participant       " + e.participant());
            System.out.println("document type     " + e.documentType());
            System.out.println("process           " + e.process());
            System.out.println("SMP               " + e.smp() + " (answer signature verified against discovery.smp.truststore)");
            System.out.println("endpoint          " + e.address());
            System.out.println("transport profile " + e.transportProfile());
            System.out.println("certificate       " + e.certificate().getSubjectX500Principal().getName() + ", issued by "
                    + e.certificate().getIssuerX500Principal().getName() + ", valid until "
                    + e.certificate().getNotAfter().toInstant() + " (chains to trust.store)");
            System.out.println("active            " + e.activation().map(Object::toString).orElse("(no start)") + " to "
                    + e.expiration().map(Object::toString).orElse("(no end)"));
            System.out.println("answer from       " + answer.source() + ", usable until " + answer.expires());
            return ExitCodes.OK;
        } catch (DiscoveryException e) {
            System.err.println("no endpoint (" + e.cause().outcome() + "): " + e.getMessage());
            return ExitCodes.REFUSED;
        }
    }
}
