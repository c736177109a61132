package io.transfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.data.CsvReader;
import io.transfab.data.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --normalization, --domain, finetune --strategy adapter and predict on unseen labs, end to end. */
class DomainCliTest {
    @TempDir
    static Path dir;
    private static final String NET = "--hidden=8 --epochs=15 --quiet --seed=3";

    private static void table(Path file, int n, long seed, String... labs) throws Exception {
        SplittableRandom rng = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(labs.length > 0 ? "a,b,lab,y\n" : "a,b,y\n");
        for (int i = 0; i < n; i++) {
            double a = rng.nextDouble(0, 10);
            double b = rng.nextDouble(-1, 1);
            String lab = labs.length > 0 ? labs[i % labs.length] : null;
            double offset = "B".equals(lab) ? 2.0 : 0.0;
            sb.append(String.format(Locale.ROOT, "%.4f,%.4f,", a + offset, b));
            if (lab != null) {
                sb.append(lab).append(',');
            }
            sb.append(String.format(Locale.ROOT, "%.4f%n", Math.sin(a / 3) + b * b));
        }
        Files.writeString(file, sb.toString());
    }

    private static CliTestSupport.Run run(String line) {
        return CliTestSupport.run(line.split(" "));
    }

    @BeforeAll
    static void pretrainAndFinetune() throws Exception {
        table(dir.resolve("source.csv"), 200, 1);
        table(dir.resolve("target.csv"), 30, 2, "A", "B", "C");
        assertThat(run("pretrain --data " + dir.resolve("source.csv") + " --features a,b "
                + "--targets y --ensemble 1 --out "
                + dir.resolve("base") + " " + NET).status()).isZero();
    }

    @Test
    void adapterFinetuneThenPredictFlagsAnUnseenLab() throws Exception {
        // Given a base model and target rows of labs A, B, C
        // When adapters are fine-tuned per lab with per-domain normalisation
        CliTestSupport.Run ft = run("finetune --base " + dir.resolve("base") + " --data " + dir.resolve("target.csv")
                + " --out " + dir.resolve("adapted") + " --strategy adapter --domain lab --normalization per-domain "
                + "--epochs 20 --quiet --seed 4");
        assertThat(ft.status()).as(ft.err()).isZero();
        // And rows of labs A and (unseen) Z are predicted
        table(dir.resolve("new.csv"), 10, 5, "A", "Z");
        CliTestSupport.Run p = run("predict --model " + dir.resolve("adapted") + " --data " + dir.resolve("new.csv")
                + " --out " + dir.resolve("pred.csv"));
        // Then lab Z is warned about and flagged row by row
        assertThat(p.status()).as(p.err()).isZero();
        assertThat(p.err()).contains("warning").contains("lab 'Z'").contains("mean of the trained adapters");
        Table out = CsvReader.read(dir.resolve("pred.csv"));
        int status = out.indexOf("domain_status");
        assertThat(out.cell(0, status)).isEqualTo("known");
        assertThat(out.cell(1, status)).isEqualTo("unseen");
        assertThat(Files.readString(dir.resolve("adapted").resolve("model.json"))).contains("per-domain");
    }

    @Test
    void predictWithoutTheDomainColumnNamesFileAndColumn() throws Exception {
        // Given a per-domain model and a table without its lab column
        assertThat(run("train --model ridge --data " + dir.resolve("target.csv") + " --features a,b "
                + "--targets y --domain lab "
                + "--normalization per-domain --out " + dir.resolve("ridge") + " --quiet").status()).isZero();
        // When it predicts the source table (no lab column)
        CliTestSupport.Run p = run("predict --model " + dir.resolve("ridge") + " --data " + dir.resolve("source.csv")
                + " --out " + dir.resolve("p2.csv"));
        // Then the error names the file and the column, without a stack trace
        assertThat(p.status()).isEqualTo(2);
        assertThat(p.err()).contains("source.csv").contains("lab").doesNotContain("Exception");
    }

    @Test
    void robustNormalisationIsStoredAndUsed() throws Exception {
        // Given a model pre-trained with robust normalisation
        CliTestSupport.Run r = run("pretrain --data " + dir.resolve("source.csv") + " --features a,b "
                + "--targets y --ensemble 1 "
                + "--normalization robust --out " + dir.resolve("robust") + " " + NET);
        assertThat(r.status()).as(r.err()).isZero();
        // When it predicts
        CliTestSupport.Run p = run("predict --model " + dir.resolve("robust") + " --data " + dir.resolve("source.csv")
                + " --out " + dir.resolve("p3.csv"));
        // Then model.json records the scheme and there is no domain column in the output
        assertThat(p.status()).isZero();
        assertThat(Files.readString(dir.resolve("robust").resolve("model.json"))).contains("\"robust\"");
        assertThat(CsvReader.read(dir.resolve("p3.csv")).has("domain_status")).isFalse();
    }

    @Test
    void domainWithoutPerDomainIsABadOption() {
        // When pretrain gets --domain but standard normalisation
        CliTestSupport.Run r = run("pretrain --data " + dir.resolve("target.csv") + " --features a,b "
                + "--targets y --domain lab --out "
                + dir.resolve("x") + " " + NET);
        // Then it is refused with exit status 2 and a hint
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--normalization per-domain");
    }
}
