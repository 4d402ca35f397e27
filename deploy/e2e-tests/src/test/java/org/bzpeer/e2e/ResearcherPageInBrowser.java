package org.bzpeer.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import com.jayway.jsonpath.JsonPath;

/**
 * A person's view of the researcher pages: headless Chromium (Debian's {@code chromium}, driven through the system
 * {@code chromedriver}, never a downloaded one) loading pages from running services, with what a reader sees
 * asserted through the DOM, an axe-core accessibility check, the page's own first-render mark read from the
 * Performance API, and screenshots written to {@code target/screenshots}.
 */
final class ResearcherPageInBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Why the browser test is skipped on a machine without them ({@code .ci/run} installs them). */
    static final String MISSING = "the browser test needs Debian's chromium and chromium-driver (" + CHROMIUM + ", "
            + CHROMEDRIVER + "): apt-get install -y chromium chromium-driver; skipping";
    static final Dimension DESKTOP = new Dimension(1280, 900);
    static final Dimension PHONE = new Dimension(390, 844);
    /** The mark author-page.js sets once identity and trust are drawn. */
    private static final String FIRST_RENDER_MARK = "bzpeer:identity-and-trust-rendered";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final ChromeDriver driver;
    private final String baseUrl;
    private final Path screenshots;

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** Starts the browser at desktop size; pages are loaded from {@code baseUrl} (profile-service). */
    ResearcherPageInBrowser(String baseUrl, Path targetDirectory) {
        this.baseUrl = baseUrl;
        this.screenshots = targetDirectory.resolve("screenshots");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-first-run", "--window-size=" + DESKTOP.width + "," + DESKTOP.height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(targetDirectory.resolve("e2e-logs/chromedriver.log").toFile())
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(PATIENCE).pageLoadTimeout(PATIENCE);
    }

    /** Loads {@code path} at the given window size and waits until {@code ready} is true. */
    void open(String path, Dimension size, Supplier<Boolean> ready) {
        driver.manage().window().setSize(size);
        driver.get(baseUrl + path);
        await().atMost(PATIENCE).ignoreExceptions().until(ready::get);
    }

    WebElement field(String name) {
        return driver.findElement(By.cssSelector("[data-field='" + name + "']"));
    }

    List<WebElement> all(String cssSelector) {
        return driver.findElements(By.cssSelector(cssSelector));
    }

    /** The visible text of every element matching {@code cssSelector}, in document order. */
    List<String> texts(String cssSelector) {
        return all(cssSelector).stream().map(WebElement::getText).toList();
    }

    Object script(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
    }

    /** Milliseconds from navigation start to the page's first-render mark, or null when it was not set. */
    Double firstRenderMillis() {
        Object time = script("const mark = performance.getEntriesByName(arguments[0])[0];"
                + "return mark ? mark.startTime : null;", FIRST_RENDER_MARK);
        return time == null ? null : ((Number) time).doubleValue();
    }

    /** Milliseconds from navigation start to the end of the HTML response and to DOMContentLoaded. */
    Map<String, Double> navigationTimings() {
        @SuppressWarnings("unchecked")
        Map<String, Number> timings = (Map<String, Number>) script("const n = performance.getEntriesByType"
                + "('navigation')[0];"
                + " return {responseEnd: n.responseEnd, domContentLoaded: n.domContentLoadedEventEnd};");
        return Map.of("responseEnd", timings.get("responseEnd").doubleValue(),
                "domContentLoaded", timings.get("domContentLoaded").doubleValue());
    }

    /**
     * Runs axe-core (vendored, see {@code src/test/resources/axe-core}) on the current page and returns its
     * violations as {@code impact id: help (first elements)}; prints them all.
     */
    List<String> accessibilityViolations(String what) {
        script(axeSource());
        Object result = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']})
                    .then(r => done(JSON.stringify(r.violations.map(v => ({impact: v.impact, id: v.id, help: v.help,
                        nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))))
                    .catch(e => done(JSON.stringify([{impact: 'critical', id: 'axe-failed', help: String(e),
                        nodes: []}])));
                """);
        List<Map<String, Object>> violations = JsonPath.parse((String) result).read("$");
        List<String> described = violations.stream().map(v -> v.get("impact") + " " + v.get("id") + ": "
                + v.get("help") + " " + v.get("nodes")).toList();
        System.out.printf(Locale.ROOT, "axe-core on %s: %d violation(s)%s%n", what, described.size(),
                described.isEmpty() ? "" : "\n  " + String.join("\n  ", described));
        return described;
    }

    /** Saves a screenshot of the whole page (the window is stretched to its height for the shot). */
    Path screenshot(String name) {
        script("window.scrollTo(0, 0);");
        Dimension size = driver.manage().window().getSize();
        long height = ((Number) script("return document.documentElement.scrollHeight;")).longValue();
        driver.manage().window().setSize(new Dimension(size.width, (int) Math.min(Math.max(height, size.height),
                8000)));
        try {
            Files.createDirectories(screenshots);
            Path file = screenshots.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(size);
        }
    }

    /** Signs in through the page header with a pasted token, as a developer does with dev-tokens.env. */
    void signIn(String token) {
        WebElement header = driver.findElement(By.id("site-header"));
        if (!header.findElements(By.cssSelector("[data-action='sign-out']")).isEmpty()) {
            header.findElement(By.cssSelector("[data-action='sign-out']")).click();
            await().atMost(PATIENCE).ignoreExceptions()
                    .until(() -> !driver.findElements(By.cssSelector(".sign-in summary")).isEmpty());
        }
        driver.findElement(By.cssSelector(".sign-in summary")).click();
        driver.findElement(By.id("token-input")).sendKeys(token);
        driver.findElement(By.cssSelector(".sign-in button[type='submit']")).click();
        await().atMost(PATIENCE).ignoreExceptions()
                .until(() -> field("signed-in-as").getText().startsWith("Signed in as"));
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static String axeSource() {
        try (InputStream axe = ResearcherPageInBrowser.class.getResourceAsStream("/axe-core/axe.min.js")) {
            return new String(axe.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
