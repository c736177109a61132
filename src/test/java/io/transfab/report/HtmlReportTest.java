package io.transfab.report;

import static io.transfab.testing.Approx.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    private static final String EVIL = "<script>alert('x')</script> & \"more\"";
    private static final String EVIL_ESCAPED = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;";

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void documentIsCompleteHtml5WithTitleAndInlineStyleOnly() {
        // Given
        HtmlReport report = HtmlReport.of("Model & data", "run 7", List.of(Block.Paragraph.of("hello")));

        // When
        String html = report.render();

        // Then
        assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"));
        assertTrue(html.contains("<meta charset=\"utf-8\">"));
        assertTrue(html.contains("<title>Model &amp; data</title>"));
        assertTrue(html.contains("<h1>Model &amp; data</h1>"));
        assertTrue(html.contains("<p class=\"subtitle\">run 7</p>"));
        assertTrue(html.contains("<style>"));
        assertTrue(html.strip().endsWith("</html>"));
        // self-contained: no scripts, no external resources
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("<link"));
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("src="),
                "no external references");
    }

    @Test
    void everyTextIsEscaped() {
        // Given markup characters in every text field
        HtmlReport report = HtmlReport.of(EVIL, EVIL, List.of(
                Block.Heading.of(1, EVIL),
                Block.Paragraph.of(EVIL),
                Block.KeyValues.of(EVIL, EVIL),
                Block.DataTable.of(List.of(EVIL), List.of(List.of(EVIL)), EVIL),
                Block.Figure.of(new Svg("<svg xmlns='http://www.w3.org/2000/svg'></svg>"), EVIL),
                Block.Note.warning(EVIL)));

        // When
        String html = report.render();

        // Then not one raw tag survives, and each field appears escaped
        assertFalse(html.contains("<script>"));
        // <title>, h1, subtitle, heading, paragraph, key, value, th, td, table caption, figure caption, note
        assertEquals(12, count(html, EVIL_ESCAPED));
    }

    @Test
    void everyBlockIsRendered() throws Exception {
        // Given one block of each kind
        Svg svg = Plots.scatter("Scatter title", "x [mm]", "y [s]", new double[] {1, 2}, new double[] {2, 3});
        Map<String, String> kv = new LinkedHashMap<>();
        kv.put("rows", "24");
        kv.put("seed", "42");
        HtmlReport report = HtmlReport.of("T", "", List.of(
                Block.Heading.of(1, "Section one"),
                Block.Heading.of(2, "Sub section"),
                Block.Heading.of(3, "Sub sub section"),
                Block.Paragraph.of("Some text"),
                Block.KeyValues.of(kv),
                Block.DataTable.of(List.of("model", "RMSE"), List.of(List.of("a", "0.1"), List.of("b", "0.2")),
                        "Errors"),
                Block.Figure.of(svg, "A scatter"),
                Block.FigureGrid.of(Block.Figure.of(svg, "left"), Block.Figure.of(svg, "right")),
                Block.Note.info("Just so you know"),
                Block.Note.warning("Careful")));

        // When
        String html = report.render();

        // Then
        assertTrue(html.contains("<h2 id=\"sec-1\">Section one</h2>"));
        assertTrue(html.contains("<h3>Sub section</h3>"));
        assertTrue(html.contains("<h4>Sub sub section</h4>"));
        assertTrue(html.contains("<p>Some text</p>"));
        assertTrue(html.indexOf("<th scope=\"row\">rows</th><td>24</td>") < html.indexOf("<th scope=\"row\">seed</th>"),
                "key-value pairs in order");
        assertTrue(html.contains("<b>Table 1.</b> Errors"));
        assertTrue(html.contains("<th scope=\"col\" class=\"num\">RMSE</th>"), "numeric column right-aligned");
        assertTrue(html.contains("<b>Figure 1.</b> A scatter"));
        assertTrue(html.contains("<b>Figure 2.</b> left"));
        assertTrue(html.contains("<b>Figure 3.</b> right"));
        assertTrue(html.contains("class=\"figure-grid\""));
        assertTrue(html.contains("note-info") && html.contains("Just so you know"));
        assertTrue(html.contains("note-warning") && html.contains("Careful"));
        assertFalse(html.contains("<p class=\"subtitle\">"), "empty subtitle left out");
        assertFalse(html.contains("class=\"toc\""), "no table of contents for one section");
        assertEquals(3, count(html, "Scatter title</title>"));
        assertEquals(count(html, "<table"), count(html, "</table>"));
        assertEquals(count(html, "<figure>"), count(html, "</figure>"));
        assertEquals(count(html, "<div"), count(html, "</div>"));

        // and each inline figure is still well-formed XML
        Matcher m = Pattern.compile("<svg.*?</svg>", Pattern.DOTALL).matcher(html);
        int figures = 0;
        while (m.find()) {
            SvgXml.parse(m.group());
            figures++;
        }
        assertEquals(3, figures);
    }

    @Test
    void bestCellPerColumnIsHighlighted() {
        // Given an error column (lower is better, with a tie) and a score column (higher is better)
        Block.DataTable table = Block.DataTable.of(List.of("model", "RMSE", "R2"),
                List.of(List.of("a", "0.30 ± 0.01", "0.8"), List.of("b", "0.20 ± 0.05", "n/a"),
                        List.of("c", "0.20", "0.9")),
                "", List.of(Block.Best.NONE, Block.Best.MIN, Block.Best.MAX));

        // When
        String html = HtmlReport.of("T", "", List.of(table)).render();

        // Then both tied minima and the maximum are bold, nothing else
        assertTrue(html.contains("<td class=\"num best\"><strong>0.20 ± 0.05</strong></td>"));
        assertTrue(html.contains("<td class=\"num best\"><strong>0.20</strong></td>"));
        assertTrue(html.contains("<td class=\"num best\"><strong>0.9</strong></td>"));
        assertEquals(3, count(html, "<strong>"));
        assertTrue(html.contains("Best value per column in bold."));
        assertTrue(html.contains("<td class=\"num\">n/a</td>"), "placeholder keeps the column numeric");
    }

    @Test
    void leadingNumbersAreParsedFromCells() {
        assertClose(HtmlReport.leadingNumber("0.93 ± 0.02"), 0.93, 0, 0, "plus-minus");
        assertClose(HtmlReport.leadingNumber("\u22121.5e-3 g"), -1.5e-3, 0, 0, "unicode minus, exponent");
        assertClose(HtmlReport.leadingNumber(" .5"), 0.5, 0, 0, "leading dot");
        assertTrue(Double.isNaN(HtmlReport.leadingNumber("n/a")));
        assertTrue(Double.isNaN(HtmlReport.leadingNumber("model 2")));
    }

    @Test
    void tableOfContentsLinksSectionsWhenThereAreThree() {
        // Given three sections
        HtmlReport report = HtmlReport.of("T", "", List.of(Block.Heading.of(1, "A"), Block.Heading.of(1, "B & C"),
                Block.Heading.of(2, "sub"), Block.Heading.of(1, "D")));

        // When
        String html = report.render();

        // Then
        assertTrue(html.contains("<li><a href=\"#sec-2\">B &amp; C</a></li>"));
        assertTrue(html.contains("<h2 id=\"sec-3\">D</h2>"));
        assertFalse(html.contains(">sub</a>"));
    }

    @Test
    void writeReplacesTheFileAtomically(@TempDir Path dir) throws Exception {
        // Given an existing file
        Path file = dir.resolve("report.html");
        Files.writeString(file, "old");
        HtmlReport report = HtmlReport.of("T", "s", List.of(Block.Paragraph.of("é ü ±")));

        // When
        report.write(file);

        // Then it holds the new UTF-8 document and no temporary file is left
        assertEquals(report.render(), Files.readString(file));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void invalidBlocksAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Block.Heading.of(0, "x"));
        assertThrows(IllegalArgumentException.class, () -> Block.Heading.of(4, "x"));
        assertThrows(IllegalArgumentException.class, () -> Block.KeyValues.of("only key"));
        assertThrows(NullPointerException.class, () -> Block.KeyValues.of("k", null));
        assertThrows(IllegalArgumentException.class,
                () -> Block.DataTable.of(List.of("a", "b"), List.of(List.of("1")), ""));
        assertThrows(IllegalArgumentException.class,
                () -> Block.DataTable.of(List.of("a"), List.of(), "", List.of(Block.Best.MIN, Block.Best.MAX)));
        assertThrows(IllegalArgumentException.class, () -> Block.DataTable.of(List.of(), List.of(), ""));
        assertThrows(NullPointerException.class, () -> Block.Note.info(null));
        assertThrows(IllegalArgumentException.class, () -> HtmlReport.of(" ", "", List.of()));
        assertThrows(NullPointerException.class, () -> HtmlReport.of("T", "", java.util.Arrays.asList((Block) null)));
    }

    @Test
    void blocksAreImmutableCopies() {
        // Given mutable input lists
        List<String> header = new java.util.ArrayList<>(List.of("a"));
        List<Block> blocks = new java.util.ArrayList<>(List.of(Block.Paragraph.of("p")));
        Block.DataTable table = Block.DataTable.of(header, List.of(List.of("1")), "");
        HtmlReport report = HtmlReport.of("T", "", blocks);

        // When the caller changes them
        header.add("b");
        blocks.clear();

        // Then the records are unaffected and cannot be changed through their accessors
        assertEquals(List.of("a"), table.header());
        assertEquals(1, report.blocks().size());
        assertThrows(UnsupportedOperationException.class, () -> report.blocks().clear());
    }
}
