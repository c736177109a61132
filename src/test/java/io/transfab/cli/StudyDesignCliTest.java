package io.transfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** {@code study design --lab gdl}: curves, summary and the learning-curve figure in --out. */
class StudyDesignCliTest {
    @TempDir
    Path dir;

    @Test
    void gdlLabWritesCurvesAndAnSvgFigure() throws Exception {
        // Given a one-seed GDL study paper -> felt at N = 6 with small networks' budgets
        Path out = dir.resolve("sd");
        // When it runs
        CliTestSupport.Run r = CliTestSupport.run("study", "design", "--lab", "gdl", "--seeds", "1", "--sizes", "6",
                "--methods", "lhs,informative", "--source-rows", "40", "--test-rows", "20", "--ensemble", "2",
                "--epochs", "10", "--quiet", "--out", out.toString());
        // Then it succeeds, the space is felt's, and curves.svg is one SVG document
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("paper -> felt");
        assertThat(Files.readString(out.resolve("space.yaml"))).contains("felt family", "out_of_plane_angle_deg");
        assertThat(Files.readAllLines(out.resolve("curves.csv"))).hasSize(3);
        Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(out.resolve(StudyDesignCommand.FIGURE).toFile());
        assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
    }

    @Test
    void unknownLabIsAUserError() {
        // Given --lab with no such simulator, When run, Then exit 2 naming the choices
        CliTestSupport.Run r = CliTestSupport.run("study", "design", "--lab", "fuel", "--out",
                dir.resolve("x").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("electrode or gdl");
    }
}
