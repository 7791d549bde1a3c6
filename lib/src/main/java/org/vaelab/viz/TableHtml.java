package org.vaelab.viz;

import java.math.BigDecimal;
import java.math.MathContext;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** A Tablesaw table as an HTML table, in the look Jupyter gives pandas frames, text left-aligned. */
public final class TableHtml {
    private TableHtml() {
    }

    public static String of(Table table, int maxRows) {
        StringBuilder html = new StringBuilder("<div><table class=\"dataframe\" border=\"1\">");
        if (table.name() != null && !table.name().isBlank()) {
            html.append("<caption>").append(escape(table.name())).append("</caption>");
        }
        html.append("<thead><tr>");
        for (Column<?> column : table.columns()) {
            html.append("<th style=\"text-align: left;\">").append(escape(column.name())).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        int shown = Math.min(maxRows, table.rowCount());
        for (int row = 0; row < shown; row++) {
            html.append("<tr>");
            for (Column<?> column : table.columns()) {
                html.append("<td style=\"text-align: left;\">").append(escape(cell(column, row))).append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</tbody></table>");
        if (shown < table.rowCount()) {
            html.append("<p>").append(table.rowCount() - shown).append(" more rows of ").append(table.rowCount())
                    .append(" not shown</p>");
        }
        return html.append("</div>").toString();
    }

    /** Doubles to six significant digits: enough to compare, short enough to read. */
    static String cell(Column<?> column, int row) {
        if (column instanceof DoubleColumn && !column.isMissing(row)) {
            double value = ((DoubleColumn) column).getDouble(row);
            if (Double.isFinite(value) && value != 0) {
                // Plain, not BigDecimal.toString(): that writes 23400 as 2.34E+4 and 10 as 1E+1.
                return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
            }
        }
        return column.getString(row);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
