package org.imigateway.certificates;

/**
 * CAs shared by the test classes that only need certificates from them: an RSA 3072 key takes
 * long enough to generate that a CA per test would make the module's tests slow. Tests must not
 * depend on what else the shared CA has revoked.
 */
final class SharedTestCa {

    private SharedTestCa() {
    }

    static CertificateAuthority ca() {
        return Trusted.CA;
    }

    /** A second CA, for certificates and CRLs that must be rejected as foreign. */
    static CertificateAuthority stranger() {
        return Stranger.CA;
    }

    // Holder classes: each CA is generated on first use only.
    private static final class Trusted {
        static final CertificateAuthority CA = CertificateAuthority.create("Shared Test CA");
    }

    private static final class Stranger {
        static final CertificateAuthority CA = CertificateAuthority.create("Stranger CA");
    }
}
