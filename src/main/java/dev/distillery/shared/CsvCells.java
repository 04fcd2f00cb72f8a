package dev.distillery.shared;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The one way the service writes a CSV cell. Text a spreadsheet would take for a formula (it starts with {@code =},
 * {@code +}, {@code -}, {@code @}, a tab, CR or LF) is neutralised as OWASP recommends, with a leading {@code '}, so an
 * experiment named {@code =cmd|' /C calc'!A0} is read as text by whoever opens the export; numbers stay numbers.
 * Cells with commas, quotes or line breaks are then quoted.
 */
public final class CsvCells {

    private static final Pattern NUMBER =
            Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?|[+-]?Infinity|NaN");
    private static final Pattern NEEDS_QUOTES = Pattern.compile("[\",\\r\\n]");

    private CsvCells() {}

    /** One cell: empty for null. */
    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = Objects.toString(value);
        if (!(value instanceof Number)
                && startsLikeAFormula(text)
                && !NUMBER.matcher(text).matches()) {
            text = "'" + text;
        }
        return NEEDS_QUOTES.matcher(text).find() ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static boolean startsLikeAFormula(String text) {
        return !text.isEmpty() && "=+-@\t\r\n".indexOf(text.charAt(0)) >= 0;
    }
}
