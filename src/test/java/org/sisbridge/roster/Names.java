package org.sisbridge.roster;

import java.util.List;

/** Names as students write them, in every script and with every mark the roster must keep: first, last. */
final class Names {

    static final List<String[]> EVERY_SCRIPT = List.of(
            new String[] {"Mary-Kate", "O'Brien-Smith"},            // hyphens, straight apostrophe
            new String[] {"Renée", "D’Angelo"},                      // composed accent, curly apostrophe
            new String[] {"Jose\u0301", "Pen\u0303a"},               // decomposed accents (combining marks), kept as typed
            new String[] {"小明", "王"},                               // Chinese
            new String[] {"Анна", "Иванова"},                        // Cyrillic
            new String[] {"فاطمة", "الزهراء"},                        // Arabic
            new String[] {"נועה", "כהן"},                            // Hebrew
            new String[] {"지민", "김"},                               // Korean
            new String[] {"Ελένη", "Παπαδοπούλου"},                  // Greek
            new String[] {"अनन्या", "शर्मा"},                          // Devanagari (virama, vowel signs)
            new String[] {"கார்த்திக்", "சுப்ரமணியன்"},                 // Tamil
            new String[] {"สมชาย", "ใจดี"},                           // Thai
            new String[] {"\uD840\uDC0B".repeat(100), "\uD840\uDC0B"}); // 100 code points outside the BMP (200 UTF-16 units)

    private Names() {
    }
}
