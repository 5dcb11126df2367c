package org.sisbridge.roster;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * Why a file that real spreadsheet programs write under an ".xlsx" name is still not a workbook the agent
 * reads, said as the step that fixes it: staff read these in error/NAME.reason and on the status page.
 */
final class WorkbookRefusal {

    private WorkbookRefusal() {
    }

    /**
     * Why a spreadsheet file is not read, by its kind (its name's end, lower case), or null for one that is (.xlsx, .xlsm)
     * or is no spreadsheet at all. POI streams only the Office Open XML workbook: the others would have to be held
     * whole (.xls), need a reader of their own (.xlsb, LibreOffice's .ods) or have none (Apple's .numbers).
     */
    static String ofName(String lowerCaseName) {
        String kind = lowerCaseName.endsWith(".xls") ? "an Excel 97-2003 workbook (.xls)"
                : lowerCaseName.endsWith(".xlsb") ? "an Excel binary workbook (.xlsb)"
                : lowerCaseName.endsWith(".ods") ? "an OpenDocument spreadsheet (.ods, LibreOffice's own)"
                : lowerCaseName.endsWith(".numbers") ? "an Apple Numbers spreadsheet (.numbers)"
                : null;
        return kind == null ? null : kind + " is not read: save it as Excel Workbook (.xlsx) or as CSV UTF-8 and drop it again";
    }

    /**
     * A compound file (OLE2) named .xlsx: Excel's encryption of a workbook saved with a password to open (its
     * EncryptionInfo stream), or an Excel 97-2003 workbook renamed (its Workbook stream), told apart by the
     * streams its directory lists; anything else, or a directory that does not read, gets the sentence for both.
     */
    static String ofCompoundFile(Path file) {
        try (POIFSFileSystem compound = new POIFSFileSystem(file.toFile(), true)) {
            DirectoryEntry root = compound.getRoot();
            if (root.hasEntry("EncryptionInfo")) {
                return "it is a workbook saved with a password to open (Excel encrypts such a file), which is not read:"
                        + " open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password,"
                        + " clear it) and save it, or save it as CSV UTF-8, then drop it again";
            }
            if (root.hasEntry("Workbook") || root.hasEntry("Book")) {
                return "it is an Excel 97-2003 workbook (.xls) with an .xlsx name, which is not read: open it in Excel"
                        + " and save it as Excel Workbook (.xlsx) or as CSV UTF-8, then drop it again";
            }
        } catch (IOException | RuntimeException unreadable) {
            // a damaged or hostile directory: the general sentence below still holds
        }
        return "it is a Microsoft compound file (a workbook saved with a password, or an Excel 97-2003 workbook),"
                + " not an Excel workbook (.xlsx): save it as Excel Workbook (.xlsx) without a password or as CSV UTF-8,"
                + " then drop it again";
    }
}
