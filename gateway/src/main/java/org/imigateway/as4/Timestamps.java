package org.imigateway.as4;

import java.time.Instant;
import java.util.GregorianCalendar;
import java.util.TimeZone;

import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;

/** ebMS timestamps are UTC xsd:dateTime values. */
public final class Timestamps {

    private static final DatatypeFactory FACTORY;

    static {
        try {
            FACTORY = DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Timestamps() {
    }

    public static XMLGregorianCalendar of(Instant instant) {
        GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        calendar.setTimeInMillis(instant.toEpochMilli());
        return FACTORY.newXMLGregorianCalendar(calendar);
    }

    public static Instant toInstant(XMLGregorianCalendar value) {
        return value == null ? Instant.EPOCH : value.toGregorianCalendar().toInstant();
    }
}
