package org.imigateway.route;

import static org.imigateway.GatewayParts.partsOf;

import java.nio.file.Path;

import org.apache.camel.builder.AdviceWith;
import org.imigateway.Gateway;

/**
 * A receiving gateway in a JVM of its own for {@link OutOfMemoryExitTest}. Arguments: home, then
 * {@code oom} to make its first delivery run out of heap for real (an allocation larger than the heap,
 * so the JVM itself raises the OutOfMemoryError and {@code -XX:+ExitOnOutOfMemoryError} applies; an
 * Error thrown by code would not trigger the flag). Prints READY once listening.
 */
public final class OutOfMemoryNode {

    private OutOfMemoryNode() {
    }

    public static void main(String[] args) throws Exception {
        Gateway gateway = Gateway.start(Path.of(args[0]));
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close));
        if (args.length > 1 && args[1].equals("oom")) {
            AdviceWith.adviceWith(partsOf(gateway).camel(), "deliver-" + GatewayRoutes.DEFAULT_BACKEND, route -> route
                    .weaveById("deliverToBackend").before().process(exchange -> {
                        System.out.println("ALLOCATING beyond the heap of " + Runtime.getRuntime().maxMemory() + " bytes");
                        long[] hog = new long[(int) Math.min(Integer.MAX_VALUE - 16, Runtime.getRuntime().maxMemory() / 4)];
                        System.out.println("NOT REACHED " + hog.length);
                    }));
        }
        System.out.println("exitsOnOutOfMemoryError=" + org.imigateway.ops.JvmOptions.exitsOnOutOfMemoryError());
        System.out.println("READY " + gateway.partyName());
        Thread.currentThread().join();
    }
}
