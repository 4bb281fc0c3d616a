package org.imigateway.pmode;

import java.nio.file.Path;
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
    private volatile KeyReload keys = ActivePModes::sameOwnSigningCertificate;

    /**
     * Reads the keys again for a set about to be put in force. {@link #prepare} refuses with an
     * IllegalArgumentException naming what does not fit (the set is not taken then); the
     * returned step is run once the set is active.
     */
    @FunctionalInterface
    public interface KeyReload {
        Runnable prepare(PModeSet candidate, PModeSet active, String self);
    }

    private ActivePModes(Path folder, String self, PModeSet first) {
        this.folder = folder;
        this.self = self;
        this.active = new AtomicReference<>(first);
    }

    public static ActivePModes load(Path folder, String self) throws PModeException {
        return new ActivePModes(folder, self, new PModeLoader().load(folder));
    }

    /**
     * Makes every reload read the keys and the trust list of partner certificates again with the
     * new set (the gateway's wiring does this once at start). Without it, a reload keeps the keys
     * and refuses a set whose own signing certificate changed.
     */
    public void reloadKeysWith(KeyReload reload) {
        this.keys = reload;
    }

    @Override
    public PModeSet get() {
        return active.get();
    }

    /**
     * Loads the folder again and makes it the active set, or refuses it and keeps the active one.
     * With {@link #reloadKeysWith} the keys and the partner certificates WSS4J looks references
     * up in are read again too, so a partner's new certificate and our rotated key are used
     * without a restart.
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
        if (loaded.party(self).isEmpty()) {
            return refuse("party '" + self + "' is missing");
        }
        Runnable takeKeys;
        try {
            takeKeys = keys.prepare(loaded, active.get(), self);
        } catch (RuntimeException e) { // a key store that does not fit, or cannot be read at all
            return refuse(e.getMessage());
        }
        active.set(loaded);
        takeKeys.run();
        String summary = loaded.parties().size() + " parties, " + loaded.legs().size() + " legs";
        LOG.info("PModes reloaded from {}: {}", folder, summary);
        return summary;
    }

    private static String refuse(String reason) {
        LOG.warn("PMode reload refused, the active set stays: {}", reason);
        throw new IllegalArgumentException("PModes not reloaded, the active set stays: " + reason);
    }

    private static Runnable sameOwnSigningCertificate(PModeSet candidate, PModeSet active, String self) {
        if (!candidate.party(self).map(Party::signingCertificate).equals(active.party(self).map(Party::signingCertificate))) {
            throw new IllegalArgumentException("the signing certificate of party '" + self + "' is not this gateway's key");
        }
        return () -> { };
    }
}
