package io.transfab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleReportTest {

    @Test
    void sampleReportWithEveryBlockIsWrittenAndDeterministic(@TempDir Path dir) throws Exception {
        // Given a report with every block and plot type
        HtmlReport report = SampleReports.demo(42);

        // When it is rendered twice and written
        String html = report.render();
        Path file = dir.resolve("out/report.html");
        report.write(file);

        // Then the file holds the rendered document, rendering is repeatable, and nothing is left behind
        assertEquals(html, Files.readString(file, StandardCharsets.UTF_8));
        assertEquals(html, SampleReports.demo(42).render());
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary files left beside the report");
        }
        assertTrue(html.contains("Figure 5."), "five figures numbered");
        assertTrue(html.contains("Table 1."));
        assertTrue(html.length() < 400_000, "report size " + html.length());

        // A copy for visual inspection, only when asked for: -Dtransfab.report.sample=/tmp/report-sample.html
        String sample = System.getProperty("transfab.report.sample");
        if (sample != null && !sample.isBlank()) {
            report.write(Path.of(sample));
        }
    }
}
