package org.imigateway.as4;

/**
 * Names Angus Mail's stream provider in the system property that jakarta.mail-api reads first.
 * Without it, jakarta.mail-api 2.1 looks the provider up with a new ServiceLoader, scanning every
 * jar's service files, for each MIME multipart, body part, header block and decoded stream it
 * makes (jakartaee/mail-api issues 699 and 861): about 4 % of the CPU of a 10 KB AS4 message.
 * With the property, the lookup is a load of an already loaded class. The provider is the one
 * that lookup would find anyway (Angus Mail is the only implementation we ship); a value set by
 * the operator is left alone.
 */
final class MailStreamProviderProperty {

    static final String PROPERTY = "jakarta.mail.util.StreamProvider";
    static final String ANGUS = "org.eclipse.angus.mail.util.MailStreamProvider";

    private MailStreamProviderProperty() {
    }

    static void setUnlessSet() {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        try {
            Class.forName(ANGUS, false, ClassLoader.getSystemClassLoader());
            System.setProperty(PROPERTY, ANGUS);
        } catch (ClassNotFoundException e) {
            // Not on the system class path (an unusual packaging): the ServiceLoader lookup stays.
        }
    }
}
