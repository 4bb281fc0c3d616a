package org.imigateway.certificates.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

/** The {@code --host} option shared by {@code init} and {@code issue}. */
class HostNameOption {

    /** What a gateway on a developer's machine is reached by. */
    static final List<String> DEFAULT_HOSTS = List.of("localhost", "127.0.0.1");

    @Option(names = "--host", paramLabel = "NAME",
            description = "Host name or IP address of the TLS server certificate; repeatable. Default: localhost and 127.0.0.1.")
    List<String> hosts = new ArrayList<>();

    List<String> hostsOrDefault() {
        return hosts.isEmpty() ? DEFAULT_HOSTS : List.copyOf(hosts);
    }
}
