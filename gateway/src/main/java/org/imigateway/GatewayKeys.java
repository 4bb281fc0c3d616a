package org.imigateway;

import static org.imigateway.certificates.PartyKit.ENCRYPTION_ALIAS;
import static org.imigateway.certificates.PartyKit.SIGNING_ALIAS;
import static org.imigateway.certificates.PartyKit.TLS_CLIENT_ALIAS;
import static org.imigateway.certificates.PartyKit.TLS_SERVER_ALIAS;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.imigateway.as4.Cryptos;
import org.imigateway.as4.KeyMaterial;
import org.imigateway.as4.ProfileKeys;
import org.imigateway.as4.RetiredKey;
import org.imigateway.as4.TlsSettings;
import org.imigateway.certificates.Stores;
import org.imigateway.config.ConfigException;
import org.imigateway.config.GatewayConfig;
import org.imigateway.pmode.Leg;
import org.imigateway.pmode.PModeSet;
import org.imigateway.pmode.Party;
import org.imigateway.pmode.SecurityProfile;

/**
 * This gateway's keys and trust, read from the home's key and trust stores and checked against
 * the PModes at start: every security profile a leg uses has our key pair, and our signing
 * certificates are the ones our party has in the PModes (else partners would refuse us).
 */
record GatewayKeys(GatewayConfig config, KeyStore keys, KeyMaterial material, Cryptos cryptos,
        List<X509Certificate> anchors, List<RetiredKey> retired) {

    /** Key store aliases under which our earlier encryption keys are kept for decryption only. */
    static final String RETIRED_PREFIX = "retired-";

    static GatewayKeys load(GatewayConfig config, PModeSet pmodes) throws ConfigException {
        Party self = pmodes.party(config.partyName()).orElseThrow(() -> new ConfigException(config.home()
                .resolve(GatewayConfig.FILE) + ": gateway.party=" + config.partyName() + " is not a party in the PModes"));
        KeyStore keys = Stores.read(config.keyStore(), config.keyStorePassword());
        List<X509Certificate> anchors = trusted(Stores.read(config.trustStore(), config.trustStorePassword()));
        List<X509CRL> crls = config.crl().map(p -> List.of(Stores.readCrl(p))).orElse(List.of());
        KeyMaterial material = new KeyMaterial(
                key(keys, SIGNING_ALIAS, config), chain(keys, SIGNING_ALIAS),
                key(keys, ENCRYPTION_ALIAS, config), chain(keys, ENCRYPTION_ALIAS), anchors, crls,
                profileKeys(keys, config));
        for (SecurityProfile profile : pmodes.legs().stream().map(Leg::securityProfile).distinct().toList()) {
            ProfileKeys own = material.keys(profile).orElseThrow(() -> new ConfigException(config.keyStore()
                    + ": has no keys under aliases '" + profile.signingAlias() + "' and '" + profile.encryptionAlias()
                    + "', which a leg with security profile " + profile.id() + " needs"));
            X509Certificate listed = self.certificates(profile).orElseThrow(() -> new ConfigException("party '"
                    + self.name() + "' (this gateway) has no " + profile.id() + " certificates in the PModes"))
                    .signing();
            if (!own.signingCertificate().equals(listed)) {
                throw new ConfigException("the " + profile.id() + " signing certificate in " + config.keyStore()
                        + " (alias '" + profile.signingAlias() + "') is not the one party '" + self.name()
                        + "' has in the PModes");
            }
        }
        if (!material.signingCertificate().equals(self.signingCertificate())) {
            throw new ConfigException("the signing certificate in " + config.keyStore() + " is not the one party '"
                    + self.name() + "' has in the PModes");
        }
        List<RetiredKey> retired = retiredKeys(keys, config);
        return new GatewayKeys(config, keys, material, new Cryptos(material, partners(pmodes), retired), anchors,
                retired);
    }

    /**
     * Reads the key and trust stores again and checks them against {@code pmodes}, the set about
     * to be put in force; {@link #commit} then hands them to the running parts. So a rotated own
     * key and a partner's new certificate are used without a restart, by the same reload.
     *
     * @throws IllegalArgumentException naming what does not fit; nothing is changed then
     */
    GatewayKeys reread(PModeSet pmodes) {
        try {
            GatewayKeys fresh = load(config, pmodes);
            return new GatewayKeys(config, fresh.keys, fresh.material, cryptos, fresh.anchors, fresh.retired);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Puts keys read by {@link #reread} in force: the next signature, decryption and verification use them. */
    void commit(PModeSet pmodes) {
        cryptos.replaceWith(material, partners(pmodes), retired);
    }

    private static List<X509Certificate> partners(PModeSet pmodes) {
        List<X509Certificate> partners = new ArrayList<>();
        for (Party party : pmodes.parties()) {
            partners.addAll(party.allCertificates());
        }
        return partners;
    }

    /** Every private key under an alias starting with {@value #RETIRED_PREFIX}. */
    private static List<RetiredKey> retiredKeys(KeyStore keys, GatewayConfig config) throws ConfigException {
        List<RetiredKey> retired = new ArrayList<>();
        try {
            for (String alias : Collections.list(keys.aliases())) {
                if (alias.startsWith(RETIRED_PREFIX) && keys.isKeyEntry(alias)) {
                    retired.add(new RetiredKey(alias, key(keys, alias, config), chain(keys, alias)));
                }
            }
        } catch (KeyStoreException e) {
            throw new ConfigException(config.keyStore() + ": cannot list its aliases: " + e.getMessage(), e);
        }
        return retired;
    }

    /** TLS as a client of partners: our client key when there is one, the trust anchors. */
    TlsSettings clientTls() throws ConfigException {
        return tls(TLS_CLIENT_ALIAS);
    }

    /** TLS as a server (AS4 HTTPS, public interface, web service backend, remote JMX). */
    TlsSettings serverTls() throws ConfigException {
        return tls(TLS_SERVER_ALIAS);
    }

    /** Our certificates by alias as they are in force now (after any reload), for the expiry warnings. */
    Map<String, X509Certificate> ownCertificates() {
        Map<String, X509Certificate> own = new LinkedHashMap<>();
        own.put(SIGNING_ALIAS, cryptos.keys().signingCertificate());
        own.put(ENCRYPTION_ALIAS, cryptos.keys().encryptionCertificate());
        cryptos.retired().forEach(key -> own.put(key.alias(), key.certificate()));
        for (String alias : List.of(TLS_SERVER_ALIAS, TLS_CLIENT_ALIAS)) {
            List<X509Certificate> chain = optionalChain(keys, alias);
            if (!chain.isEmpty()) {
                own.put(alias, chain.get(0));
            }
        }
        return own;
    }

    private TlsSettings tls(String alias) throws ConfigException {
        return new TlsSettings(optionalKey(keys, alias, config), optionalChain(keys, alias), anchors,
                config.tlsProtocols(), config.tlsCipherSuites());
    }

    private static List<X509Certificate> trusted(KeyStore trust) throws ConfigException {
        try {
            List<X509Certificate> anchors = new ArrayList<>();
            for (String alias : Collections.list(trust.aliases())) {
                if (trust.isCertificateEntry(alias)) {
                    anchors.add((X509Certificate) trust.getCertificate(alias));
                }
            }
            if (anchors.isEmpty()) {
                throw new ConfigException("the trust store holds no trusted certificate");
            }
            return anchors;
        } catch (KeyStoreException e) {
            throw new ConfigException("the trust store cannot be read: " + e.getMessage(), e);
        }
    }

    /** The AS4 2.0 key pairs present in the party key store; a store from before 2.0 has none. */
    private static Map<SecurityProfile, ProfileKeys> profileKeys(KeyStore keys, GatewayConfig config)
            throws ConfigException {
        Map<SecurityProfile, ProfileKeys> found = new EnumMap<>(SecurityProfile.class);
        for (SecurityProfile profile : SecurityProfile.values()) {
            if (profile == SecurityProfile.EDELIVERY_1_15) {
                continue;
            }
            Optional<PrivateKey> signing = optionalKey(keys, profile.signingAlias(), config);
            Optional<PrivateKey> encryption = optionalKey(keys, profile.encryptionAlias(), config);
            if (signing.isPresent() && encryption.isPresent()) {
                found.put(profile, new ProfileKeys(signing.get(), chain(keys, profile.signingAlias()),
                        encryption.get(), chain(keys, profile.encryptionAlias())));
            }
        }
        return found;
    }

    private static PrivateKey key(KeyStore keys, String alias, GatewayConfig config) throws ConfigException {
        return optionalKey(keys, alias, config).orElseThrow(() -> new ConfigException(config.keyStore()
                + ": has no private key under alias '" + alias + "'"));
    }

    private static Optional<PrivateKey> optionalKey(KeyStore keys, String alias, GatewayConfig config)
            throws ConfigException {
        try {
            return Optional.ofNullable((PrivateKey) keys.getKey(alias, config.keyStorePassword()));
        } catch (java.security.GeneralSecurityException e) {
            throw new ConfigException(config.keyStore() + ": key '" + alias + "' cannot be read: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> chain(KeyStore keys, String alias) throws ConfigException {
        List<X509Certificate> chain = optionalChain(keys, alias);
        if (chain.isEmpty()) {
            throw new ConfigException("the key store has no certificate chain under alias '" + alias + "'");
        }
        return chain;
    }

    private static List<X509Certificate> optionalChain(KeyStore keys, String alias) {
        try {
            Certificate[] chain = keys.getCertificateChain(alias);
            return chain == null ? List.of() : Arrays.stream(chain).map(c -> (X509Certificate) c).toList();
        } catch (KeyStoreException e) {
            return List.of();
        }
    }
}
