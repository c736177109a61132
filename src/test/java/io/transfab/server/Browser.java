package io.transfab.server;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Debian Chromium driven through Debian's chromedriver, both at fixed paths so that Selenium
 * Manager never downloads anything; a fresh profile per browser. Screenshots go to {@code target/screenshots/}.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** The two window sizes every page is checked at. */
    static final List<Dimension> SIZES = List.of(new Dimension(1280, 800), new Dimension(1920, 1080));

    final ChromeDriver driver;
    final Path downloads;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile, Path downloads) {
        this.driver = driver;
        this.profile = profile;
        this.downloads = downloads;
    }

    static Browser start() throws IOException {
        Path profile = Files.createTempDirectory("transfab-chromium-profile");
        Path downloads = Files.createDirectories(Path.of("target", "browser-downloads")).toAbsolutePath();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,800");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return new Browser(driver, profile, downloads);
    }

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    WebDriverWait waiting(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** The inner size of the window: the content area a screenshot shows. */
    void size(Dimension inner) {
        driver.manage().window().setSize(inner);
        long w = ((Number) js("return window.innerWidth;")).longValue();
        long h = ((Number) js("return window.innerHeight;")).longValue();
        driver.manage().window().setSize(new Dimension(2 * inner.width - (int) w, 2 * inner.height - (int) h));
    }

    /**
     * Screenshots the page at both sizes as {@code NAME-WxH.png} and returns, per size, how many pixels the
     * page is wider than the window (0 when nothing is cut off at the side).
     */
    List<Long> screenshots(String name) throws IOException {
        return screenshots(name, null);
    }

    /** {@link #screenshots(String)} with the element {@code css} scrolled to the top of the window (null: the page top). */
    List<Long> screenshots(String name, String css) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        List<Long> overflow = new java.util.ArrayList<>();
        for (Dimension d : SIZES) {
            size(d);
            if (css == null) {
                js("window.scrollTo(0, 0);");
            } else {
                js("document.querySelector(arguments[0]).scrollIntoView({block: 'start'});", css);
            }
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + "-" + d.width + "x" + d.height + ".png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            overflow.add(((Number) js("return document.documentElement.scrollWidth - document.documentElement"
                    + ".clientWidth;")).longValue());
        }
        size(SIZES.get(0));
        return overflow;
    }

    /** One screenshot of the whole page top at {@code inner} (e.g. a tall window for the README's figure). */
    Path screenshotAt(String name, Dimension inner) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        size(inner);
        js("window.scrollTo(0, 0);");
        Path target = SCREENSHOTS.resolve(name + ".png");
        Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), target,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        size(SIZES.get(0));
        return target;
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
