package org.sisbridge.reports;

/** The file is not CSV that can be read to its end (an unterminated quote, a record too long). */
public class CsvFormatException extends Exception {

    public CsvFormatException(String message) {
        super(message);
    }
}
