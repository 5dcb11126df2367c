package org.sisbridge.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** {@link StrictUtf8} against Java's strict UTF-8 decoder itself, which is the definition it must match. */
class StrictUtf8Test {

    /** The bytes where UTF-8's rules change, and a few between them. */
    private static final int[] EDGES = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
            0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF7, 0xF8, 0xFE, 0xFF};

    @Test
    void everyOneAndTwoByteInputGetsTheDecodersVerdict() {
        for (int a = 0; a < 256; a++) {
            check(new byte[] {(byte) a});
            for (int b = 0; b < 256; b++) {
                check(new byte[] {(byte) a, (byte) b});
            }
        }
    }

    @Test
    void everyThreeAndFourByteInputOfTheEdgeBytesGetsTheDecodersVerdict() {
        for (int a : EDGES) {
            for (int b : EDGES) {
                for (int c : EDGES) {
                    check(new byte[] {(byte) a, (byte) b, (byte) c});
                    for (int d : EDGES) {
                        check(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
                    }
                }
            }
        }
    }

    @Test
    void theLimitsOfEachFormAndTheirNeighbours() {
        for (String hex : new String[] {"c280", "dfbf", "e0a080", "e09fbf", "efbfbf", "ed9fbf", "eda080", "edbfbf", "ee8080",
                "f0908080", "f08fbfbf", "f48fbfbf", "f4908080", "c0af", "e080af", "f08080af", "e282", "f09f98", "f09f9880",
                "41e282ac42", "e2ac82", "80", "bf", "fe", "ff"}) {
            check(HexFormat.of().parseHex(hex));
        }
    }

    @Test
    void aSequenceCutByTheEndOfTheInputIsRefusedButNotOneCutBetweenTwoPieces() {
        byte[] euro = "a€b".getBytes(StandardCharsets.UTF_8);
        StrictUtf8 utf8 = new StrictUtf8();
        utf8.accept(euro, 0, 2);
        assertThat(utf8.wellFormedToTheEnd()).as("cut off so far").isFalse();
        utf8.accept(euro, 2, euro.length);
        assertThat(utf8.wellFormedToTheEnd()).isTrue();
    }

    @Test
    void longAsciiRunsAroundAMultiByteCharacterAreReadEightAtATime() {
        for (int before = 0; before < 20; before++) {
            for (String c : new String[] {"é", "€", "\uD83D\uDE00"}) {
                byte[] good = ("x".repeat(before) + c + "y".repeat(19 - before)).getBytes(StandardCharsets.UTF_8);
                check(good);
                byte[] cut = java.util.Arrays.copyOf(good, before + 1); // only the lead byte left
                check(cut);
                byte[] stray = good.clone();
                stray[before] = (byte) 0x80;
                check(stray);
            }
        }
    }

    private static void check(byte[] bytes) {
        boolean expected = decodes(bytes);
        StrictUtf8 whole = new StrictUtf8();
        whole.accept(bytes, 0, bytes.length);
        StrictUtf8 byteByByte = new StrictUtf8();
        for (int i = 0; i < bytes.length; i++) {
            byteByByte.accept(bytes, i, i + 1);
        }
        String hex = HexFormat.of().formatHex(bytes);
        assertThat(whole.wellFormedToTheEnd()).as(hex).isEqualTo(expected);
        assertThat(byteByByte.wellFormedToTheEnd()).as(hex + " a byte at a time").isEqualTo(expected);
    }

    private static boolean decodes(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
