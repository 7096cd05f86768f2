package org.billingsdk.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.billingsdk.core.Billing;
import org.billingsdk.core.Scope;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.payment.PaymentMethod;
import org.billingsdk.core.subscription.SubscriptionFilter;
import org.billingsdk.core.subscription.SubscriptionState;
import org.billingsdk.core.subscription.SubscriptionView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The reference portal in a real browser: headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}) driven by Selenium walks every section of the product guide as each demo
 * user, checks what the page shows and what the SDK then holds, and writes a screenshot of each
 * section to {@code examples/target/screenshots/}. Skipped, with one line saying how to install the
 * browser, where it is not installed; {@code .ci/run} installs it and fails if these did not run.
 */
class PortalBrowserTest {

    /** Debian's paths; other systems name theirs with {@code -Dportal.chromium} and {@code -Dportal.chromedriver}. */
    private static final Path CHROMIUM = Path.of(System.getProperty("portal.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("portal.chromedriver",
            "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static ChromeDriver browser;
    private PortalServer portal;
    private Billing billing;
    private WebDriverWait wait;

    @BeforeAll
    static void startBrowser() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed) {
            System.out.println("Browser tests skipped: no Chromium; install Debian's with "
                    + "'apt-get install chromium chromium-driver' (.ci/run does).");
        }
        Assumptions.assumeTrue(installed, "Chromium is not installed: apt-get install chromium chromium-driver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1440,1200", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void start() {
        portal = PortalServer.start(0);
        billing = portal.billing();
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.ignoring(StaleElementReferenceException.class);
        browser.manage().deleteAllCookies();
    }

    @AfterEach
    void stop() {
        portal.close();
    }

    @Test
    void theParentAdminSeesItsAndItsChildrensSubscriptionsAndChangesSeatsWithAPreview() {
        signIn("alice");

        assertThat(rowsOf("Acme Holding")).isNotEmpty();
        assertThat(rowsOf("Acme Berlin")).isNotEmpty();
        assertThat(rowsOf("Acme Amsterdam")).isNotEmpty();
        WebElement siem = row("Acme Amsterdam", "siem-annual-contract");
        assertThat(siem.getText()).contains("Managed SIEM").contains("EUR 1200.00 / year").contains("ACTIVE");
        assertThat(cell(row("Acme Holding", "edr-monthly"), 5).getText()).matches("\\d{4}-\\d{2}-\\d{2}");
        screenshot("1-subscriptions");

        previewSeats("Acme Holding", 45);
        WebElement total = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#change-result [data-preview=total]")));
        assertThat(total.getText()).startsWith("Total EUR ");
        assertThat(browser.findElements(By.cssSelector("#change-result [data-preview=invoice] tbody tr"))).isNotEmpty();
        assertThat(seats("alice", "Acme Holding")).as("a preview changes nothing").isEqualTo(40);
        screenshot("2-change-preview", browser.findElement(By.id("change-panel")));
        browser.findElement(By.id("change-confirm")).click();
        waitStatus("Changed now.");

        assertThat(seats("alice", "Acme Holding")).isEqualTo(45);
        assertThat(row("Acme Holding", "edr-seats").getText()).contains("45").contains("EUR 220.50 / month");
    }

    @Test
    void theListShowsItsFirstPageAndShowMoreAppendsTheNext() {
        signIn("alice");
        List<String> expected = billing.subscriptions().all(actor("alice"), actor("alice").companyId(),
                Scope.WITH_DESCENDANTS).stream().map(view -> view.subscriptionId().toString()).toList();

        wait.until(driver -> subscriptionIds().size() == PortalApi.SUBSCRIPTION_PAGE);
        List<String> firstPage = subscriptionIds();
        WebElement firstRow = browser.findElement(By.cssSelector("#subscriptions tr[data-subscription]"));
        assertThat(firstPage).containsExactlyElementsOf(expected.subList(0, PortalApi.SUBSCRIPTION_PAGE));
        assertThat(summary()).isEqualTo("Showing 50 of " + expected.size() + " subscriptions.");
        WebElement more = browser.findElement(By.id("subscriptions-more"));
        assertThat(more.isDisplayed()).isTrue();
        screenshot("11-show-more", more);

        more.click();
        wait.until(driver -> subscriptionIds().size() == expected.size());

        assertThat(subscriptionIds()).containsExactlyElementsOf(expected);
        assertThat(firstRow.getAttribute("data-subscription")).as("the first page stays, the next is appended")
                .isEqualTo(firstPage.get(0));
        assertThat(summary()).isEqualTo("Showing " + expected.size() + " of " + expected.size() + " subscriptions.");
        assertThat(more.isDisplayed()).isFalse();
        assertThat(rowsOf(String.format("Client %02d", DemoPortal.CLIENTS))).hasSize(1);

        // An action on the second page reloads both pages: the row acted on stays in view.
        action(row("Client 63", "edr-monthly"), "cancel").click();
        browser.findElement(By.id("cancel-acknowledge")).click();
        browser.findElement(By.id("cancel-confirm")).click();
        waitStatus("at the end of the term");
        wait.until(driver -> !cell(row("Client 63", "edr-monthly"), 7).getText().equals("–"));
        assertThat(subscriptionIds()).containsExactlyElementsOf(expected);
        assertThat(view("alice", "Client 63", "edr-monthly").scheduledCancellation()).isNotNull();
    }

    @Test
    void filteringByStateNameAndScheduleNarrowsTheTableAndTheStatesShowTheirCounts() {
        signIn("alice");
        Map<SubscriptionState, Long> byState = billing.subscriptions().count(actor("alice"),
                actor("alice").companyId(), Scope.WITH_DESCENDANTS, SubscriptionFilter.everyState()).byState();
        long total = byState.values().stream().mapToLong(Long::longValue).sum();
        wait.until(driver -> stateOptions().get(0).equals("All (" + total + ")"));
        assertThat(stateOptions()).containsExactly("All (" + total + ")",
                "Active (" + byState.get(SubscriptionState.ACTIVE) + ")",
                "Trialing (" + byState.get(SubscriptionState.TRIALING) + ")",
                "Past due (" + byState.get(SubscriptionState.PAST_DUE) + ")",
                "Cancelled (" + byState.get(SubscriptionState.CANCELLED) + ")");

        Select state = new Select(browser.findElement(By.id("filter-state")));
        state.selectByValue("PAST_DUE");
        long pastDue = byState.get(SubscriptionState.PAST_DUE);
        wait.until(driver -> subscriptionIds().size() == pastDue && states().stream().allMatch("PAST_DUE"::equals));
        assertThat(summary()).isEqualTo("Showing " + pastDue + " of " + pastDue + " subscriptions.");
        assertThat(browser.findElement(By.id("subscriptions-more")).isDisplayed()).isFalse();

        state.selectByValue("");
        WebElement search = browser.findElement(By.id("filter-q"));
        search.sendKeys("BERLIN");
        // Searched for once typing pauses; the counts beside the states are the name's.
        wait.until(driver -> stateOptions().get(0).equals("All (1)"));
        assertThat(companies()).containsExactly("Acme Berlin");
        assertThat(stateOptions()).containsExactly("All (1)", "Active (1)", "Trialing (0)", "Past due (0)",
                "Cancelled (0)");

        search.sendKeys(Keys.chord(Keys.CONTROL, "a"), "client 5", Keys.ENTER);
        List<String> fifties = IntStream.range(50, 60).mapToObj(i -> "Client " + i).toList();
        wait.until(driver -> companies().equals(fifties));
        browser.findElement(By.id("filter-scheduled")).click();
        wait.until(driver -> companies().equals(List.of("Client 57")));
        assertThat(cell(row("Client 57", "edr-monthly"), 7).getText()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(stateOptions()).containsExactly("All (1)", "Active (0)", "Trialing (1)", "Past due (0)",
                "Cancelled (0)");
        screenshot("10-subscription-filters");

        // An action reloads the list with the filters as they are.
        action(row("Client 57", "edr-monthly"), "remove-cancellation").click();
        waitStatus("the service goes on");
        wait.until(driver -> companies().isEmpty());
        assertThat(summary()).isEqualTo("No subscriptions match.");
        assertThat(search.getAttribute("value")).isEqualTo("client 5");
        assertThat(view("alice", "Client 57", "edr-monthly").scheduledCancellation()).isNull();
    }

    @Test
    void cancellingAsksForTheErasureAcknowledgementAndReactivatingShowsTheNewEnvironment() {
        signIn("alice");

        action(row("Acme Holding", "edr-monthly"), "cancel").click();
        browser.findElement(By.id("cancel-confirm")).click();
        waitStatus("acknowledge");
        assertThat(state("alice", "Acme Holding", "edr-monthly")).isEqualTo(SubscriptionState.ACTIVE);
        screenshot("3-cancel-acknowledgement");

        browser.findElement(By.id("cancel-acknowledge")).click();
        browser.findElement(By.id("cancel-confirm")).click();
        waitStatus("Cancelled");
        assertThat(state("alice", "Acme Holding", "edr-monthly")).isEqualTo(SubscriptionState.CANCELLED);
        WebElement cancelled = wait.until(driver -> driver.findElement(By.cssSelector(
                "tr[data-company='Acme Holding'][data-plan='edr-monthly'][data-state='CANCELLED']")));

        action(cancelled, "reactivate").click();
        WebElement status = waitStatus("New environment: ");
        String environment = status.getText().replaceAll(".*New environment: ([^.]+)\\..*", "$1");
        List<SubscriptionView> live = billing.subscriptions().active(actor("alice"), actor("alice").companyId(),
                Scope.COMPANY_ONLY).stream().filter(view -> view.planId().value().equals("edr-monthly")).toList();
        assertThat(live).singleElement().satisfies(view ->
                assertThat(view.environmentId().value()).isEqualTo(environment));
    }

    @Test
    void underAContractCancellingIsScheduledAndTheScheduleCanBeRemoved() {
        signIn("alice");

        action(row("Acme Amsterdam", "siem-annual-contract"), "cancel").click();
        browser.findElement(By.id("cancel-acknowledge")).click();
        browser.findElement(By.id("cancel-confirm")).click();
        waitStatus("at the end of the term");
        SubscriptionView siem = view("alice", "Acme Amsterdam", "siem-annual-contract");
        assertThat(siem.scheduledCancellation()).isEqualTo(siem.contractEnd());
        assertThat(cell(row("Acme Amsterdam", "siem-annual-contract"), 7).getText())
                .isEqualTo(Views.day(siem.contractEnd()));

        action(row("Acme Amsterdam", "siem-annual-contract"), "remove-cancellation").click();
        waitStatus("the service goes on");
        assertThat(view("alice", "Acme Amsterdam", "siem-annual-contract").scheduledCancellation()).isNull();
        assertThat(cell(row("Acme Amsterdam", "siem-annual-contract"), 7).getText()).isEqualTo("–");
    }

    @Test
    void accountDetailsKeepAMandatoryValidMainEmail() {
        signIn("alice");
        tab("account");
        WebElement email = field("#account-form", "mainEmail");
        assertThat(email.getAttribute("value")).isEqualTo("it@acme.example");

        email.clear();
        email.sendKeys("not-an-email");
        submit("#account-form");
        WebElement problem = waitProblem("mainEmail");
        assertThat(problem.getText()).isNotBlank();
        assertThat(email.getAttribute("class")).contains("invalid");
        screenshot("4-account-details");
        email.clear();
        email.sendKeys("security@acme.example");
        submit("#account-form");
        waitStatus("Main email saved.");

        assertThat(billing.accounts().find(actor("alice"), actor("alice").companyId()).mainEmail().value())
                .isEqualTo("security@acme.example");
    }

    @Test
    void billingAndShippingDetailsShowEveryViolationByItsFieldAndStoreValidOnes() {
        signIn("alice");
        tab("billing");
        new Select(browser.findElement(By.cssSelector(".company-select[data-for=billing]"))).selectByVisibleText(
                "Acme Berlin");
        wait.until(driver -> field("#billing-form", "vatNumber").getAttribute("value").equals("DE136695976"));
        Company before = company("alice", "Acme Berlin");

        type("#billing-form", "billingEmail", "invoices@@ber");
        type("#billing-form", "vatNumber", "DE136695977");
        type("#billing-form", "billingAddress.city", "");
        type("#billing-form", "billingAddress.country", "XX");
        submit("#billing-form");
        waitProblem("billingAddress.country");

        for (String name : List.of("billingEmail", "vatNumber", "billingAddress.city", "billingAddress.country")) {
            assertThat(problem(name).getText()).as(name).isNotBlank();
        }
        assertThat(company("alice", "Acme Berlin")).isEqualTo(before);
        screenshot("5-billing-and-shipping");

        type("#billing-form", "billingEmail", "ap@ber.acme.example");
        type("#billing-form", "vatNumber", "de 136 695 976");
        type("#billing-form", "billingAddress.city", "Berlin");
        type("#billing-form", "billingAddress.country", "de");
        type("#billing-form", "shippingAddress.line1", "Lagerweg 5");
        type("#billing-form", "shippingAddress.city", "Berlin");
        type("#billing-form", "shippingAddress.country", "DE");
        submit("#billing-form");
        waitStatus("Billing details saved.");

        Company after = company("alice", "Acme Berlin");
        assertThat(after.billingDetails().billingEmail()).isEqualTo("ap@ber.acme.example");
        assertThat(after.billingDetails().vatNumber()).isEqualTo("DE136695976");
        assertThat(after.billingDetails().shippingAddress().line1()).isEqualTo("Lagerweg 5");
        assertThat(field("#billing-form", "billingAddress.country").getAttribute("value")).isEqualTo("DE");
    }

    @Test
    void paymentMethodsAreSetUpThroughTheProviderMadeDefaultAndRemoved() {
        signIn("alice");
        tab("methods");
        wait.until(driver -> !driver.findElements(By.cssSelector("#methods tr[data-method]")).isEmpty());

        browser.findElement(By.cssSelector("[data-setup=SEPA_VIA_IDEAL]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("setup-panel")));
        assertThat(browser.findElement(By.id("setup-subject")).getText()).contains("iDEAL");
        browser.findElement(By.id("setup-authorize")).click();
        waitStatus("Added ");
        wait.until(driver -> driver.findElements(By.cssSelector("#methods tr[data-method]")).size() == 2);
        screenshot("6-payment-methods");

        WebElement sepa = browser.findElements(By.cssSelector("#methods tr[data-method]")).stream()
                .filter(row -> row.getText().contains("SEPA")).findFirst().orElseThrow();
        String sepaId = sepa.getAttribute("data-method");
        action(sepa, "make-default").click();
        waitStatus("Default payment method changed.");
        assertThat(methods("alice")).filteredOn(PaymentMethod::isDefault).singleElement()
                .satisfies(method -> assertThat(method.id().toString()).isEqualTo(sepaId));

        WebElement card = wait.until(driver -> driver.findElements(By.cssSelector("#methods tr[data-method]")).stream()
                .filter(row -> !row.getAttribute("data-method").equals(sepaId)).findFirst().orElse(null));
        action(card, "remove").click();
        waitStatus("Payment method removed.");
        assertThat(methods("alice")).extracting(method -> method.id().toString()).containsExactly(sepaId);
    }

    @Test
    void theBillingHistoryIsPagedWithCreditNotesTheBalanceAndPdfDownloads() {
        signIn("alice");
        tab("history");
        wait.until(driver -> driver.findElements(By.cssSelector("#history tr[data-entry]")).size() == 10);
        String firstOfPageOne = browser.findElement(By.cssSelector("#history tr[data-entry]")).getAttribute(
                "data-number");
        screenshot("7-billing-history");

        browser.findElement(By.id("history-next")).click();
        wait.until(driver -> !driver.findElement(By.cssSelector("#history tr[data-entry]")).getAttribute("data-number")
                .equals(firstOfPageOne));
        browser.findElement(By.id("history-first")).click();
        wait.until(driver -> driver.findElement(By.cssSelector("#history tr[data-entry]")).getAttribute("data-number")
                .equals(firstOfPageOne));

        new Select(browser.findElement(By.cssSelector(".company-select[data-for=history]"))).selectByVisibleText(
                "Acme Amsterdam");
        // Amsterdam's own page (the group's showed its credit note too): its balance is its own.
        wait.until(ExpectedConditions.textToBe(By.id("balances"), "Credit balance of Acme Amsterdam: EUR 36.30"));
        WebElement note = browser.findElement(By.cssSelector("#history tr[data-entry=creditNote]"));
        assertThat(note.getText()).contains("Credit note on INV-").contains("service not as agreed");
        assertThat(browser.findElements(By.cssSelector("#history tr[data-entry] td:nth-child(2)")))
                .extracting(WebElement::getText).containsOnly("Acme Amsterdam");
        String href = note.findElement(By.cssSelector("a[data-format=PDF]")).getAttribute("href");
        @SuppressWarnings("unchecked")
        Map<String, Object> download = (Map<String, Object>) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0]).then(r => r.arrayBuffer().then(b => done({status: r.status,"
                        + " type: r.headers.get('Content-Type'), start: String.fromCharCode(...new Uint8Array(b)"
                        + ".slice(0, 5))})));", href);
        assertThat(download).containsEntry("status", 200L).containsEntry("type", "application/pdf")
                .containsEntry("start", "%PDF-");
    }

    @Test
    void aChildAdminSeesOnlyItsOwnCompanyAndCannotReachTheParentByEditingIds() {
        signIn("bob");

        assertThat(browser.findElements(By.cssSelector("#subscriptions tr[data-subscription]")))
                .allSatisfy(row -> assertThat(row.getAttribute("data-company")).isEqualTo("Acme Berlin"));
        assertThat(new Select(browser.findElement(By.cssSelector(".company-select[data-for=history]")))
                .getOptions()).extracting(option -> option.getDomProperty("textContent"))
                .containsExactly("Acme Berlin");
        screenshot("8-child-admin");
        String parent = actor("alice").companyId().toString();
        String token = (String) ((JavascriptExecutor) browser).executeScript("return state.session.csrfToken;");

        @SuppressWarnings("unchecked")
        List<Long> statuses = (List<Long>) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "const json = {'Content-Type': 'application/json', 'X-CSRF-Token': arguments[1]};"
                        + "Promise.all(["
                        + "fetch('/api/companies/' + arguments[0] + '/account'),"
                        + "fetch('/api/companies/' + arguments[0] + '/history'),"
                        + "fetch('/api/companies/' + arguments[0] + '/main-email', {method: 'PUT', headers: json,"
                        + " body: JSON.stringify({mainEmail: 'bob@ber.acme.example'})})"
                        + "]).then(answers => done(answers.map(a => a.status)));", parent, token);

        assertThat(statuses).containsExactly(404L, 404L, 404L);
        assertThat(billing.accounts().find(actor("alice"), actor("alice").companyId()).mainEmail().value())
                .isEqualTo("it@acme.example");
    }

    @Test
    void aChildAdminWalksEverySectionAndMeetsOnlyItsOwnCompany() {
        signIn("bob");

        tab("account");
        wait.until(driver -> field("#account-form", "mainEmail").getAttribute("value")
                .equals("ops@ber.acme.example"));
        tab("billing");
        wait.until(driver -> field("#billing-form", "vatNumber").getAttribute("value").equals("DE136695976"));
        assertThat(field("#billing-form", "billingAddress.city").getAttribute("value")).isEqualTo("Berlin");
        tab("methods");
        WebElement sepa = wait.until(driver -> driver.findElement(By.cssSelector("#methods tr[data-method]")));
        assertThat(sepa.getText()).contains("SEPA");
        tab("history");
        wait.until(driver -> !driver.findElements(By.cssSelector("#history tr[data-entry]")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("#history tr[data-entry] td:nth-child(2)")))
                .extracting(WebElement::getText).containsOnly("Acme Berlin");
        tab("subscriptions");
        previewSeats("Acme Berlin", 2);
        WebElement refused = wait.until(driver -> {
            WebElement status = driver.findElement(By.id("status"));
            return "error".equals(status.getAttribute("class")) && !status.getText().isBlank() ? status : null;
        });
        assertThat(refused.getText()).contains("5");
        assertThat(browser.findElement(By.id("change-confirm")).isEnabled()).isFalse();
        assertThat(seats("bob", "Acme Berlin")).isEqualTo(12);
    }

    @Test
    void aRequestWithoutTheCsrfTokenIsRefusedFromThePageToo() {
        signIn("alice");
        String holding = actor("alice").companyId().toString();

        Long status = (Long) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/api/companies/' + arguments[0] + '/main-email', {method: 'PUT', headers:"
                        + " {'Content-Type': 'application/json'}, body: JSON.stringify({mainEmail: 'x@evil.example'})})"
                        + ".then(a => done(a.status));", holding);

        assertThat(status).isEqualTo(403L);
        assertThat(billing.accounts().find(actor("alice"), actor("alice").companyId()).mainEmail().value())
                .isEqualTo("it@acme.example");
    }

    @Test
    void aPartnerManagedCompanyIsToldItsPartnerRunsItsBilling() {
        signIn("pat");

        WebElement banner = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("banner")));
        assertThat(banner.getText()).contains("run by a partner");
        assertThat(browser.findElements(By.cssSelector("#subscriptions tr[data-subscription]"))).isEmpty();
        tab("account");
        WebElement email = field("#account-form", "mainEmail");
        wait.until(driver -> email.getAttribute("value").equals("it@globex.example"));
        email.clear();
        email.sendKeys("pat@globex.example");
        submit("#account-form");
        waitStatus("run by a partner");
        screenshot("9-partner-managed");
        assertThat(billing.accounts().find(actor("pat"), actor("pat").companyId()).mainEmail().value())
                .isEqualTo("it@globex.example");
    }

    @Test
    void textFromTheSdkIsWrittenAsTextNotMarkup() {
        signIn("alice");
        tab("account");
        WebElement email = field("#account-form", "mainEmail");
        wait.until(driver -> !email.getAttribute("value").isEmpty());
        tab("billing");
        wait.until(driver -> !field("#billing-form", "billingAddress.city").getAttribute("value").isEmpty());
        type("#billing-form", "billingAddress.line1", "<img src=x onerror=alert(1)> Damrak 1");
        submit("#billing-form");
        waitStatus("Billing details saved.");
        tab("subscriptions");
        tab("billing");
        wait.until(driver -> field("#billing-form", "billingAddress.line1").getAttribute("value").startsWith("<img"));

        assertThat(browser.findElements(By.cssSelector("img"))).isEmpty();
        assertThat(company("alice", "Acme Holding").billingDetails().billingAddress().line1())
                .isEqualTo("<img src=x onerror=alert(1)> Damrak 1");
    }

    // Driving the page.

    private void signIn(String user) {
        browser.get(portal.url().toString());
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-user=" + user + "]"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("portal")));
        wait.until(driver -> !driver.findElements(By.cssSelector("#subscriptions tbody tr")).isEmpty()
                || driver.findElement(By.id("banner")).isDisplayed());
    }

    private void tab(String name) {
        browser.findElement(By.cssSelector("nav button[data-tab=" + name + "]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tab-" + name)));
    }

    /** Opens the change of {@code company}'s seats, asks for {@code seats} of them and previews it. */
    private void previewSeats(String company, int seats) {
        action(row(company, "edr-seats"), "change").click();
        WebElement quantity = browser.findElement(By.id("change-quantity"));
        quantity.clear();
        quantity.sendKeys(String.valueOf(seats));
        browser.findElement(By.id("change-preview")).click();
    }

    private List<WebElement> rowsOf(String company) {
        return browser.findElements(By.cssSelector("#subscriptions tr[data-company='" + company + "']"));
    }

    private List<String> subscriptionIds() {
        return browser.findElements(By.cssSelector("#subscriptions tr[data-subscription]")).stream()
                .map(row -> row.getAttribute("data-subscription")).toList();
    }

    private List<String> companies() {
        return browser.findElements(By.cssSelector("#subscriptions tr[data-subscription]")).stream()
                .map(row -> row.getAttribute("data-company")).toList();
    }

    private List<String> states() {
        return browser.findElements(By.cssSelector("#subscriptions tr[data-subscription]")).stream()
                .map(row -> row.getAttribute("data-state")).toList();
    }

    private List<String> stateOptions() {
        return new Select(browser.findElement(By.id("filter-state"))).getOptions().stream()
                .map(option -> option.getDomProperty("textContent")).toList();
    }

    private String summary() {
        return browser.findElement(By.id("subscriptions-summary")).getText();
    }

    private WebElement row(String company, String plan) {
        return wait.until(driver -> driver.findElements(By.cssSelector("#subscriptions tr[data-company='" + company
                + "'][data-plan='" + plan + "']")).stream().filter(row -> !"CANCELLED".equals(
                        row.getAttribute("data-state"))).findFirst().orElse(null));
    }

    private static WebElement cell(WebElement row, int index) {
        return row.findElements(By.tagName("td")).get(index);
    }

    private static WebElement action(WebElement row, String action) {
        return row.findElement(By.cssSelector("button[data-action=" + action + "]"));
    }

    private WebElement field(String form, String name) {
        return browser.findElement(By.cssSelector(form + " [name='" + name + "']"));
    }

    private void type(String form, String name, String text) {
        WebElement input = field(form, name);
        input.clear();
        input.sendKeys(text);
    }

    private void submit(String form) {
        browser.findElement(By.cssSelector(form + " button[type=submit]")).click();
    }

    private WebElement problem(String field) {
        return browser.findElement(By.cssSelector("[data-problem='" + field + "']"));
    }

    private WebElement waitProblem(String field) {
        return wait.until(driver -> {
            WebElement problem = problem(field);
            return problem.getText().isBlank() ? null : problem;
        });
    }

    private WebElement waitStatus(String text) {
        return wait.until(driver -> {
            WebElement status = driver.findElement(By.id("status"));
            return status.getText().contains(text) ? status : null;
        });
    }

    private void screenshot(String name) {
        screenshot(name, null);
    }

    /** A screenshot of the window, scrolled so that {@code shown} (when given) is in view. */
    private void screenshot(String name, WebElement shown) {
        if (shown != null) {
            ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'end'});", shown);
        }
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // What the SDK holds.

    private Actor actor(String user) {
        return portal.demo().user(user).orElseThrow().actor();
    }

    private SubscriptionView view(String user, String company, String plan) {
        return billing.subscriptions().all(actor(user), actor(user).companyId(), Scope.WITH_DESCENDANTS).stream()
                .filter(row -> row.companyName().equals(company) && row.planId().value().equals(plan)
                        && row.state() != SubscriptionState.CANCELLED)
                .findFirst().orElseThrow();
    }

    private int seats(String user, String company) {
        return view(user, company, "edr-seats").quantity();
    }

    private SubscriptionState state(String user, String company, String plan) {
        return billing.subscriptions().all(actor(user), actor(user).companyId(), Scope.WITH_DESCENDANTS).stream()
                .filter(row -> row.companyName().equals(company) && row.planId().value().equals(plan))
                .map(SubscriptionView::state).reduce((a, b) -> b).orElseThrow();
    }

    private Company company(String user, String name) {
        return billing.accounts().tree(actor(user), actor(user).companyId()).stream()
                .filter(company -> company.name().equals(name)).findFirst().orElseThrow();
    }

    private List<PaymentMethod> methods(String user) {
        return billing.paymentMethods().list(actor(user), actor(user).companyId());
    }
}
