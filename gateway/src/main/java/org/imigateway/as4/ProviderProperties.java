package org.imigateway.as4;

import java.util.ServiceLoader;

import javax.xml.transform.TransformerFactory;

/**
 * Names, in the system properties their lookups read first, the providers that those lookups
 * would find anyway. Without them a new ServiceLoader scans every jar's service files each time
 * a factory is made: jakarta.mail-api 2.1 for each MIME multipart, body part, header block and
 * decoded stream (jakartaee/mail-api issues 699 and 861), JAXB for each DOM element it marshals
 * or unmarshals (the receipt's NonRepudiationInformation). Together about 5 % of the CPU of a
 * 10 KB AS4 message. With the properties, a lookup is the load of an already loaded class.
 * A value set by the operator is left alone.
 */
final class ProviderProperties {

    static final String MAIL_STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";
    static final String ANGUS_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";
    static final String TRANSFORMER_FACTORY = TransformerFactory.class.getName();

    private static boolean set;

    private ProviderProperties() {
    }

    static synchronized void setUnlessSet() {
        if (set) {
            return;
        }
        set = true;
        // Angus Mail is the only jakarta.mail implementation we ship.
        if (isLoadable(ANGUS_STREAM_PROVIDER)) {
            setUnlessSet(MAIL_STREAM_PROVIDER, ANGUS_STREAM_PROVIDER);
        }
        // Only when no jar offers a TransformerFactory: then every lookup ends at the JDK's own.
        if (ServiceLoader.load(TransformerFactory.class).findFirst().isEmpty()) {
            setUnlessSet(TRANSFORMER_FACTORY, TransformerFactory.newDefaultInstance().getClass().getName());
        }
    }

    private static void setUnlessSet(String property, String className) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, className);
        }
    }

    private static boolean isLoadable(String className) {
        try {
            Class.forName(className, false, ClassLoader.getSystemClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
