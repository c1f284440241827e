package io.flotilla.launcher.cli;

import java.util.List;

/**
 * Rows as the command line prints them: columns padded to their widest cell, two spaces apart, the last one left as
 * it is (a message, a reason), no trailing blanks.
 */
public final class TextTable {

    private TextTable() {
    }

    /** {@code rows}, the header first, each row as many cells as the header. */
    public static String format(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder table = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            table.append(line.toString().stripTrailing()).append('\n');
        }
        return table.toString();
    }

    /** {@code text} on one line, cut to {@code width} characters with {@code ...}; empty for null. */
    public static String oneLine(String text, int width) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("\\s+", " ").trim();
        return line.length() > width ? line.substring(0, width - 3) + "..." : line;
    }
}
