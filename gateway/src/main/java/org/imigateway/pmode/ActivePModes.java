package org.imigateway.pmode;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PMode set in force, swapped whole when the folder is reloaded: every reader asks
 * {@link #get} at the moment it needs the set, so a message already queued is sent by the set
 * active when it is picked up. A reload that would leave this gateway without its own party, or
 * with another signing certificate than its key, is refused and the active set stays.
 */
public final class ActivePModes implements Supplier<PModeSet> {

    private static final Logger LOG = LoggerFactory.getLogger(ActivePModes.class);

    private final Path folder;
    private final String self;
    private final AtomicReference<PModeSet> active;

    private ActivePModes(Path folder, String self, PModeSet first) {
        this.folder = folder;
        this.self = self;
        this.active = new AtomicReference<>(first);
    }

    public static ActivePModes load(Path folder, String self) throws PModeException {
        return new ActivePModes(folder, self, new PModeLoader().load(folder));
    }

    @Override
    public PModeSet get() {
        return active.get();
    }

    /**
     * Loads the folder again and makes it the active set, or refuses it and keeps the active one.
     * Keys and the trust list of partner certificates are read at start-up only: a new partner's
     * certificates are trusted after a restart.
     *
     * @return a one-line summary of the new set
     * @throws IllegalArgumentException naming what is wrong with the files
     */
    public synchronized String reload() {
        PModeSet loaded;
        try {
            loaded = new PModeLoader().load(folder);
        } catch (PModeException | RuntimeException e) {
            LOG.warn("PMode reload refused, the active set stays: {}", e.getMessage());
            throw new IllegalArgumentException("PModes not reloaded, the active set stays: " + e.getMessage());
        }
        Optional<Party> party = loaded.party(self);
        if (party.isEmpty() || !party.get().signingCertificate().equals(active.get().party(self)
                .map(Party::signingCertificate).orElse(null))) {
            String reason = party.isEmpty() ? "party '" + self + "' is missing"
                    : "the signing certificate of party '" + self + "' is not this gateway's key";
            LOG.warn("PMode reload refused, the active set stays: {}", reason);
            throw new IllegalArgumentException("PModes not reloaded, the active set stays: " + reason);
        }
        active.set(loaded);
        String summary = loaded.parties().size() + " parties, " + loaded.legs().size() + " legs";
        LOG.info("PModes reloaded from {}: {}", folder, summary);
        return summary;
    }
}
