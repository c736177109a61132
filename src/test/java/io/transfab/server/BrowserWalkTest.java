package io.transfab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.transfab.campaign.Campaign;
import io.transfab.campaign.RetrainOptions;
import io.transfab.data.CsvReader;
import io.transfab.data.Table;
import io.transfab.design.DesignMethod;
import io.transfab.design.SuggestGoal;
import io.transfab.campaign.SuggestRequest;
import io.transfab.model.Progress;
import io.transfab.transfer.FineTuneOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The web application in a real Chromium: the walk from uploading the WMG calendering table to a batch
 * prediction download, a campaign, the bad-upload corpus and the token login. Every page is screenshot at
 * 1280x800 and 1920x1080 under {@code target/screenshots/} and must not be wider than the window.
 */
@Tag("browser")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserWalkTest {
    private static final Path WMG = Path.of("examples", "wmg_nmc622_calendering_conditions.csv");
    /** The roles of examples/wmg_nmc622_calendering_conditions.roles.yaml. */
    private static final Map<String, String> WMG_ROLES = Map.of("coat_weight_level", "feature",
            "target_coat_weight_gsm", "feature", "roll_temp_c", "feature", "target_density_g_cm3", "feature",
            "precal_density_g_cm3", "feature", "cal_density_g_cm3", "target", "cal_porosity_pct", "target",
            "group", "group");
    private static final List<String> FEATURES = List.of("coat_weight_level", "target_coat_weight_gsm", "roll_temp_c",
            "target_density_g_cm3", "precal_density_g_cm3");
    /** The upload limit of the server under test, in MB (small, so the over-limit file stays small). */
    private static final int LIMIT_MB = 2;

    @TempDir
    static Path tmp;

    private static Path workspace;
    private static TransfabServer server;
    private static Browser browser;
    private static String base;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(Browser.available(), "needs /usr/bin/chromium and /usr/bin/chromedriver");
        workspace = tmp.resolve("workspace");
        server = TransfabServer.start(new ServerOptions(0, workspace, "127.0.0.1", Optional.empty(), 1,
                ServerOptions.DEFAULT_QUEUE, LIMIT_MB, 1));
        base = "http://127.0.0.1:" + server.port();
        browser = Browser.start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static void open(String path) {
        browser.driver.get(base + path);
    }

    private static WebElement find(String css) {
        return browser.driver.findElement(By.cssSelector(css));
    }

    private static WebElement await(String css, int seconds) {
        return browser.waiting(seconds).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    private static void awaitText(String css, String text, int seconds) {
        browser.waiting(seconds).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    private static void screenshots(String name) throws IOException {
        screenshots(name, null);
    }

    private static void screenshots(String name, String scrollTo) throws IOException {
        assertThat(browser.screenshots(name, scrollTo)).as("horizontal overflow of the %s page", name).containsOnly(0L);
    }

    private static List<String> dataFiles() throws IOException {
        try (Stream<Path> s = Files.list(workspace.resolve("data"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    @Order(1)
    void walkFromUploadToBatchPredictionDownload() throws Exception {
        // Given the Data page
        open("/data");
        await("#upload", 10);

        // When the WMG table is uploaded and its roles are set and saved
        find("#file").sendKeys(WMG.toAbsolutePath().normalize().toString());
        find("#upload-name").sendKeys("wmg.csv");
        find("#upload").click();
        awaitText("#upload-message", "Stored data/wmg.csv", 20);
        awaitText("#table-facts", "Rows: 18", 10);
        for (WebElement select : browser.driver.findElements(By.cssSelector("select[data-column]"))) {
            new Select(select).selectByValue(WMG_ROLES.getOrDefault(select.getDomAttribute("data-column"), "ignore"));
        }
        find("#save-roles").click();
        awaitText("#roles-message", "Saved data/wmg.roles.yaml", 10);

        // Then the table and its roles file are in the workspace, readable by the CLI
        assertThat(find("#table-facts").getText()).contains("Delimiter: comma", "Decimal comma: no");
        Path roles = workspace.resolve("data/wmg.roles.yaml");
        assertThat(io.transfab.data.ColumnRoles.read(roles).named(io.transfab.data.ColumnRoles.Role.TARGET))
                .containsExactly("cal_density_g_cm3", "cal_porosity_pct");
        screenshots("data");
        screenshots("data-preview", "#first-rows-h");

        // When a Gaussian process is trained as a job from the Run page
        open("/run?table=wmg.csv");
        await("#f-data", 10);
        new Select(find("#kind")).selectByValue("train");
        new Select(find("#f-data")).selectByValue("data/wmg.csv");
        new Select(find("#f-model")).selectByValue("gp");
        WebElement out = find("#f-out");
        out.clear();
        out.sendKeys("models/wmg-gp");
        find("#submit").click();
        awaitText("#job-message", "queued", 10);

        // Then its card shows progress and ends as done
        WebElement card = await(".job", 10);
        browser.waiting(180).until(d -> "done".equals(card.getDomAttribute("data-status"))
                || "failed".equals(card.getDomAttribute("data-status")));
        assertThat(card.getDomAttribute("data-status")).as(card.getText()).isEqualTo("done");
        assertThat(Integer.parseInt(Optional.ofNullable(card.getDomAttribute("data-progress")).orElse("0")))
                .as("progress events received").isPositive();
        assertThat(workspace.resolve("models/wmg-gp/model.json")).isRegularFile();
        screenshots("run");

        // When the model is explained by a second job
        open("/run");
        await("#kind", 10);
        new Select(find("#kind")).selectByValue("explain");
        new Select(find("#f-model")).selectByValue("models/wmg-gp");
        new Select(find("#f-data")).selectByValue("data/wmg.csv");
        WebElement reportOut = find("#f-out");
        reportOut.clear();
        reportOut.sendKeys("reports/wmg-gp-explain");
        find("#submit").click();
        awaitText("#job-message", "queued", 10);
        browser.waiting(180).until(d -> d.findElements(By.cssSelector(".job")).stream().anyMatch(
                j -> j.getText().contains("explain") && !List.of("queued", "running").contains(j.getDomAttribute(
                        "data-status"))));
        assertThat(find(".job").getText()).contains("explain", "done");
        screenshots("run-explain");

        // When the Results page lists the jobs
        open("/results");
        awaitText("#job-list", "wmg-gp-explain", 10);
        // Then each shows its status and the equivalent CLI command
        assertThat(find("#job-list").getText()).contains("done", "./transfab train", "--data data/wmg.csv",
                "--out models/wmg-gp", "./transfab explain");
        screenshots("results");
        // And the explain report opens inside the app from the job's outputs
        browser.driver.findElement(By.xpath("//tr[td[2][text()='explain']]//button[text()='Outputs']")).click();
        WebElement frame = await("#report", 15);
        browser.waiting(15).until(d -> String.valueOf(frame.getDomAttribute("src")).endsWith(".html"));
        browser.driver.switchTo().frame(frame);
        browser.waiting(15).until(d -> d.findElement(By.tagName("body")).getText().contains("cal_density_g_cm3"));
        browser.driver.switchTo().defaultContent();
        awaitText("#workspace-reports", "reports/wmg-gp-explain/explain.html", 10);
        screenshots("results-report", "#report-h");

        // When the model is opened on the Models page
        open("/models?model=wmg-gp");
        awaitText("#provenance", "Data SHA-256", 15);
        await("#predict-fields input", 10);
        assertThat(find("#provenance").getText()).contains("gp", "cal_density_g_cm3", "Training rows", "18");
        assertThat(find("#predict-fields").getText()).contains("roll_temp_c", "training range");

        // Then a value outside the training range is flagged while typing
        WebElement temp = browser.driver.findElement(By.cssSelector("input[data-column=roll_temp_c]"));
        temp.clear();
        temp.sendKeys("400");
        assertThat(find("#" + temp.getDomAttribute("id") + "-note").getText()).contains("outside the training range");
        temp.clear();
        temp.sendKeys("85");

        // When one row is predicted from the form
        find("#predict").click();
        await("#prediction-cards", 20);
        // Then every target has a mean and an interval
        assertThat(find("#prediction-cards").getText()).contains("cal_density_g_cm3", "cal_porosity_pct",
                "90 % interval");
        screenshots("models");

        // When a batch of the first rows' features is uploaded
        Path batch = batchFile(5);
        find("#batch-file").sendKeys(batch.toString());
        find("#batch").click();
        awaitText("#batch-message", "Predicted 5 rows", 30);
        // Then the CSV downloads with a prediction per row
        for (Path old : Files.list(browser.downloads).toList()) {
            Files.delete(old);
        }
        find("#batch-download").click();
        Path downloaded = browser.downloads.resolve("batch-predictions.csv");
        browser.waiting(20).until(d -> Files.isRegularFile(downloaded));
        List<String> lines = Files.readAllLines(downloaded, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).contains("cal_density_g_cm3_pred", "cal_density_g_cm3_lower");
        screenshots("models-batch", "#one-h");
        // The README's figure (docs/figures/web-models.png): the whole Models page in one tall window
        browser.screenshotAt("web-models", new org.openqa.selenium.Dimension(1280, 1250));
    }

    /** The feature columns of the first {@code rows} WMG rows as a CSV under the test's folder. */
    private static Path batchFile(int rows) throws IOException {
        Table t = CsvReader.read(WMG);
        StringBuilder sb = new StringBuilder(String.join(",", FEATURES)).append('\n');
        for (int r = 0; r < rows; r++) {
            final int row = r;
            sb.append(String.join(",", FEATURES.stream().map(f -> t.cell(row, t.indexOf(f))).toList())).append('\n');
        }
        return Files.writeString(tmp.resolve("batch.csv"), sb.toString());
    }

    @Test
    @Order(2)
    void campaignShowsVersionsAndPlotAndRecordsResults() throws Exception {
        // Given a campaign with two model versions and a third round of suggestions
        Path space = Files.writeString(tmp.resolve("space.yaml"), """
                parameters:
                  - {name: gap, type: continuous, min: 100, max: 250, step: 5}
                  - {name: load, type: integer, min: 0, max: 3}
                """);
        Campaign c = Campaign.init(workspace.resolve("campaigns/calender"), new Campaign.Setup(space,
                List.of("density"), null, null, null, 1));
        RetrainOptions retrain = new RetrainOptions(FineTuneOptions.defaults(), false, 3);
        c.record(lab(c.suggest(new SuggestRequest(SuggestGoal.explore(), 10, DesignMethod.LHS, 3)).table(), 1));
        c.retrain(retrain, Progress.NONE);
        c.record(lab(c.suggest(new SuggestRequest(SuggestGoal.explore(), 5, DesignMethod.LHS, 4)).table(), 2));
        c.retrain(retrain, Progress.NONE);
        Table third = c.suggest(new SuggestRequest(SuggestGoal.maximize("density"), 4, DesignMethod.LHS, 5)).table();

        // When the Campaigns page shows it
        open("/campaigns");
        awaitText("#campaign-status", "Results recorded: 15", 15);
        await("#campaign-plot svg", 10);
        // Then rounds, versions and the CV plot are there, and the suggestions download
        assertThat(find("#campaign-status").getText()).contains("v1", "v2", "CV RMSE density");
        WebElement link = await("#suggestions", 10);
        assertThat(link.getText()).contains("round 3");
        String csv = (String) browser.driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text()).then(done);",
                link.getDomAttribute("href"));
        assertThat(csv.lines().count()).isEqualTo(5);
        screenshots("campaigns");

        // When the measured results of round 3 are uploaded
        Path measured = labFile(third, 3);
        find("#results-file").sendKeys(measured.toString());
        find("#record").click();
        // Then they are recorded as campaign record records them
        awaitText("#record-message", "Recorded 4 results", 20);
        awaitText("#campaign-status", "Results recorded: 19", 10);
        screenshots("campaigns-recorded", "#plot-h");
    }

    /** A synthetic lab measuring density at each suggested gap and load. */
    private static Table lab(Table suggestions, long seed) throws IOException {
        return CsvReader.read(labFile(suggestions, seed));
    }

    private static Path labFile(Table suggestions, long seed) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder("suggestion,gap,load,density\n");
        for (int r = 0; r < suggestions.rowCount(); r++) {
            double gap = suggestions.number(r, suggestions.indexOf("gap"));
            double load = suggestions.number(r, suggestions.indexOf("load"));
            double density = 2 + 0.004 * gap - 0.05 * load * load + 0.01 * rng.nextGaussian();
            sb.append(suggestions.cell(r, 0)).append(',').append(gap).append(',').append((long) load).append(',')
                    .append(density).append('\n');
        }
        return Files.writeString(tmp.resolve("lab-" + seed + ".csv"), sb.toString());
    }

    @Test
    @Order(3)
    void badUploadsShowTheCliMessageAndLeaveNothingInTheWorkspace() throws Exception {
        // Given the Data page and the files of the workspace before
        open("/data");
        await("#upload", 10);
        List<String> before = dataFiles();
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1,
            0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, (byte) 0xc4, (byte) 0x89, 0, 0, 0, 0, 'I', 'E', 'N', 'D'};
        Path big = tmp.resolve("big.csv");
        try (var w = Files.newBufferedWriter(big)) {
            w.write("a,b\n");
            for (int i = 0; i < (LIMIT_MB + 1) * 1024 * 1024 / 16; i++) {
                w.write("1.2345678,2.3456\n");
            }
        }
        Map<Path, String> corpus = new java.util.LinkedHashMap<>();
        corpus.put(Files.writeString(tmp.resolve("ragged.csv"), "a,b,c\n1,2,3\n4,5\n"), "has 2 cells but the header has 3");
        corpus.put(Files.writeString(tmp.resolve("text-in-number.csv"), "a,b\n1,2\n3,4\n5,abc\n6,7\n"),
                "in a numeric column");
        corpus.put(Files.writeString(tmp.resolve("empty.csv"), ""), "the file is empty");
        corpus.put(Files.write(tmp.resolve("image.csv"), png), "not a text table");
        corpus.put(big, "limit");

        for (Map.Entry<Path, String> e : corpus.entrySet()) {
            // When each is uploaded through the page
            find("#file").sendKeys(e.getKey().toString());
            find("#upload").click();
            // Then the page shows the one-line error and the workspace has no new file
            browser.waiting(30).until(d -> find("#upload-message").getDomAttribute("class").contains("error"));
            assertThat(find("#upload-message").getText()).as(e.getKey().getFileName().toString())
                    .contains(e.getValue()).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(dataFiles()).as(e.getKey().getFileName().toString()).isEqualTo(before);
            if (e.getKey().getFileName().toString().equals("ragged.csv")) {
                screenshots("data-bad-upload");
            }
            browser.js("document.getElementById('upload-message').className = 'message';");
        }
    }

    @Test
    @Order(4)
    void aSecondJobWaitsInTheQueueAndBothCanBeCancelled() throws Exception {
        // Given the Run page and the WMG table of the walk
        open("/run?table=wmg.csv");
        await("#f-data", 10);

        // When two assess jobs are started on a server running one job at a time
        for (int i = 0; i < 2; i++) {
            new Select(find("#kind")).selectByValue("assess");
            new Select(find("#f-target")).selectByValue("data/wmg.csv");
            WebElement out = find("#f-out");
            out.clear();
            out.sendKeys("reports/wmg-assess-" + i);
            find("#submit").click();
            awaitText("#job-message", "queued", 10);
            browser.js("document.getElementById('job-message').textContent = '';");
        }

        // Then the newer waits while the older runs with progress
        browser.waiting(60).until(d -> d.findElements(By.cssSelector(".job[data-status=running]")).size() == 1
                && d.findElements(By.cssSelector(".job[data-status=queued]")).size() == 1);
        screenshots("run-queue", "#queue-h");

        // When both are cancelled from their cards
        for (WebElement cancel : browser.driver.findElements(By.cssSelector(".job:not([data-status=done]) .cancel"))) {
            if (cancel.isDisplayed()) {
                cancel.click();
            }
        }
        // Then both end as cancelled and no report is left behind
        browser.waiting(60).until(d -> d.findElements(By.cssSelector(".job[data-status=cancelled]")).size() == 2);
        assertThat(workspace.resolve("reports/wmg-assess-0")).doesNotExist();
        assertThat(workspace.resolve("reports/wmg-assess-1")).doesNotExist();
    }

    @Test
    @Order(5)
    void aServerWithATokenAsksForItOnceAndKeepsASession() throws Exception {
        // Given a second server with a token
        Path ws = tmp.resolve("token-workspace");
        try (TransfabServer guarded = TransfabServer.start(new ServerOptions(0, ws, "127.0.0.1",
                Optional.of("s3cret-token-for-the-test"), 1, ServerOptions.DEFAULT_QUEUE, LIMIT_MB, 1))) {
            String url = "http://127.0.0.1:" + guarded.port();
            // When a page is opened without the token
            browser.driver.get(url + "/models");
            // Then the login page asks for it; a wrong token is refused, the right one opens the page
            await("#token", 10);
            screenshots("login");
            find("#token").sendKeys("wrong");
            find("#token").submit();
            await("#token", 10);
            awaitText("#login-message", "not this server's token", 10);
            find("#token").sendKeys("s3cret-token-for-the-test");
            find("#token").submit();
            browser.waiting(10).until(ExpectedConditions.urlContains("/models"));
            awaitText("#model-list", "No models yet", 10);
        }
    }
}
