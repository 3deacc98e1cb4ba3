package io.cumulo.report;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Opens Cumulo HTML reports in headless Debian Chromium (Selenium, no Selenium Manager, no network) and reports
 * what the page did: console errors, the charts Plotly drew with their trace and point counts, the resources the
 * page loaded, and screenshots. One browser per test class: {@link #start()} in {@code @BeforeAll},
 * {@link #close()} in {@code @AfterAll}; each {@link #open} is a fresh navigation.
 *
 * <p>The browser and driver come from Debian's {@code chromium} and {@code chromium-driver} packages (the driver
 * always matches the browser), found on the PATH or given by the system properties {@code cumulo.chromium} and
 * {@code cumulo.chromedriver}. When they are missing, {@link #start()} fails with a one-line message saying what
 * to install: a browser test that skips silently would hide a broken report.
 */
public final class ReportBrowser implements AutoCloseable {
    static {
        // Selenium's "no CDP implementation matching 156" warning is harmless: the devtools jars are not used
        Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
    }

    private final ChromeDriver driver;
    private final Path userDataDir;

    private ReportBrowser(ChromeDriver driver, Path userDataDir) {
        this.driver = driver;
        this.userDataDir = userDataDir;
    }

    /** Starts headless Chromium with a fresh profile, every background network feature off. */
    public static ReportBrowser start() {
        return start(List.of());
    }

    /**
     * As {@link #start()}, with more command-line flags for the browser (the open-time benchmark tries V8 flags
     * with them, e.g. {@code --js-flags=--no-lazy}).
     */
    public static ReportBrowser start(List<String> extraFlags) {
        Path chromium = executable("cumulo.chromium", "chromium");
        Path chromedriver = executable("cumulo.chromedriver", "chromedriver");
        Path profile;
        try {
            profile = Files.createTempDirectory("cumulo-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--disable-extensions", "--window-size=1280,1400",
                // WebGL in software (no GPU here): Chromium deprecates the implicit fallback, so opt in for
                // these trusted local pages rather than lose the WebGL traces in a later release
                "--enable-unsafe-swiftshader",
                "--user-data-dir=" + profile);
        options.addArguments(extraFlags);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
        return new ReportBrowser(new ChromeDriver(service, options), profile);
    }

    private static Path executable(String property, String name) {
        String given = System.getProperty(property);
        if (given != null && !given.isBlank()) {
            Path p = Path.of(given);
            if (Files.isExecutable(p)) {
                return p;
            }
            throw new IllegalStateException("-D" + property + "=" + given + " is not an executable file");
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new IllegalStateException("the report browser tests need '" + name + "' on the PATH: install Debian's "
                + "browser and driver with `apt-get install -y chromium chromium-driver` (.ci/run does it when missing)");
    }

    /**
     * Opens {@code file} and waits until the report says it is ready ({@code window.cumuloReport.ready}).
     *
     * @throws AssertionError when the page is not ready within {@code timeout}
     */
    public Page open(Path file, Duration timeout) {
        driver.get("about:blank");
        driver.manage().logs().get(LogType.BROWSER); // drop what earlier pages logged
        driver.get(file.toAbsolutePath().toUri().toString());
        try {
            new WebDriverWait(driver, timeout).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                    "return !!(window.cumuloReport && window.cumuloReport.ready);")));
        } catch (TimeoutException e) {
            throw new AssertionError(file + " was not ready within " + timeout + "; console: " + console());
        }
        return new Page(console());
    }

    public Page open(Path file) {
        return open(file, Duration.ofSeconds(60));
    }

    private List<LogEntry> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll();
    }

    /** Resizes the window (CSS pixels); charts are responsive and redraw. */
    public void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(userDataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp directory left behind is harmless
            }
        }
    }

    /** What one opened report shows. Valid until the next {@link #open}. */
    public final class Page {
        private final List<LogEntry> console;

        private Page(List<LogEntry> console) {
            this.console = console;
        }

        private Object js(String script, Object... args) {
            return ((JavascriptExecutor) driver).executeScript(script, args);
        }

        /** Console messages at level SEVERE (JavaScript errors, failed or blocked loads). */
        public List<String> consoleErrors() {
            List<String> errors = new ArrayList<>();
            for (LogEntry e : console) {
                if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    errors.add(e.getMessage());
                }
            }
            return errors;
        }

        /** Every console message, for diagnostics. */
        public List<String> consoleMessages() {
            return console.stream().map(e -> e.getLevel() + " " + e.getMessage()).toList();
        }

        /** The errors the page script recorded ({@code cumuloReport.errors}): charts that failed to draw. */
        @SuppressWarnings("unchecked")
        public List<String> reportErrors() {
            return (List<String>) js("return window.cumuloReport.errors.slice();");
        }

        /** How many charts the page script drew. */
        public long chartsDrawn() {
            return ((Number) js("return window.cumuloReport.charts;")).longValue();
        }

        /** Milliseconds from the start of navigation until the last chart was drawn. */
        public double readyMillis() {
            return ((Number) js("return window.cumuloReport.readyMs;")).doubleValue();
        }

        /** Whether the page found WebGL (without it, WebGL traces are drawn as SVG). */
        public boolean webgl() {
            return Boolean.TRUE.equals(js("return window.cumuloReport.webgl;"));
        }

        /** Milliseconds from the start of navigation until plotly.js was unpacked (base64 and gzip undone). */
        public double unpackedMillis() {
            return ((Number) js("return window.cumuloReport.unpackedMs;")).doubleValue();
        }

        /** Milliseconds from the start of navigation until plotly.js was unpacked and loaded. */
        public double plotlyMillis() {
            return ((Number) js("return window.cumuloReport.plotlyMs;")).doubleValue();
        }

        /** The ids ({@code data-chart-id}) of the chart elements, in page order. */
        @SuppressWarnings("unchecked")
        public List<String> chartIds() {
            return (List<String>) js("return Array.prototype.map.call(document.querySelectorAll('.cumulo-chart'),"
                    + " function (d) { return d.getAttribute('data-chart-id'); });");
        }

        /** True when Plotly drew chart {@code id} (it has data, a layout and an SVG). */
        public boolean isDrawn(String id) {
            return Boolean.TRUE.equals(js("var d = document.getElementById('chart-' + arguments[0]);"
                    + " return !!(d && d.data && d._fullLayout && d.querySelector('svg.main-svg'));", id));
        }

        /** The Plotly trace types of chart {@code id}, in order (e.g. scatter, scattergl, bar, heatmap, box). */
        @SuppressWarnings("unchecked")
        public List<String> traceTypes(String id) {
            return (List<String>) js("var d = document.getElementById('chart-' + arguments[0]);"
                    + " return d && d.data ? d.data.map(function (t) { return t.type || 'scatter'; }) : null;", id);
        }

        public int traceCount(String id) {
            List<String> types = traceTypes(id);
            return types == null ? -1 : types.size();
        }

        /** Points over the chart's scatter/scattergl traces, as Plotly holds them. */
        public long pointCount(String id) {
            return ((Number) js("var d = document.getElementById('chart-' + arguments[0]); var n = 0;"
                    + " (d.data || []).forEach(function (t) {"
                    + "   if (!t.type || t.type === 'scatter' || t.type === 'scattergl') { n += (t.x || []).length; } });"
                    + " return n;", id)).longValue();
        }

        /** The chart's {@code layout.shapes} (the reference lines), as Plotly holds them. */
        public long shapeCount(String id) {
            return ((Number) js("var d = document.getElementById('chart-' + arguments[0]);"
                    + " return ((d.layout || {}).shapes || []).length;", id)).longValue();
        }

        /** The chart's title as Plotly drew it (SVG text, entities decoded). */
        public String drawnTitle(String id) {
            return (String) js("var t = document.querySelector('#chart-' + arguments[0] + ' .gtitle');"
                    + " return t ? t.textContent : null;", id);
        }

        /** The text of an element found by CSS selector, or null. */
        public String text(String cssSelector) {
            List<WebElement> found = driver.findElements(By.cssSelector(cssSelector));
            return found.isEmpty() ? null : found.get(0).getText();
        }

        /** Every URL the page loaded ({@code performance.getEntriesByType('resource')}). */
        @SuppressWarnings("unchecked")
        public List<String> resources() {
            return (List<String>) js("return performance.getEntriesByType('resource').map(function (e) { return e.name; });");
        }

        /** Loaded URLs other than data: and blob: ones; a self-contained report has none. */
        public List<String> networkResources() {
            return resources().stream().filter(u -> !u.startsWith("data:") && !u.startsWith("blob:")).toList();
        }

        /** The visible part of the page as PNG, saved to {@code file}. */
        public Screenshot screenshot(Path file) {
            return save(((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES), file);
        }

        /** Chart {@code id} alone (scrolled into view) as PNG, saved to {@code file}. */
        public Screenshot screenshotChart(String id, Path file) {
            WebElement chart = driver.findElement(By.id("chart-" + id));
            return save(chart.getScreenshotAs(OutputType.BYTES), file);
        }

        /** Evaluates {@code script} in the page (for checks this class does not offer). */
        public Object eval(String script, Object... args) {
            return js(script, args);
        }

        private Screenshot save(byte[] png, Path file) {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.write(file, png);
                return Screenshot.of(png, file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * A saved screenshot and how much it shows: a blank page has one colour and no non-white pixels, a drawn
     * chart has a few hundred colours (anti-aliasing) and a good share of non-white pixels.
     *
     * @param distinctColors   distinct RGB values (counted up to 100,000)
     * @param nonWhiteFraction share of pixels that are not (near) white
     */
    public record Screenshot(Path file, int width, int height, int distinctColors, double nonWhiteFraction) {
        static Screenshot of(byte[] png, Path file) throws IOException {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
            if (img == null) {
                throw new IOException("the screenshot is not a PNG: " + file);
            }
            Set<Integer> colors = new HashSet<>();
            long nonWhite = 0;
            for (int y = 0; y < img.getHeight(); y++) {
                for (int x = 0; x < img.getWidth(); x++) {
                    int rgb = img.getRGB(x, y) & 0xFFFFFF;
                    if (colors.size() < 100_000) {
                        colors.add(rgb);
                    }
                    int r = rgb >>> 16;
                    int g = (rgb >>> 8) & 0xFF;
                    int b = rgb & 0xFF;
                    if (r < 245 || g < 245 || b < 245) {
                        nonWhite++;
                    }
                }
            }
            return new Screenshot(file, img.getWidth(), img.getHeight(), colors.size(),
                    (double) nonWhite / ((long) img.getWidth() * img.getHeight()));
        }

        /** Not blank: at least {@code minColors} colours and {@code minNonWhite} of the pixels not white. */
        public boolean shows(int minColors, double minNonWhite) {
            return distinctColors >= minColors && nonWhiteFraction >= minNonWhite;
        }
    }

    /** For diagnostics: {@code cumuloReport} as the page holds it. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> state() {
        return (Map<String, Object>) ((JavascriptExecutor) driver).executeScript("return window.cumuloReport;");
    }
}
