package org.imigateway.as4;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.imigateway.config.ConfigException;
import org.imigateway.config.GatewayConfig;
import org.slf4j.Logger;

/**
 * TEST-ONLY faults that make this gateway break the AS4 profile on purpose, so the conformance
 * suite can show it catches them (issue #7, "the suite catches faults"). All off by default;
 * each is a {@code gateway.properties} key:
 * <pre>
 *   testing.fault.skipSignatureCheck=true   accept messages whatever their signature (none, broken, untrusted)
 *   testing.fault.unsignedReceipts=true     answer with receipts that carry no signature
 *   testing.fault.deliverDuplicates=true    deliver a repeated MessageId to the backend again
 * </pre>
 * Never set them on a gateway that carries real traffic; the gateway says so loudly at start.
 */
public record ConformanceFaults(boolean skipSignatureCheck, boolean unsignedReceipts, boolean deliverDuplicates) {

    public static final ConformanceFaults NONE = new ConformanceFaults(false, false, false);

    private static final String PREFIX = "testing.fault.";

    public static ConformanceFaults load(Path home) throws ConfigException {
        Properties properties = GatewayConfig.properties(home);
        return new ConformanceFaults(flag(properties, "skipSignatureCheck"), flag(properties, "unsignedReceipts"),
                flag(properties, "deliverDuplicates"));
    }

    public boolean any() {
        return skipSignatureCheck || unsignedReceipts || deliverDuplicates;
    }

    /** One warning per fault switched on, so nobody runs a broken gateway by accident. */
    public void warn(Logger log) {
        List<String> on = new ArrayList<>();
        if (skipSignatureCheck) {
            on.add(PREFIX + "skipSignatureCheck: signatures are NOT checked");
        }
        if (unsignedReceipts) {
            on.add(PREFIX + "unsignedReceipts: receipts are NOT signed");
        }
        if (deliverDuplicates) {
            on.add(PREFIX + "deliverDuplicates: repeated MessageIds ARE delivered again");
        }
        for (String fault : on) {
            log.warn("!!! TEST-ONLY FAULT ON, this gateway breaks the AS4 profile on purpose: {} !!!", fault);
        }
    }

    private static boolean flag(Properties properties, String name) throws ConfigException {
        String value = properties.getProperty(PREFIX + name, "false").trim();
        if (!value.equals("true") && !value.equals("false")) {
            throw new ConfigException(GatewayConfig.FILE + ": " + PREFIX + name + "=" + value + " must be true or false");
        }
        return Boolean.parseBoolean(value);
    }
}
