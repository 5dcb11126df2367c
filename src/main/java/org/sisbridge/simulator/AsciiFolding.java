package org.sisbridge.simulator;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Folds a name to the lower-case ASCII letters an e-mail local part can safely hold. Letters
 * with no Unicode decomposition (ø, ł, đ, ß, æ) are mapped by hand, otherwise they would vanish.
 */
final class AsciiFolding {
    private AsciiFolding() {
    }

    /** Names come from short lists, so each is folded once (Normalizer is slow beside the rest of an event). */
    private static final Map<String, String> FOLDED = new ConcurrentHashMap<>();

    static String lettersOnly(String name) {
        return FOLDED.computeIfAbsent(name, AsciiFolding::fold);
    }

    private static String fold(String name) {
        String mapped = name.toLowerCase(Locale.ROOT)
                .replace("ø", "o").replace("ł", "l").replace("đ", "d").replace("ß", "ss").replace("æ", "ae");
        String decomposed = Normalizer.normalize(mapped, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (c >= 'a' && c <= 'z') {
                out.append(c);
            }
        }
        return out.toString();
    }
}
