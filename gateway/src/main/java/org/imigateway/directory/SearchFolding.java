package org.imigateway.directory;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The one way names are compared: lower case, German umlauts and ß spelt out (ä→ae, ö→oe,
 * ü→ue, ß→ss, as Germans type them without the keys), the letters that do not decompose
 * written out (æ, ø, œ, ł, đ, þ, ð), every other diacritic dropped, spaces collapsed. So
 * "Ärztekammer" and "Aerztekammer" fold alike, and "Veselības inspekcija" is found as
 * "veselibas inspekcija".
 */
public final class SearchFolding {

    private SearchFolding() {
    }

    public static String fold(String text) {
        String lower = text.toLowerCase(Locale.ROOT)
                .replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
                .replace("æ", "ae").replace("ø", "oe").replace("œ", "oe").replace("ł", "l").replace("đ", "d")
                .replace("þ", "th").replace("ð", "d").replace("ı", "i");
        String decomposed = Normalizer.normalize(lower, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return decomposed.replaceAll("\\s+", " ").strip();
    }
}
