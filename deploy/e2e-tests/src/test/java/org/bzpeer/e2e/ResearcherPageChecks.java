package org.bzpeer.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import com.jayway.jsonpath.DocumentContext;

/**
 * What a person sees and does on the researcher pages, asserted in a real browser ({@link ResearcherPageInBrowser}):
 * the sections of the seed page in its order, the works in the seed page's order, the graph drawn, signing in with a
 * pasted token, follow and unfollow, claim, the owner's edit, a collaboration request and the explorer. Accessibility
 * violations of impact serious or critical fail the check; screenshots are saved at desktop and phone size.
 */
final class ResearcherPageChecks {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final List<String> SEED_SECTION_ORDER = List.of("identity", "trust", "actions", "claim",
            "collaboration", "graph", "works");

    private final ResearcherPageInBrowser browser;

    ResearcherPageChecks(ResearcherPageInBrowser browser) {
        this.browser = browser;
    }

    /** A reader finds the researcher called {@code name} on the search page and follows the link to their page. */
    void findFromTheSearchPage(String name, String id) {
        browser.open("/", ResearcherPageInBrowser.DESKTOP, () -> browser.all("#search-input").get(0).isDisplayed());
        browser.all("#search-input").get(0).sendKeys(name);
        browser.all("[data-field='search-form'] button[type='submit']").get(0).click();
        String result = "[data-field='results'] a[href='/authors/" + id + "']";
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> assertThat(browser.all(result))
                .as("results, search status '%s'", browser.field("search-status").getText()).hasSize(1));
        noSeriousAccessibilityViolations("the search page");
        browser.all(result).get(0).click();
        await().atMost(PATIENCE).ignoreExceptions().until(this::identityAndTrustShown);
        assertThat(browser.field("name").getText()).isEqualTo(name);
    }

    /**
     * The demo researcher's page read anonymously, compared with {@code profile} (the profile API's answer) and with
     * the works of the seed page ({@code "type year venue title"}, in order); then the same page on a phone.
     */
    void theDemoResearchersPage(DocumentContext profile, List<String> seedWorkHeadings) {
        String id = profile.read("$.id");
        browser.open("/authors/" + id, ResearcherPageInBrowser.DESKTOP, this::identityAndTrustShown);
        Double coldRender = browser.firstRenderMillis();
        Map<String, Double> navigation = browser.navigationTimings();

        assertThat(browser.all("[data-section]").stream().map(section -> section.getAttribute("data-section")))
                .as("sections in the seed page's order").containsExactlyElementsOf(SEED_SECTION_ORDER);
        assertThat(browser.field("name").getText()).isEqualTo("Carole-Jean Wu");
        assertThat(browser.field("description").getText()).isEqualTo(profile.read("$.description"));
        assertThat(browser.texts("[data-field='badges'] li")).containsExactly("Researcher",
                "Affiliation not imported", "Open to collaborate: not yet stated");
        assertThat(browser.texts("[data-field='trust-badges'] li")).containsExactly(
                "Trust " + profile.read("$.trust.label"), "Verification L1", "Unclaimed author");
        assertThat(profile.<String>read("$.trust.label")).matches("\\d+ - \\w+");
        theTrustExplanationIsOneClickAway(profile);
        assertThat(browser.texts("[data-field='counters'] li")).containsExactly(
                "26\nworks", profile.read("$.counts.followers") + "\nfollowers",
                profile.read("$.counts.topics") + "\ntopics",
                profile.read("$.counts.closeCollaborators") + "\nclose collaborators");
        assertThat(browser.field("follow-label").getText()).isEqualTo("Follow researcher");
        assertThat(followers()).isEqualTo(profile.<Integer>read("$.counts.followers"));
        assertThat(browser.field("claim").getText()).startsWith("Log in to claim");
        assertThat(browser.field("collaboration").getText())
                .isEqualTo("Claim this author entity first to unlock direct invitations.");
        assertThat(browser.field("explorer-link").getText()).isEqualTo("Open full explorer");
        assertThat(browser.field("explorer-link").getAttribute("href")).endsWith("/authors/" + id + "/explorer");
        theGraphIsDrawn();
        assertThat(browser.field("works-count").getText()).isEqualTo("26 published item(s)");
        assertThat(allWorkHeadings()).as("the works, paged, in the seed page's order")
                .containsExactlyElementsOf(seedWorkHeadings);
        noSeriousAccessibilityViolations("the researcher page, desktop");
        browser.screenshot("researcher-page-desktop");

        browser.open("/authors/" + id, ResearcherPageInBrowser.PHONE, this::identityAndTrustShown);
        Double warmRender = browser.firstRenderMillis();
        theGraphIsDrawn();
        assertThat(((Number) browser.script("return document.documentElement.scrollWidth - window.innerWidth;"))
                .intValue()).as("no sideways scrolling on a phone").isLessThanOrEqualTo(0);
        noSeriousAccessibilityViolations("the researcher page, phone");
        browser.screenshot("researcher-page-phone");

        assertThat(coldRender).as("the page marks its first render").isNotNull();
        System.out.printf(Locale.ROOT, "Researcher page of the demo researcher, identity and trust rendered %.0f ms "
                        + "after navigation start (opened from the search page: HTML received at %.0f ms, "
                        + "DOMContentLoaded %.0f ms); loaded again at phone size %.0f ms%n", coldRender,
                navigation.get("responseEnd"), navigation.get("domContentLoaded"), warmRender);
    }

    /** Signs in, follows the researcher (the count goes up by one), unfollows (it comes back). */
    void followAndUnfollow(String authorId, String userToken) {
        browser.open("/authors/" + authorId, ResearcherPageInBrowser.DESKTOP, this::identityAndTrustShown);
        browser.signIn(userToken);
        await().atMost(PATIENCE).ignoreExceptions().until(this::identityAndTrustShown);
        int before = followers();
        assertThat(browser.field("follow").getAttribute("aria-pressed")).isEqualTo("false");

        browser.field("follow").click();
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
            assertThat(browser.field("follow-status").getText()).isEqualTo("You follow this researcher.");
            assertThat(browser.field("follow").getAttribute("aria-pressed")).isEqualTo("true");
            assertThat(browser.field("follow-label").getText()).isEqualTo("Following");
            assertThat(followers()).isEqualTo(before + 1);
        });
        browser.field("follow").click();
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
            assertThat(browser.field("follow-status").getText()).isEqualTo("You no longer follow this researcher.");
            assertThat(browser.field("follow").getAttribute("aria-pressed")).isEqualTo("false");
            assertThat(followers()).isEqualTo(before);
        });
    }

    /**
     * The explorer of {@code first} shows the co-author {@code second}; expanding {@code second} brings in
     * {@code third}; the path from {@code first} to {@code third} (asked for by name) is two steps, highlighted.
     */
    void theExplorer(String first, String second, String third, String thirdName) {
        browser.open("/authors/" + first + "/explorer", ResearcherPageInBrowser.DESKTOP,
                () -> !browser.all("[data-node-id='author:" + second + "']").isEmpty());
        assertThat(browser.all("[data-node-id='author:" + third + "']")).as("before expanding").isEmpty();
        int before = browser.all("svg.graph .node").size();

        browser.all("[data-node-id='author:" + second + "']").get(0).click();
        await().atMost(PATIENCE).ignoreExceptions()
                .until(() -> !browser.all("[data-node-id='author:" + third + "']").isEmpty());
        assertThat(browser.all("svg.graph .node").size()).as("nodes after expanding").isGreaterThan(before);
        assertThat(browser.field("graph-status").getText()).startsWith("Expanded Second Author");

        WebElement to = browser.all("#path-to").get(0);
        to.sendKeys(thirdName);
        browser.all("[data-field='path-form'] button[type='submit']").get(0).click();
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() ->
                assertThat(browser.field("path-status").getText()).endsWith("are 2 step(s) apart."));
        assertThat(browser.texts("[data-field='path'] li")).hasSize(2);
        assertThat(browser.all("svg.graph .edge.highlighted")).hasSize(2);
        noSeriousAccessibilityViolations("the explorer");
        browser.screenshot("explorer");
    }

    /**
     * {@code owner} claims {@code authorId} on its page, saves a description and opens it to collaboration;
     * {@code colleague} then sends a collaboration request from the same page.
     */
    void claimEditAndAskToCollaborate(String authorId, String owner, String colleague) {
        browser.open("/authors/" + authorId, ResearcherPageInBrowser.DESKTOP, this::identityAndTrustShown);
        browser.signIn(owner);
        await().atMost(PATIENCE).ignoreExceptions().until(() -> browser.field("claim").getText()
                .contains("Claim this author record"));
        browser.field("claim").findElement(By.tagName("button")).click();
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
            assertThat(browser.field("claim-status").getText()).isEqualTo("You have claimed this author record.");
            assertThat(browser.texts("[data-field='trust-badges'] li")).contains("Claimed author");
        });

        browser.all("#description-input").get(0).sendKeys("Builds joint works.");
        browser.all("[data-field='owner-form'] input[name='openToCollaborate']").get(0).click();
        browser.all("[data-field='owner-form'] button[type='submit']").get(0).click();
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
            assertThat(browser.field("claim-status").getText()).isEqualTo("Your profile is saved.");
            assertThat(browser.field("description").getText()).isEqualTo("Builds joint works.");
            assertThat(browser.field("open-to-collaborate").getText()).isEqualTo("Open to collaborate");
        });

        browser.signIn(colleague);
        await().atMost(PATIENCE).ignoreExceptions()
                .until(() -> browser.all("#collaboration-message").get(0).isDisplayed());
        browser.all("#collaboration-message").get(0).sendKeys("Shall we write the survey together?");
        browser.all("[data-field='collaboration-form'] button[type='submit']").get(0).click();
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() ->
                assertThat(browser.field("collaboration-status").getText()).isEqualTo("Your request was sent."));
        browser.screenshot("researcher-page-signed-in");
    }

    private boolean identityAndTrustShown() {
        return !browser.field("name").getText().startsWith("Loading")
                && browser.field("trust-badges").getText().contains("Verification");
    }

    private void theTrustExplanationIsOneClickAway(DocumentContext profile) {
        WebElement explanation = browser.field("trust-explanation");
        assertThat(explanation.getAttribute("open")).as("closed at first").isNull();
        explanation.findElement(By.tagName("summary")).click();
        List<String> components = browser.texts("[data-field='trust-components'] li");
        assertThat(components).hasSize(profile.<List<Object>>read("$.trust.components").size())
                .allSatisfy(component -> assertThat(component).matches("(?s).+: \\d+ of \\d+ .+"));
    }

    private void theGraphIsDrawn() {
        await().atMost(PATIENCE).ignoreExceptions()
                .until(() -> !browser.all("[data-field='graph'] svg.graph .node").isEmpty());
        assertThat(browser.all("svg.graph .node[data-type='author']")).as("the researcher").hasSize(1);
        assertThat(browser.all("svg.graph .node[data-type='work']")).as("papers").isNotEmpty();
        assertThat(browser.all("svg.graph .edge")).as("edges").isNotEmpty();
        assertThat(browser.field("graph").getText()).contains("papers", "people", "topics", "institutions");
    }

    /** Pages through the works with "Show more works" and answers every work as "type year venue title". */
    private List<String> allWorkHeadings() {
        await().atMost(PATIENCE).ignoreExceptions().until(() -> !browser.all("li.work").isEmpty());
        for (int pages = 1; browser.field("more-works").isDisplayed(); pages++) {
            assertThat(pages).as("pages of works; the last one hides \"Show more works\"").isLessThan(10);
            int shown = browser.all("li.work").size();
            browser.field("more-works").click();
            await().atMost(PATIENCE).ignoreExceptions().until(() -> browser.all("li.work").size() > shown);
        }
        return browser.all("li.work").stream().map(work -> String.join(" ",
                work.findElement(By.className("work-type")).getText(),
                work.findElement(By.className("work-year")).getText(),
                work.findElement(By.className("work-venue")).getText(),
                work.findElement(By.className("work-title")).getText())).toList();
    }

    private int followers() {
        return Integer.parseInt(browser.field("follower-count").getText().replace(",", ""));
    }

    private void noSeriousAccessibilityViolations(String what) {
        assertThat(browser.accessibilityViolations(what)).as("serious or critical axe-core violations on " + what)
                .noneMatch(violation -> violation.startsWith("serious") || violation.startsWith("critical"));
    }
}
