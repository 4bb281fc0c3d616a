package org.imigateway.cooperation.publicapi;

/** Posting-of-workers declarations as a service provider files them, for the tests of the public interface. */
final class Declarations {

    private Declarations() {
    }

    /** A valid declaration for {@code country}; line 19 holds the contact person's e-mail. */
    static String declaration(String country, String reference) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <declaration xmlns="urn:imigateway:imi:submission:1">
                  <procedure>posting-declarations</procedure>
                  <country>%s</country>
                  <language>lv</language>
                  <submitterReference>%s</submitterReference>
                  <serviceProvider>
                    <name>SIA Baltijas Būve</name>
                    <registrationNumber>LV40003123456</registrationNumber>
                    <address><street>Brīvības iela 100</street><postCode>LV-1011</postCode><city>Rīga</city><country>LV</country></address>
                  </serviceProvider>
                  <period><start>2026-12-01</start><end>2027-03-31</end></period>
                  <placeOfWork><street>Alexanderplatz 1</street><postCode>10178</postCode><city>Berlin</city><country>DE</country></placeOfWork>
                  <service lang="lv">Fasādes siltināšana</service>
                  <postedWorker><familyName>Bērziņš</familyName><givenName>Jānis</givenName><birthDate>1988-04-12</birthDate>
                    <occupation list="isco-08" code="7122">Floor layers and tile setters</occupation><socialSecurityCountry>LV</socialSecurityCountry></postedWorker>
                  <contactPerson><familyName>Ozola</familyName><givenName>Anna</givenName>
                    <contact>
                      <email>anna.ozola@baltbuve.example</email>
                    </contact>
                  </contactPerson>
                </declaration>
                """.formatted(country, reference);
    }
}
