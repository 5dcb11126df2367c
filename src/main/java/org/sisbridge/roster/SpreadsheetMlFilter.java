package org.sisbridge.roster;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.AttributesImpl;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * A sheet's or the shared strings' XML as POI's event reader ({@code XSSFSheetXMLHandler},
 * {@code ReadOnlySharedStringsTable}) expects it, from what spreadsheet programs write:
 * <ul>
 * <li>the namespace of Excel's "Strict Open XML Spreadsheet" read as the ordinary (transitional) one: POI
 *     skips every element of another namespace, so a strict sheet would read as empty;</li>
 * <li>a date cell stored as an ISO 8601 text ({@code t="d"}, which the standard allows and some programs and
 *     libraries write) read as the day it holds, yyyy-MM-dd, like a date cell stored as a number: POI fails
 *     to read its text as a number and passes it on whole ("2004-07-15T00:00:00"), which no birth date
 *     check takes. A value with a time of day other than midnight is passed on as written, for the
 *     roster's checks to explain.</li>
 * </ul>
 */
final class SpreadsheetMlFilter extends XMLFilterImpl {

    static final String STRICT_NAMESPACE = "http://purl.oclc.org/ooxml/spreadsheetml/main";
    static final String TRANSITIONAL_NAMESPACE = XSSFRelation.NS_SPREADSHEETML;

    /** A day, with at most a midnight time of day and a UTC or zero offset after it. */
    private static final Pattern DAY = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})(?:T00:00(?::00(?:\\.0+)?)?(?:Z|[+-]00:00)?)?");

    private boolean inDateCell;
    private StringBuilder dateText;

    SpreadsheetMlFilter(XMLReader parent) {
        super(parent);
    }

    @Override
    public void startPrefixMapping(String prefix, String uri) throws SAXException {
        super.startPrefixMapping(prefix, transitional(uri));
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
        String namespace = transitional(uri);
        if (TRANSITIONAL_NAMESPACE.equals(namespace) && "c".equals(localName)) {
            int type = attributes.getIndex("t");
            inDateCell = type >= 0 && "d".equals(attributes.getValue(type));
            if (inDateCell) {
                // POI reads an inline string's text from the cell's <v> as it is: the day is written there below
                AttributesImpl asText = new AttributesImpl(attributes);
                asText.setValue(type, "inlineStr");
                attributes = asText;
            }
        } else if (inDateCell && TRANSITIONAL_NAMESPACE.equals(namespace) && "v".equals(localName)) {
            dateText = new StringBuilder();
        }
        super.startElement(namespace, localName, qName, attributes);
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        if (dateText != null) {
            dateText.append(ch, start, length);
        } else {
            super.characters(ch, start, length);
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        String namespace = transitional(uri);
        if (dateText != null && "v".equals(localName)) {
            char[] day = day(dateText.toString()).toCharArray();
            dateText = null;
            super.characters(day, 0, day.length);
        } else if ("c".equals(localName) && TRANSITIONAL_NAMESPACE.equals(namespace)) {
            inDateCell = false;
        }
        super.endElement(namespace, localName, qName);
    }

    /** The yyyy-MM-dd of an ISO 8601 date cell's text when it holds a whole day, else the text as written. */
    static String day(String iso) {
        Matcher m = DAY.matcher(iso.strip());
        return m.matches() ? m.group(1) : iso;
    }

    private static String transitional(String uri) {
        return STRICT_NAMESPACE.equals(uri) ? TRANSITIONAL_NAMESPACE : uri;
    }
}
