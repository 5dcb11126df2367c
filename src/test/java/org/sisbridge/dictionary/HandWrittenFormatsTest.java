package org.sisbridge.dictionary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The CCCID, MIS code and UTC timestamp checks are written out by hand for speed; they must accept
 * exactly what the dictionary's regular expressions and the strict formatter they replaced accept.
 * Each is compared with its reference on hand-picked edges and on many random near-misses.
 */
class HandWrittenFormatsTest {

    private static final Pattern CCCID = Pattern.compile("[A-HJ-NP-Z]{3}(?!0000)[0-9]{4}[A-Z0-9]?");
    private static final Pattern MIS = Pattern.compile("[0-9A-Z]{3}");
    private static final DateTimeFormatter FORM =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withResolverStyle(ResolverStyle.STRICT);

    @ParameterizedTest
    @ValueSource(strings = {"ABC1234", "ABC12345", "ABC1234Z", "ZZZ9999", "ABC0000", "ABC0001", "AIC1234", "AOC1234",
        "abc1234", "AB1234", "ABC123", "ABC123456", "ABC1234a", "ABC12 4", "ABC١٢٣٤", "ÀBC1234", "", " ABC1234", "ABC0000X"})
    void cccidEdges(String value) {
        assertEquals(CCCID.matcher(value).matches(), CccidFormat.isValid(value), value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"111", "ZZZ", "A1B", "11", "1111", "a11", "1 1", "١١١", ""})
    void misCodeEdges(String value) {
        assertEquals(MIS.matcher(value).matches(), MisCode.isWellFormed(value), value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-01-15T18:22:03.123Z", "2024-02-29T00:00:00.000Z", "2023-02-29T00:00:00.000Z",
        "2024-02-30T00:00:00.000Z", "2024-04-31T00:00:00.000Z", "2024-13-01T00:00:00.000Z", "2024-00-10T00:00:00.000Z",
        "2024-01-00T00:00:00.000Z", "2024-01-15T24:00:00.000Z", "2024-01-15T23:60:00.000Z", "2024-01-15T23:59:60.000Z",
        "0000-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z", "2024-01-15 18:22:03.123Z", "2024-01-15T18:22:03.123z",
        "2024-01-15T18:22:03,123Z", "+024-01-15T18:22:03.123Z", "-024-01-15T18:22:03.123Z", "2024-1-15T18:22:03.1234Z",
        "2024-01-15T18:22:03.12aZ", "２024-01-15T18:22:03.123Z", "2024-01-15T18:22:03.123+"})
    void timestampEdges(String value) {
        assertEquals(reference(value), UtcTimestamp.parse(value), value);
    }

    @Test
    void randomNearMissesAgreeWithTheReferences() {
        Random random = new Random(17);
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZaz-:.TZ +";
        List<String> seeds = List.of("ABC1234", "ABC12345", "111", "2024-02-29T23:59:59.999Z", "1999-12-31T00:00:00.000Z");
        for (int i = 0; i < 200_000; i++) {
            char[] chars = seeds.get(random.nextInt(seeds.size())).toCharArray();
            for (int edits = 1 + random.nextInt(2); edits > 0; edits--) {
                chars[random.nextInt(chars.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            String value = new String(chars);
            assertEquals(CCCID.matcher(value).matches(), CccidFormat.isValid(value), value);
            assertEquals(MIS.matcher(value).matches(), MisCode.isWellFormed(value), value);
            assertEquals(reference(value), UtcTimestamp.parse(value), value);
        }
    }

    @Test
    void nullIsNeverValid() {
        assertEquals(false, CccidFormat.isValid(null));
        assertEquals(false, MisCode.isWellFormed(null));
        assertEquals(Optional.empty(), UtcTimestamp.parse(null));
    }

    private static Optional<LocalDateTime> reference(String value) {
        if (value.length() != UtcTimestamp.LENGTH) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(value, FORM));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
