package org.imigateway.directory;

import java.util.Locale;

/** Where an authority stands in the directory; only ACTIVE ones send or receive. */
public enum AuthorityStatus {
    PENDING, ACTIVE, SUSPENDED, REFUSED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AuthorityStatus ofCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
