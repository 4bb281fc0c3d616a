package org.imigateway.ops;

import java.io.ByteArrayInputStream;
import java.rmi.AccessException;
import java.rmi.Remote;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.UnicastRemoteObject;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * What a local attacker runs in a process of its own: it reaches the gateway's JMX registry
 * over TLS (the gateway's certificate is public) and tries to bind, rebind and unbind. One
 * line per attempt: {@code <operation> REFUSED <why>}, {@code ACCEPTED} or {@code FAILED <error>}.
 * Arguments: host, port, the gateway's TLS certificate (DER, base64).
 */
public final class RegistryWriter {

    /** A remote object of the attacker's that it would like clients to find. */
    private static final class Decoy implements Remote {
    }

    private interface Attempt {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        X509Certificate gateway = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(args[2])));
        Registry registry = LocateRegistry.getRegistry(args[0], Integer.parseInt(args[1]), new TlsClientSockets(gateway));
        Remote decoy = UnicastRemoteObject.exportObject(new Decoy(), 0);
        attempt("bind", () -> registry.bind("jmxrmi-decoy", decoy));
        attempt("rebind", () -> registry.rebind(RemoteJmx.BINDING, decoy));
        attempt("unbind", () -> registry.unbind(RemoteJmx.BINDING));
        System.out.println("list " + String.join(",", registry.list()));
        System.exit(0);
    }

    private static void attempt(String operation, Attempt attempt) {
        try {
            attempt.run();
            System.out.println(operation + " ACCEPTED");
        } catch (AccessException e) {
            System.out.println(operation + " REFUSED " + e.getMessage());
        } catch (Exception e) {
            System.out.println(operation + " FAILED " + e);
        }
    }
}
