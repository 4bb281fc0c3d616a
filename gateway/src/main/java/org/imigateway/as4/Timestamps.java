package org.imigateway.as4;

import java.time.Instant;
import java.util.GregorianCalendar;
import java.util.TimeZone;

import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeConstants;
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

    /** A value without a zone is read as UTC, as ebMS and WS-Security write them, never in our own zone. */
    public static Instant toInstant(XMLGregorianCalendar value) {
        if (value == null) {
            return Instant.EPOCH;
        }
        if (value.getTimezone() == DatatypeConstants.FIELD_UNDEFINED) {
            value = (XMLGregorianCalendar) value.clone();
            value.setTimezone(0);
        }
        return value.toGregorianCalendar().toInstant();
    }

    /** Reads an xsd:dateTime; the exception's message says why it is not one. */
    public static Instant parse(String lexical) {
        return toInstant(FACTORY.newXMLGregorianCalendar(lexical.trim()));
    }
}
