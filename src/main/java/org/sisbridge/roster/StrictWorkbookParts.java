package org.sisbridge.roster;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.io.input.BoundedInputStream;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationship;
import org.apache.poi.openxml4j.opc.PackageRelationshipTypes;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.model.StylesTable;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The parts the roster reads of a workbook Excel saved as "Strict Open XML Spreadsheet" (ISO/IEC 29500
 * Strict): an ordinary workbook's parts, linked by other relationship types and written in other XML
 * namespaces. POI's event reader finds only the ordinary (transitional) ones, so they are found here by
 * their strict relationships; their XML is read through {@link SpreadsheetMlFilter}, and the styles
 * (which POI binds with XMLBeans, to the transitional schema only) under the transitional namespaces.
 */
final class StrictWorkbookParts {

    private static final String RELATIONSHIPS = "http://purl.oclc.org/ooxml/officeDocument/relationships";
    private static final String TRANSITIONAL_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private final PackagePart workbook;

    StrictWorkbookParts(OPCPackage pkg) throws InvalidFormatException {
        PackageRelationship office = pkg.getRelationshipsByType(PackageRelationshipTypes.STRICT_CORE_DOCUMENT).getRelationship(0);
        PackagePart part = office == null ? null : pkg.getPart(office);
        if (part == null) {
            throw new IllegalArgumentException("the workbook could not be read: it names no workbook part");
        }
        this.workbook = part;
    }

    InputStream workbook() throws IOException {
        return workbook.getInputStream();
    }

    /** The shared strings (the workbook's distinct texts), or null when it has none. */
    InputStream sharedStrings() throws IOException, InvalidFormatException {
        PackagePart part = related("sharedStrings");
        return part == null ? null : part.getInputStream();
    }

    /** The cell styles (what tells a date cell), or none when the workbook has no styles part. */
    StylesTable styles(long maxBytes) throws IOException, InvalidFormatException {
        PackagePart part = related("styles");
        if (part == null) {
            return new StylesTable();
        }
        byte[] xml;
        try (InputStream in = BoundedInputStream.builder().setInputStream(part.getInputStream()).setMaxCount(maxBytes + 1).get()) {
            xml = in.readAllBytes();
        }
        if (xml.length > maxBytes) {
            throw new IllegalArgumentException("the workbook's styles part is larger than " + maxBytes
                    + " bytes (sisbridge.roster.workbook-max-part-bytes)");
        }
        // a styles part holds formats, fonts and colours, no text of the roster's: its namespaces are renamed as text
        String transitional = new String(xml, StandardCharsets.UTF_8)
                .replace(SpreadsheetMlFilter.STRICT_NAMESPACE, SpreadsheetMlFilter.TRANSITIONAL_NAMESPACE)
                .replace(RELATIONSHIPS, TRANSITIONAL_RELATIONSHIPS);
        return new StylesTable(new ByteArrayInputStream(transitional.getBytes(StandardCharsets.UTF_8)));
    }

    /** The first sheet the workbook lists (its first tab), as POI's reader takes an ordinary workbook's. */
    InputStream firstSheet() throws IOException, SAXException, InvalidFormatException {
        String id = firstSheetRelationship();
        PackagePart sheet = id == null ? null : part(workbook.getRelationship(id));
        if (sheet == null) {
            throw new IllegalArgumentException("the workbook could not be read: "
                    + (id == null ? "it lists no sheet" : "its first sheet's part (" + id + ") is missing"));
        }
        return sheet.getInputStream();
    }

    private PackagePart related(String name) throws InvalidFormatException {
        return part(workbook.getRelationshipsByType(RELATIONSHIPS + "/" + name).getRelationship(0));
    }

    /** The part a relationship of the workbook points to, or null when there is none (POI throws for a missing one). */
    private PackagePart part(PackageRelationship relationship) throws InvalidFormatException {
        if (relationship == null) {
            return null;
        }
        try {
            return workbook.getRelatedPart(relationship);
        } catch (IllegalArgumentException missing) {
            return null;
        }
    }

    /** The relationship id (r:id) of the workbook's first {@code <sheet>}. */
    private String firstSheetRelationship() throws IOException, SAXException {
        String[] id = new String[1];
        try (InputStream in = workbook()) {
            XMLReader xml = XMLHelper.newXMLReader();
            xml.setContentHandler(new DefaultHandler() {
                @Override
                public void startElement(String uri, String localName, String qName, Attributes attributes) {
                    if ("sheet".equals(localName) && id[0] == null) {
                        id[0] = attributes.getValue(RELATIONSHIPS, "id");
                    }
                }
            });
            xml.parse(new InputSource(in));
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        return id[0];
    }
}
