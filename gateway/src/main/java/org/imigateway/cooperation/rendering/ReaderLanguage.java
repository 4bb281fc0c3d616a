package org.imigateway.cooperation.rendering;

import java.util.List;
import java.util.Map;

import org.imigateway.directory.Authority;

/**
 * The language an authority reads, by one rule: of its country's official languages (among the
 * 26 of the network, in the country's usual order), the first one the authority's directory
 * names are written in; an authority named only in other languages reads its country's first
 * language. So a Latvian authority reads lv, a German one de, a Belgian one nl, fr or de as its
 * name is written; an authority of a country not listed reads the language of its names, or en.
 */
public final class ReaderLanguage {

    /** Official languages by country (ISO 3166 alpha-2, EL for Greece as in EU usage), first the usual one. */
    static final Map<String, List<String>> OFFICIAL = Map.ofEntries(
            Map.entry("AT", List.of("de")), Map.entry("BE", List.of("nl", "fr", "de")), Map.entry("BG", List.of("bg")),
            Map.entry("CY", List.of("el")), Map.entry("CZ", List.of("cs")), Map.entry("DE", List.of("de")),
            Map.entry("DK", List.of("da")), Map.entry("EE", List.of("et")), Map.entry("EL", List.of("el")),
            Map.entry("GR", List.of("el")), Map.entry("ES", List.of("es")), Map.entry("FI", List.of("fi", "sv")),
            Map.entry("FR", List.of("fr")), Map.entry("HR", List.of("hr")), Map.entry("HU", List.of("hu")),
            Map.entry("IE", List.of("en", "ga")), Map.entry("IT", List.of("it")), Map.entry("LT", List.of("lt")),
            Map.entry("LU", List.of("fr", "de")), Map.entry("LV", List.of("lv")), Map.entry("MT", List.of("mt", "en")),
            Map.entry("NL", List.of("nl")), Map.entry("PL", List.of("pl")), Map.entry("PT", List.of("pt")),
            Map.entry("RO", List.of("ro")), Map.entry("SE", List.of("sv")), Map.entry("SI", List.of("sl")),
            Map.entry("SK", List.of("sk")), Map.entry("IS", List.of("is")), Map.entry("NO", List.of("no")),
            Map.entry("LI", List.of("de")));

    private ReaderLanguage() {
    }

    public static String of(Authority authority) {
        return of(authority.country(), authority.names());
    }

    /** @param names the authority's names by language code */
    public static String of(String country, Map<String, String> names) {
        List<String> official = OFFICIAL.get(country);
        if (official != null) {
            return official.stream().filter(names::containsKey).findFirst().orElse(official.get(0));
        }
        return names.keySet().stream().sorted().findFirst().orElse("en");
    }
}
