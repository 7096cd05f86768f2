package org.billingsdk.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import org.billingsdk.core.Billing;
import org.billingsdk.core.InvalidInputException;
import org.billingsdk.core.PageRequest;
import org.billingsdk.core.Scope;
import org.billingsdk.core.Violation;
import org.billingsdk.core.catalog.BillingInterval;
import org.billingsdk.core.catalog.NewPlan;
import org.billingsdk.core.catalog.NewProduct;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.catalog.Product;
import org.billingsdk.core.catalog.ProductCode;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.Address;
import org.billingsdk.core.company.BillingDetails;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CountryCode;
import org.billingsdk.core.company.NewCompany;
import org.billingsdk.core.company.VatNumber;
import org.billingsdk.core.history.HistoryEntry;
import org.billingsdk.core.history.InvoiceSummary;
import org.billingsdk.core.memory.InMemoryStorage;
import org.billingsdk.core.port.AuditLog;
import org.billingsdk.core.port.CatalogStore;
import org.billingsdk.core.port.CompanyStore;
import org.billingsdk.core.port.CustomerStore;
import org.billingsdk.core.port.EventOutbox;
import org.billingsdk.core.port.InvoiceNumbering;
import org.billingsdk.core.port.InvoiceStore;
import org.billingsdk.core.port.PaymentMethodStore;
import org.billingsdk.core.port.PaymentSetupStore;
import org.billingsdk.core.port.PaymentStore;
import org.billingsdk.core.port.Storage;
import org.billingsdk.core.port.SubscriptionStore;
import org.billingsdk.core.testing.BillingFixture;
import org.billingsdk.core.testing.ForwardingStorage;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Throws a corpus of malformed inputs at the public operations and value factories of
 * {@link Billing}: each must be refused (an {@link InvalidInputException} naming the field, or for a
 * value factory an {@link IllegalArgumentException} / {@link NullPointerException} with a message)
 * with nothing stored. Injection strings in otherwise valid text must be accepted and stored verbatim.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputCorpusTest {

    private static final String SCRIPT = "<script>alert(1)</script> & \"x\" 'y'";

    private final AtomicInteger tried = new AtomicInteger();
    private final AtomicInteger refusedWithNamedViolation = new AtomicInteger();
    private final AtomicInteger storedAnyway = new AtomicInteger();
    private final AtomicInteger injectionStoredVerbatim = new AtomicInteger();

    private final AtomicInteger writes = new AtomicInteger();
    private BillingFixture fixture;
    private Billing billing;
    private Company root;
    private Company child;
    private Actor rootActor;
    private final AtomicInteger planSequence = new AtomicInteger();
    private final AtomicInteger companySequence = new AtomicInteger();

    /** One labelled input: what to call and which field must be named, or how the factory must refuse. */
    private record Case(String label, Kind kind, String field, Runnable call, Supplier<String> storedValue,
            String expectedStored) {
    }

    private enum Kind { OPERATION, FACTORY, INJECTION }

    @BeforeAll
    void setUp() {
        fixture = BillingFixture.builder().storage(counting(InMemoryStorage.create())).build();
        billing = fixture.billing;
        root = fixture.root("Corpus Root");
        child = fixture.child(root, "Corpus Child");
        rootActor = BillingFixture.actor(root);
    }

    @AfterAll
    void summary() {
        System.out.printf("bad inputs tried: %d, refused with a named violation: %d, stored anyway: %d, "
                + "injection strings stored verbatim: %d%n", tried.get(), refusedWithNamedViolation.get(),
                storedAnyway.get(), injectionStoredVerbatim.get());
        assertThat(tried.get()).isGreaterThanOrEqualTo(200);
        assertThat(refusedWithNamedViolation.get()).isEqualTo(tried.get());
        assertThat(storedAnyway.get()).isZero();
        assertThat(injectionStoredVerbatim.get()).isGreaterThanOrEqualTo(10);
    }

    @TestFactory
    Stream<DynamicTest> everyMalformedInputIsRefusedAndNothingIsStored() {
        return corpus().stream()
                .filter(c -> c.kind() != Kind.INJECTION)
                .map(c -> DynamicTest.dynamicTest(c.kind() + " " + c.label(), () -> runRefused(c)));
    }

    @TestFactory
    Stream<DynamicTest> injectionStringsInValidTextAreStoredVerbatim() {
        return corpus().stream()
                .filter(c -> c.kind() == Kind.INJECTION)
                .map(c -> DynamicTest.dynamicTest(c.label(), () -> runInjection(c)));
    }

    @Test
    void scriptInNameAndAddressIsEscapedInTheInvoiceDocument() {
        Company company = billing.accounts().register(NewCompany.of(SCRIPT, "script@example.com")
                .withBillingDetails(BillingDetails.builder()
                        .billingAddress(new Address(SCRIPT, SCRIPT, "1012 LG", SCRIPT, SCRIPT, "NL")).build()));
        fixture.addCard(company, company);
        Actor actor = BillingFixture.actor(company);
        billing.subscriptions().subscribe(actor, company.id(), fixture.monthly.id());
        List<InvoiceSummary> invoices = HistoryEntry.invoices(billing.invoices()
                .history(actor, company.id(), Scope.COMPANY_ONLY, PageRequest.first(10)).items());
        assertThat(invoices).hasSize(1);

        String html = billing.invoices().document(actor, invoices.get(0).id()).text();

        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot; &#39;y&#39;")
                .doesNotContain("<script>").doesNotContain("alert(1)</script>");
    }

    private void runRefused(Case c) {
        tried.incrementAndGet();
        Snapshot before = snapshot();
        Throwable thrown = catchThrowable(c.call()::run);
        Snapshot after = snapshot();
        if (thrown == null || !before.equals(after)) {
            storedAnyway.incrementAndGet();
        }
        assertThat(after).as("storage after %s", c.label()).isEqualTo(before);
        if (c.kind() == Kind.OPERATION) {
            assertThat(thrown).as(c.label()).isInstanceOf(InvalidInputException.class);
            List<Violation> violations = ((InvalidInputException) thrown).violations();
            assertThat(violations).as(c.label()).extracting(Violation::field).contains(c.field());
            assertThat(violations).allSatisfy(v -> assertThat(v.message()).isNotBlank());
        } else {
            assertThat(thrown).as(c.label())
                    .isInstanceOfAny(IllegalArgumentException.class, NullPointerException.class);
            assertThat(thrown.getMessage()).as(c.label()).isNotBlank();
        }
        refusedWithNamedViolation.incrementAndGet();
    }

    private void runInjection(Case c) {
        c.call().run();
        assertThat(c.storedValue().get()).as(c.label()).isEqualTo(c.expectedStored());
        injectionStoredVerbatim.incrementAndGet();
    }

    // ---------------------------------------------------------------- the corpus

    private List<Case> corpus() {
        List<Case> cases = new ArrayList<>();
        emails(cases);
        vatNumbers(cases);
        addresses(cases);
        names(cases);
        catalog(cases);
        factories(cases);
        injections(cases);
        return cases;
    }

    private static final List<String[]> BAD_EMAILS = List.of(
            e("no @", "admin.example.com"),
            e("two @", "admin@@example.com"),
            e("two @ apart", "ad@min@example.com"),
            e("only @", "@"),
            e("nothing before @", "@example.com"),
            e("nothing after @", "admin@"),
            e("space inside", "ad min@example.com"),
            e("space in domain", "admin@exa mple.com"),
            e("empty", ""),
            e("blank", "   "),
            e("NUL", "admin\u0000@example.com"),
            e("line feed", "admin\n@example.com"),
            e("CRLF header injection", "admin@example.com\r\nBcc: evil@example.com"),
            e("tab", "ad\tmin@example.com"),
            e("ESC", "admin\u001b@example.com"),
            e("DEL", "admin\u007f@example.com"),
            e("local part over 64", "a".repeat(65) + "@example.com"),
            e("over 254", "a".repeat(60) + "@" + ("b".repeat(60) + ".").repeat(4) + "com"),
            e("fullwidth at sign", "admin\uFF20example.com"),
            e("small commercial at", "admin\uFE6Bexample.com"),
            e("leading dot", ".admin@example.com"),
            e("double dot", "ad..min@example.com"),
            e("trailing dot in local", "admin.@example.com"),
            e("angle brackets", "Admin <admin@example.com>"),
            e("comma list", "a@example.com,b@example.com"),
            e("domain starts with dash", "admin@-example.com"),
            e("domain label over 63", "admin@" + "c".repeat(64) + ".com"),
            e("unquoted parenthesis", "ad(min@example.com"),
            e("U+2028 in local part", "admin\u2028@example.com"),
            e("U+2028 in domain", "admin@exam\u2028ple.com"),
            e("right-to-left override", "admin\u202E@example.com"),
            e("zero-width space", "ad\u200Bmin@example.com"),
            e("C1 control NEL", "admin\u0085@example.com"));

    private static String[] e(String label, String value) {
        return new String[] {label, value};
    }

    private void emails(List<Case> cases) {
        for (String[] bad : BAD_EMAILS) {
            String label = bad[0];
            String email = bad[1];
            cases.add(op("register mainEmail: " + label, "mainEmail",
                    () -> billing.accounts().register(NewCompany.of("Email Corp", email))));
            cases.add(op("changeMainEmail: " + label, "mainEmail",
                    () -> billing.accounts().changeMainEmail(rootActor, child.id(), email)));
            if (!email.isBlank()) {
                cases.add(op("updateBillingDetails billingEmail: " + label, "billingEmail",
                        () -> billing.accounts().updateBillingDetails(rootActor, child.id(),
                                details().billingEmail(email).build())));
            }
        }
        cases.add(op("registerChild mainEmail: no @", "mainEmail",
                () -> billing.accounts().registerChild(rootActor, root.id(), NewCompany.of("Kid", "kid.example.com"))));
        cases.add(op("registerChild mainEmail: null", "mainEmail",
                () -> billing.accounts().registerChild(rootActor, root.id(), NewCompany.of("Kid", null))));
        cases.add(op("changeMainEmail: null", "mainEmail",
                () -> billing.accounts().changeMainEmail(rootActor, child.id(), null)));
    }

    private static final List<String[]> BAD_VATS = List.of(
            e("DE wrong check digit", "DE136695977"),
            e("AT wrong check digit", "ATU14343102"),
            e("BE wrong check digit", "BE0406139583"),
            e("NL wrong check digit", "NL123456789B90"),
            e("FR wrong check key", "FR04409414264"),
            e("IT wrong check digit", "IT00743110158"),
            e("PL wrong check digit", "PL5261025422"),
            e("ES wrong check letter", "ES54362415K"),
            e("SE wrong check digit", "SE556058115901"),
            e("PT wrong check digit", "PT501964842"),
            e("FI wrong check digit", "FI02459043"),
            e("DK wrong check digit", "DK11965658"),
            e("EL wrong check digit", "EL094013834"),
            e("IE wrong check letter", "IE4731823H"),
            e("LU wrong check digits", "LU10059928"),
            e("SK wrong check digit", "SK1078449164"),
            e("DE too short", "DE13669597"),
            e("DE too long", "DE1366959761"),
            e("AT too short", "ATU1515920"),
            e("AT without U", "AT15159209"),
            e("NL one-digit suffix", "NL853746333B1"),
            e("SE wrong suffix length", "SE55643359201"),
            e("LT 10 digits", "LT1000013541"),
            e("RO one digit", "RO1"),
            e("unknown prefix QQ", "QQ124567"),
            e("unknown prefix ZZ", "ZZ123456789"),
            e("Greece as GR", "GR094259216"),
            e("no prefix", "136695976"),
            e("digit prefix", "1E136695976"),
            e("DE letter among digits", "DE13669597A"),
            e("NL letter O for zero", "NL853746333BO1"),
            e("IT all letters", "ITABCDEFGHIJK"),
            e("PL letter among digits", "PL52610X5421"),
            e("comma inside", "CZ640229,4448"),
            e("NUL inside", "DE136695\u0000976"),
            e("line separator inside", "DE136\u2028695976"),
            e("prefix only", "DE"),
            e("generic too long", "CH1234567890123456"));

    private void vatNumbers(List<Case> cases) {
        for (String[] bad : BAD_VATS) {
            String label = bad[0];
            String vat = bad[1];
            cases.add(op("updateBillingDetails vatNumber: " + label, "vatNumber",
                    () -> billing.accounts().updateBillingDetails(rootActor, child.id(), details().vatNumber(vat).build())));
            cases.add(factory("VatNumber.of: " + label, () -> VatNumber.of(vat)));
        }
        for (String[] bad : BAD_VATS.subList(0, 8)) {
            cases.add(op("register vatNumber: " + bad[0], "billingDetails.vatNumber",
                    () -> billing.accounts().register(NewCompany.of("Vat Corp", "vat@example.com")
                            .withBillingDetails(details().vatNumber(bad[1]).build()))));
        }
        cases.add(factory("VatNumber.of: null", () -> VatNumber.of(null)));
        cases.add(factory("new VatNumber: not normalized", () -> new VatNumber("de136695976")));
    }

    private static final String DAMRAK = "Damrak 1";

    private void addresses(List<Case> cases) {
        record Bad(String label, String field, Address address) {
        }
        List<Bad> bad = List.of(
                new Bad("line1 empty", "line1", Address.of("", "1012 LG", "Amsterdam", "NL")),
                new Bad("line1 blank", "line1", Address.of("   ", "1012 LG", "Amsterdam", "NL")),
                new Bad("line1 null", "line1", Address.of(null, "1012 LG", "Amsterdam", "NL")),
                new Bad("city empty", "city", Address.of(DAMRAK, "1012 LG", "", "NL")),
                new Bad("city blank", "city", Address.of(DAMRAK, "1012 LG", " \t ", "NL")),
                new Bad("city null", "city", Address.of(DAMRAK, "1012 LG", null, "NL")),
                new Bad("country null", "country", Address.of(DAMRAK, "1012 LG", "Amsterdam", null)),
                new Bad("country empty", "country", Address.of(DAMRAK, "1012 LG", "Amsterdam", "")),
                new Bad("country 3 letters", "country", Address.of(DAMRAK, "1012 LG", "Amsterdam", "NLD")),
                new Bad("country 3 letters lower", "country", Address.of(DAMRAK, "1012 LG", "Amsterdam", "nld")),
                new Bad("country unassigned XX", "country", Address.of(DAMRAK, "1012 LG", "Amsterdam", "XX")),
                new Bad("country UK (not ISO)", "country", Address.of(DAMRAK, "1012 LG", "Amsterdam", "UK")),
                new Bad("country EL (VAT prefix, not ISO)", "country", Address.of(DAMRAK, "1012 LG", "Athens", "EL")),
                new Bad("country one letter", "country", Address.of(DAMRAK, "1012 LG", "Amsterdam", "N")),
                new Bad("country digits", "country", Address.of(DAMRAK, "1012 LG", "Amsterdam", "31")),
                new Bad("country name", "country", Address.of(DAMRAK, "1012 LG", "Amsterdam", "Netherlands")),
                new Bad("country with NUL", "country", Address.of(DAMRAK, "1012 LG", "Amsterdam", "N\u0000L")),
                new Bad("country split by space", "country", Address.of(DAMRAK, "1012 LG", "Amsterdam", "N L")),
                new Bad("line1 line feed", "line1", Address.of("Damrak\n1", "1012 LG", "Amsterdam", "NL")),
                new Bad("line1 carriage return", "line1", Address.of("Damrak\r1", "1012 LG", "Amsterdam", "NL")),
                new Bad("line1 NUL", "line1", Address.of("Damrak\u00001", "1012 LG", "Amsterdam", "NL")),
                new Bad("line1 tab", "line1", Address.of("Damrak\t1", "1012 LG", "Amsterdam", "NL")),
                new Bad("line1 U+2028", "line1", Address.of("Damrak\u20281", "1012 LG", "Amsterdam", "NL")),
                new Bad("line1 U+2029", "line1", Address.of("Damrak\u20291", "1012 LG", "Amsterdam", "NL")),
                new Bad("line1 U+0085 NEL", "line1", Address.of("Damrak\u00851", "1012 LG", "Amsterdam", "NL")),
                new Bad("line1 ESC", "line1", Address.of("Damrak\u001b[31m1", "1012 LG", "Amsterdam", "NL")),
                new Bad("line2 line feed", "line2", new Address(DAMRAK, "floor\n2", "1012 LG", "Amsterdam", null, "NL")),
                new Bad("line2 U+2028", "line2", new Address(DAMRAK, "floor\u20282", "1012 LG", "Amsterdam", null, "NL")),
                new Bad("postalCode BEL", "postalCode", Address.of(DAMRAK, "1012\u0007LG", "Amsterdam", "NL")),
                new Bad("postalCode U+2028", "postalCode", Address.of(DAMRAK, "1012\u2028LG", "Amsterdam", "NL")),
                new Bad("city DEL", "city", Address.of(DAMRAK, "1012 LG", "Amster\u007fdam", "NL")),
                new Bad("city U+2029", "city", Address.of(DAMRAK, "1012 LG", "Amster\u2029dam", "NL")),
                new Bad("region line feed", "region", new Address(DAMRAK, null, "1012 LG", "Amsterdam", "Noord\nHolland", "NL")),
                new Bad("line1 201 chars", "line1", Address.of("x".repeat(201), "1012 LG", "Amsterdam", "NL")),
                new Bad("line1 10000 chars", "line1", Address.of("x".repeat(10_000), "1012 LG", "Amsterdam", "NL")),
                new Bad("line2 201 chars", "line2", new Address(DAMRAK, "y".repeat(201), "1012 LG", "Amsterdam", null, "NL")),
                new Bad("postalCode 21 chars", "postalCode", Address.of(DAMRAK, "1".repeat(21), "Amsterdam", "NL")),
                new Bad("city 101 chars", "city", Address.of(DAMRAK, "1012 LG", "c".repeat(101), "NL")),
                new Bad("region 101 chars", "region", new Address(DAMRAK, null, "1012 LG", "Amsterdam", "r".repeat(101), "NL")));
        for (Bad b : bad) {
            cases.add(op("updateBillingDetails billingAddress " + b.label(), "billingAddress." + b.field(),
                    () -> billing.accounts().updateBillingDetails(rootActor, child.id(),
                            BillingDetails.builder().billingAddress(b.address()).build())));
        }
        for (Bad b : bad.subList(0, 12)) {
            cases.add(op("updateBillingDetails shippingAddress " + b.label(), "shippingAddress." + b.field(),
                    () -> billing.accounts().updateBillingDetails(rootActor, child.id(),
                            details().shippingAddress(b.address()).build())));
            cases.add(op("register billingAddress " + b.label(), "billingDetails.billingAddress." + b.field(),
                    () -> billing.accounts().register(NewCompany.of("Address Corp", "address@example.com")
                            .withBillingDetails(BillingDetails.builder().billingAddress(b.address()).build()))));
        }
        cases.add(op("updateBillingDetails: no billing address", "billingAddress",
                () -> billing.accounts().updateBillingDetails(rootActor, child.id(),
                        BillingDetails.builder().billingEmail("billing@example.com").build())));
    }

    private void names(List<Case> cases) {
        List<String[]> bad = List.of(
                e("empty", ""), e("blank", "   "), e("201 chars", "n".repeat(201)),
                e("100000 chars", "n".repeat(100_000)), e("line feed", "ACME\nCorp"), e("CR", "ACME\rCorp"),
                e("NUL", "ACME\u0000Corp"), e("tab", "ACME\tCorp"), e("ESC", "ACME\u001bCorp"),
                e("DEL", "ACME\u007fCorp"), e("U+2028", "ACME\u2028Corp"), e("U+2029", "ACME\u2029Corp"),
                e("U+0085", "ACME\u0085Corp"), e("BEL", "ACME\u0007"));
        for (String[] b : bad) {
            cases.add(op("register name " + b[0], "name",
                    () -> billing.accounts().register(NewCompany.of(b[1], "name@example.com"))));
            cases.add(op("registerChild name " + b[0], "name",
                    () -> billing.accounts().registerChild(rootActor, root.id(), NewCompany.of(b[1], "kid@example.com"))));
            cases.add(op("addProduct name " + b[0], "name",
                    () -> billing.catalog().addProduct(new NewProduct(nextCode(), b[1], "ok"))));
        }
        cases.add(op("register name null", "name",
                () -> billing.accounts().register(NewCompany.of(null, "name@example.com"))));
        cases.add(op("register billingMode null", "billingMode",
                () -> billing.accounts().register(new NewCompany("Mode Corp", "mode@example.com", null, null))));
    }

    private static final List<String[]> BAD_CODES = List.of(
            e("empty", ""), e("blank", "  "), e("leading space", " edr"), e("trailing space", "edr "),
            e("starts with dash", "-edr"), e("starts with dot", ".edr"), e("starts with underscore", "_edr"),
            e("inner space", "edr pro"), e("slash", "edr/pro"), e("accent", "\u00e9dr"), e("65 chars", "a".repeat(65)),
            e("line feed", "edr\n"), e("SQL", "edr';DROP TABLE plans;--"), e("HTML", "<b>edr</b>"),
            e("fullwidth letters", "\uFF45\uFF44\uFF52"), e("path traversal", "../edr"));

    private void catalog(List<Case> cases) {
        for (String[] b : BAD_CODES) {
            cases.add(op("addProduct code " + b[0], "code",
                    () -> billing.catalog().addProduct(new NewProduct(b[1], "Product", "ok"))));
            cases.add(op("addPlan id " + b[0], "id",
                    () -> billing.catalog().addPlan(NewPlan.of(b[1], "edr", eur("10.00"), BillingInterval.MONTHLY))));
            cases.add(op("addPlan productCode " + b[0], "productCode",
                    () -> billing.catalog().addPlan(NewPlan.of(nextPlan(), b[1], eur("10.00"), BillingInterval.MONTHLY))));
            cases.add(factory("ProductCode.of " + b[0], () -> ProductCode.of(b[1])));
            cases.add(factory("PlanId.of " + b[0], () -> PlanId.of(b[1])));
        }
        cases.add(op("addProduct code null", "code", () -> billing.catalog().addProduct(new NewProduct(null, "P", "ok"))));
        cases.add(op("addProduct name null", "name", () -> billing.catalog().addProduct(new NewProduct(nextCode(), null, "ok"))));
        cases.add(op("addProduct description null", "description",
                () -> billing.catalog().addProduct(new NewProduct(nextCode(), "P", null))));
        cases.add(op("addProduct description 2001 chars", "description",
                () -> billing.catalog().addProduct(new NewProduct(nextCode(), "P", "d".repeat(2001)))));
        cases.add(op("addPlan id null", "id",
                () -> billing.catalog().addPlan(NewPlan.of(null, "edr", eur("10.00"), BillingInterval.MONTHLY))));
        cases.add(op("addPlan productCode null", "productCode",
                () -> billing.catalog().addPlan(NewPlan.of(nextPlan(), null, eur("10.00"), BillingInterval.MONTHLY))));
        cases.add(factory("ProductCode.of null", () -> ProductCode.of(null)));
        cases.add(factory("PlanId.of null", () -> PlanId.of(null)));

        List<Object[]> prices = List.of(
                new Object[] {"EUR negative", money("-1.00", "EUR")},
                new Object[] {"EUR minus one cent", money("-0.01", "EUR")},
                new Object[] {"EUR three decimals", money("49.999", "EUR")},
                new Object[] {"EUR a tenth of a cent", money("0.001", "EUR")},
                new Object[] {"EUR ten decimals", money("1.0000000001", "EUR")},
                new Object[] {"JPY one decimal", money("100.5", "JPY")},
                new Object[] {"JPY a tenth", money("0.1", "JPY")},
                new Object[] {"JPY negative", money("-100", "JPY")},
                new Object[] {"BHD four decimals", money("1.2345", "BHD")},
                new Object[] {"EUR at the limit", money("1000000000", "EUR")},
                new Object[] {"EUR above the limit", money("1000000000.01", "EUR")},
                new Object[] {"EUR 1e15", money("1000000000000000", "EUR")},
                new Object[] {"JPY at the limit", money("1000000000", "JPY")},
                new Object[] {"USD huge negative", money("-99999999999", "USD")});
        for (Object[] p : prices) {
            cases.add(op("addPlan price " + p[0], "price",
                    () -> billing.catalog().addPlan(NewPlan.of(nextPlan(), "edr", (MonetaryAmount) p[1],
                            BillingInterval.MONTHLY))));
        }
        cases.add(op("addPlan price null", "price",
                () -> billing.catalog().addPlan(NewPlan.of(nextPlan(), "edr", null, BillingInterval.MONTHLY))));
        cases.add(op("addPlan interval null", "interval",
                () -> billing.catalog().addPlan(NewPlan.of(nextPlan(), "edr", eur("10.00"), null))));
        int[][] terms = {{-1, 0}, {731, 0}, {Integer.MIN_VALUE, 0}, {0, -1}, {0, 121}, {0, Integer.MAX_VALUE}};
        for (int[] t : terms) {
            String field = t[0] != 0 ? "trialDays" : "contractMonths";
            cases.add(op("addPlan " + field + " " + (t[0] != 0 ? t[0] : t[1]), field,
                    () -> billing.catalog().addPlan(NewPlan.of(nextPlan(), "edr", eur("10.00"), BillingInterval.MONTHLY)
                            .withTrialDays(t[0]).withContractMonths(t[1]))));
        }
    }

    private void factories(List<Case> cases) {
        List<String[]> users = List.of(e("empty", ""), e("blank", "  "), e("201 chars", "u".repeat(201)),
                e("line feed", "admin\nroot"), e("NUL", "admin\u0000"), e("U+2028", "admin\u2028x"),
                e("CR", "admin\r"), e("ESC", "\u001badmin"));
        for (String[] u : users) {
            cases.add(factory("Actor.of user " + u[0], () -> Actor.of(root.id(), u[1])));
        }
        cases.add(factory("Actor.of user null", () -> Actor.of(root.id(), null)));
        cases.add(factory("Actor.of company null", () -> Actor.of(null, "admin")));
        for (String country : List.of("", "  ", "NLD", "XX", "N", "1A", "UK", "EL", "nl\u0000", "N L", "Netherlands")) {
            cases.add(factory("CountryCode.of '" + printable(country) + "'", () -> CountryCode.of(country)));
        }
        cases.add(factory("CountryCode.of null", () -> CountryCode.of(null)));
        cases.add(factory("new CountryCode lower case", () -> new CountryCode("nl")));
        cases.add(factory("new CountryCode padded", () -> new CountryCode(" NL")));
        for (int size : new int[] {0, -1, 101, 1000, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            cases.add(op("PageRequest.first(" + size + ")", "page.size", () -> PageRequest.first(size)));
        }
        cases.add(op("PageRequest cursor empty", "page.cursor", () -> PageRequest.after("", 10)));
        cases.add(op("PageRequest cursor blank", "page.cursor", () -> PageRequest.after("   ", 10)));
        cases.add(op("PageRequest cursor 2,001 chars", "page.cursor", () -> PageRequest.after("c".repeat(2_001), 10)));
        cases.add(op("PageRequest cursor fine, size 0", "page.size", () -> PageRequest.after("abc", 0)));
        for (String cursor : List.of("abc", "***", "h1", "aDE6MTox", "' OR 1=1 --")) {
            cases.add(op("history cursor '" + cursor + "'", "page.cursor", () -> billing.invoices()
                    .history(rootActor, root.id(), Scope.COMPANY_ONLY, PageRequest.after(cursor, 10))));
        }
    }

    private void injections(List<Case> cases) {
        List<String[]> texts = List.of(
                e("SQL drop", "Robert'); DROP TABLE companies;--"),
                e("SQL tautology", "x' OR '1'='1"),
                e("SQL comment", "ACME /* */ UNION SELECT * FROM audit --"),
                e("HTML script", SCRIPT),
                e("HTML img onerror", "<img src=x onerror=alert(1)>"),
                e("template", "${jndi:ldap://example.com/a} {{7*7}}"),
                e("backslashes and quotes", "C:\\temp\\\"quoted\" `tick`"));
        for (String[] t : texts) {
            String value = t[1];
            Company[] made = new Company[1];
            cases.add(new Case("register name: " + t[0], Kind.INJECTION, "name",
                    () -> made[0] = billing.accounts().register(NewCompany.of(value, "inj" + companySequence.incrementAndGet() + "@example.com")),
                    () -> stored(made[0]).name(), value));
            Company[] kid = new Company[1];
            cases.add(new Case("registerChild name: " + t[0], Kind.INJECTION, "name",
                    () -> kid[0] = billing.accounts().registerChild(rootActor, root.id(),
                            NewCompany.of(value, "kid" + companySequence.incrementAndGet() + "@example.com")),
                    () -> stored(kid[0]).name(), value));
            cases.add(new Case("updateBillingDetails line1 and city: " + t[0], Kind.INJECTION, "billingAddress",
                    () -> billing.accounts().updateBillingDetails(rootActor, child.id(), BillingDetails.builder()
                            .billingAddress(Address.of(value, "1012 LG", value, "NL")).build()),
                    () -> {
                        Address a = stored(child).billingDetails().billingAddress();
                        return a.line1() + "|" + a.city();
                    }, value + "|" + value));
            String code = nextCode();
            cases.add(new Case("addProduct name and description: " + t[0], Kind.INJECTION, "name",
                    () -> billing.catalog().addProduct(new NewProduct(code, value, value + "\n" + value)),
                    () -> {
                        var p = fixture.storage.catalog().findProduct(ProductCode.of(code)).orElseThrow();
                        return p.name() + "|" + p.description();
                    }, value + "|" + value + "\n" + value));
        }
    }

    // ---------------------------------------------------------------- helpers

    private Case op(String label, String field, Runnable call) {
        return new Case(label, Kind.OPERATION, field, call, null, null);
    }

    private Case factory(String label, Runnable call) {
        return new Case(label, Kind.FACTORY, null, call, null, null);
    }

    private Company stored(Company company) {
        return fixture.storage.companies().findById(company.id()).orElseThrow();
    }

    private static BillingDetails.Builder details() {
        return BillingDetails.builder().billingAddress(Address.of(DAMRAK, "1012 LG", "Amsterdam", "NL"));
    }

    private String nextCode() {
        return "corpus-product-" + planSequence.incrementAndGet();
    }

    private String nextPlan() {
        return "corpus-plan-" + planSequence.incrementAndGet();
    }

    private static Money eur(String amount) {
        return BillingFixture.eur(amount);
    }

    private static Money money(String amount, String currency) {
        return Money.of(new BigDecimal(amount), Monetary.getCurrency(currency));
    }

    private static String printable(String s) {
        return s.codePoints().mapToObj(cp -> cp < 0x20 ? String.format("\\u%04x", cp) : Character.toString(cp))
                .reduce("", String::concat);
    }

    /** What a refused call must leave unchanged: every storage write, the companies' versions, events and audit. */
    private record Snapshot(int writes, long rootVersion, long childVersion, int delivered, int undelivered,
            int rootAudit, int childAudit, int catalogAudit, int products, int plans) {
    }

    private Snapshot snapshot() {
        Storage s = fixture.storage;
        return new Snapshot(writes.get(),
                s.companies().findById(root.id()).orElseThrow().version(),
                s.companies().findById(child.id()).orElseThrow().version(),
                fixture.events.events().size(),
                s.outbox().findUndelivered(100_000).size(),
                s.audit().findByCompany(root.id(), 100_000).size(),
                s.audit().findByCompany(child.id(), 100_000).size(),
                s.audit().findWithoutCompany(100_000).size(),
                s.catalog().findAllProducts().size(),
                s.catalog().findPlans(ProductCode.of("edr")).size());
    }

    private static final Pattern WRITE = Pattern.compile("(insert|update|delete|append|mark|save|next|claim|release).*");

    /** A storage whose every write through any of its ports is counted. */
    private Storage counting(Storage delegate) {
        return new ForwardingStorage(delegate) {
            @Override
            public CompanyStore companies() {
                return count(CompanyStore.class, delegate.companies());
            }

            @Override
            public CatalogStore catalog() {
                return count(CatalogStore.class, delegate.catalog());
            }

            @Override
            public SubscriptionStore subscriptions() {
                return count(SubscriptionStore.class, delegate.subscriptions());
            }

            @Override
            public AuditLog audit() {
                return count(AuditLog.class, delegate.audit());
            }

            @Override
            public EventOutbox outbox() {
                return count(EventOutbox.class, delegate.outbox());
            }

            @Override
            public InvoiceStore invoices() {
                return count(InvoiceStore.class, delegate.invoices());
            }

            @Override
            public InvoiceNumbering invoiceNumbers() {
                return count(InvoiceNumbering.class, delegate.invoiceNumbers());
            }

            @Override
            public PaymentMethodStore paymentMethods() {
                return count(PaymentMethodStore.class, delegate.paymentMethods());
            }

            @Override
            public PaymentSetupStore paymentSetups() {
                return count(PaymentSetupStore.class, delegate.paymentSetups());
            }

            @Override
            public CustomerStore customers() {
                return count(CustomerStore.class, delegate.customers());
            }

            @Override
            public PaymentStore payments() {
                return count(PaymentStore.class, delegate.payments());
            }
        };
    }

    private <T> T count(Class<T> port, T target) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() != Object.class && WRITE.matcher(method.getName()).matches()) {
                writes.incrementAndGet();
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, handler));
    }
}
