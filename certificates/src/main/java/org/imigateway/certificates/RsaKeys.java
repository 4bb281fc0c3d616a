package org.imigateway.certificates;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;

/** Generates the key pairs for every certificate this module creates. */
final class RsaKeys {

    /**
     * 3072 bits gives 128-bit security, which NIST SP 800-57 part 1 asks for keys still in use
     * after 2030; a ten-year CA reaches past that.
     */
    static final int KEY_SIZE = 3072;

    private static final SecureRandom RANDOM = new SecureRandom();

    private RsaKeys() {
    }

    static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_SIZE, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new PkiException("Cannot generate an RSA " + KEY_SIZE + " key pair", e);
        }
    }
}
