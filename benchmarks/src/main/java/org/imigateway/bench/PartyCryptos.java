package org.imigateway.bench;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.imigateway.as4.Cryptos;
import org.imigateway.as4.KeyMaterial;
import org.imigateway.as4.ProfileKeys;
import org.imigateway.pmode.SecurityProfile;
import org.imigateway.certificates.IssuedCertificate;
import org.imigateway.certificates.PartyKit;
import org.imigateway.certificates.PkiLayout;
import org.imigateway.certificates.Stores;

/** A party's keys for every profile, the CA's CRL included, as its gateway holds them: read from the demo PKI for the floor benchmark. */
final class PartyCryptos {

    private PartyCryptos() {
    }

    static Cryptos of(Path pki, String party, char[] password, List<X509Certificate> anchors,
            List<X509Certificate> partners) {
        PartyKit kit = PartyKit.read(pki, party, password);
        Map<SecurityProfile, ProfileKeys> profileKeys = new EnumMap<>(SecurityProfile.class);
        for (SecurityProfile profile : SecurityProfile.values()) {
            if (profile != SecurityProfile.EDELIVERY_1_15) {
                IssuedCertificate signing = kit.profileKey(profile.signingAlias()).orElseThrow();
                IssuedCertificate encryption = kit.profileKey(profile.encryptionAlias()).orElseThrow();
                profileKeys.put(profile, new ProfileKeys(signing.privateKey(), signing.chain(),
                        encryption.privateKey(), encryption.chain()));
            }
        }
        return new Cryptos(new KeyMaterial(kit.signing().privateKey(), kit.signing().chain(),
                kit.encryption().privateKey(), kit.encryption().chain(), anchors,
                List.of(Stores.readCrl(PkiLayout.crl(pki))), profileKeys), partners);
    }
}
