package org.vaelab.viz;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tables as notebooks show them. */
class TableHtmlTest {
    @Test
    void numbersAreWrittenPlainlyToSixSignificantDigits() {
        DoubleColumn values = DoubleColumn.create("v", new double[] {23400, 10, 105.61171162109375, 0.0001234567, 0, 1e-12});
        values.appendMissing();
        assertEquals("23400", TableHtml.cell(values, 0));
        assertEquals("10", TableHtml.cell(values, 1));
        assertEquals("105.612", TableHtml.cell(values, 2));
        assertEquals("0.000123457", TableHtml.cell(values, 3));
        assertEquals("0", TableHtml.cell(values, 4));
        assertEquals("0.000000000001", TableHtml.cell(values, 5));
        assertEquals("", TableHtml.cell(values, 6), "a missing figure is blank");
    }

    @Test
    void namesAreEscapedAndLongTablesSayWhatIsLeftOut() {
        Table table = Table.create("a <b> & c", StringColumn.create("model", "x<y", "z", "w"), DoubleColumn.create("n", 1, 2, 3));
        String html = TableHtml.of(table, 2);
        assertTrue(html.contains("<caption>a &lt;b&gt; &amp; c</caption>"), html);
        assertTrue(html.contains("<td style=\"text-align: left;\">x&lt;y</td>"), html);
        assertTrue(html.contains("<p>1 more rows of 3 not shown</p>"), html);
    }
}
