package org.sisbridge.csv;

/** The file is not CSV that can be read to its end (a quote never closed, a record too long). */
public class CsvFormatException extends Exception {

    public CsvFormatException(String message) {
        super(message);
    }
}
