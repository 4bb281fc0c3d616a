package org.imigateway.as4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import javax.xml.transform.TransformerFactory;

import jakarta.mail.util.StreamProvider;

import org.eclipse.angus.mail.util.MailStreamProvider;
import org.junit.jupiter.api.Test;

class ProviderPropertiesTest {

    @Test
    void readingMimeNamesAngusAsTheStreamProviderSoNoServiceLookupRunsPerPart() {
        new MimeReader(1024);

        assertEquals(ProviderProperties.ANGUS_STREAM_PROVIDER, System.getProperty(ProviderProperties.MAIL_STREAM_PROVIDER));
        assertInstanceOf(MailStreamProvider.class, StreamProvider.provider());
    }

    @Test
    void theNamedTransformerFactoryIsTheOneTheLookupFoundBefore() {
        Class<?> found = java.util.ServiceLoader.load(TransformerFactory.class).findFirst()
                .<Class<?>>map(Object::getClass).orElse(TransformerFactory.newDefaultInstance().getClass());

        ProviderProperties.setUnlessSet();

        assertEquals(found, TransformerFactory.newInstance().getClass());
    }
}
