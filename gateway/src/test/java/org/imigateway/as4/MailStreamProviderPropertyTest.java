package org.imigateway.as4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import jakarta.mail.util.StreamProvider;

import org.eclipse.angus.mail.util.MailStreamProvider;
import org.junit.jupiter.api.Test;

class MailStreamProviderPropertyTest {

    @Test
    void readingMimeNamesAngusAsTheStreamProviderSoNoServiceLookupRunsPerPart() {
        new MimeReader(1024);

        assertEquals(MailStreamProviderProperty.ANGUS, System.getProperty(MailStreamProviderProperty.PROPERTY));
        assertInstanceOf(MailStreamProvider.class, StreamProvider.provider());
    }
}
