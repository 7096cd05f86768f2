package org.billingsdk.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.money.MonetaryAmount;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.InvalidInputException;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.Violation;
import org.billingsdk.core.audit.AuditRecord;
import org.billingsdk.core.event.BillingEvent;
import org.billingsdk.core.event.PlanAdded;
import org.billingsdk.core.event.ProductAdded;
import org.billingsdk.core.internal.Access;
import org.billingsdk.core.testing.BillingFixture;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The catalog through {@code Billing.catalog()}, with its audit trail. */
class CatalogTest {

    private BillingFixture fixture;
    private Catalog catalog;

    @BeforeEach
    void setUp() {
        fixture = BillingFixture.inMemory();
        catalog = fixture.billing.catalog();
    }

    @Test
    void addedProductCanBeReadBackTrimmed() {
        Product added = catalog.addProduct(new NewProduct("xdr", "  Extended Detection & Response ",
                " Correlates signals\nacross endpoints, network and cloud. "));

        assertThat(added.code()).isEqualTo(ProductCode.of("xdr"));
        assertThat(added.name()).isEqualTo("Extended Detection & Response");
        assertThat(added.description()).isEqualTo("Correlates signals\nacross endpoints, network and cloud.");
        assertThat(catalog.product(ProductCode.of("xdr"))).isEqualTo(added);
    }

    @Test
    void productDescriptionMayBeEmpty() {
        Product added = catalog.addProduct(new NewProduct("siem", "SIEM", ""));

        assertThat(added.description()).isEmpty();
    }

    @Test
    void addedPlansCanBeReadBackPerProductOrderedById() {
        catalog.addProduct(new NewProduct("xdr", "XDR", "Extended detection."));
        Plan yearly = catalog.addPlan(NewPlan.of("xdr-yearly", "xdr", eur("490.00"), BillingInterval.YEARLY)
                .withContractMonths(12));
        Plan monthly = catalog.addPlan(NewPlan.of("xdr-monthly", "xdr", eur("49"), BillingInterval.MONTHLY)
                .withTrialDays(14));

        assertThat(catalog.plans(ProductCode.of("xdr"))).containsExactly(monthly, yearly);
        assertThat(catalog.plan(PlanId.of("xdr-yearly"))).isEqualTo(yearly);
        assertThat(yearly.productCode()).isEqualTo(ProductCode.of("xdr"));
        assertThat(yearly.interval()).isEqualTo(BillingInterval.YEARLY);
        assertThat(yearly.price()).isEqualTo(eur("490.00"));
        assertThat(yearly.hasContract()).isTrue();
        assertThat(yearly.contractMonths()).isEqualTo(12);
        assertThat(yearly.hasTrial()).isFalse();
        assertThat(monthly.hasTrial()).isTrue();
        assertThat(monthly.trialDays()).isEqualTo(14);
        assertThat(monthly.hasContract()).isFalse();
    }

    @Test
    void limitsOfTrialAndContractAreAccepted() {
        catalog.addProduct(new NewProduct("xdr", "XDR", ""));

        Plan longest = catalog.addPlan(NewPlan.of("xdr-long", "xdr", eur("0"), BillingInterval.YEARLY)
                .withTrialDays(730).withContractMonths(120));

        assertThat(longest.trialDays()).isEqualTo(730);
        assertThat(longest.contractMonths()).isEqualTo(120);
    }

    @Test
    void invalidProductNamesEveryViolationAndStoresNothing() {
        int events = fixture.events.events().size();
        int audits = records().size();

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> catalog.addProduct(new NewProduct("-bad code", " ", null)));

        assertThat(e.code()).isEqualTo(org.billingsdk.core.ErrorCode.INVALID_INPUT);
        assertThat(e.violations()).extracting(Violation::field).containsExactly("code", "description", "name");
        assertThat(message(e, "code")).contains("must match");
        assertThat(message(e, "name")).isEqualTo("must not be blank");
        assertThat(message(e, "description")).isEqualTo("must not be null");
        assertThat(e.getMessage()).startsWith("Invalid input: ").contains("code: ", "name: ", "description: ");
        assertThat(catalog.products()).extracting(Product::code).containsExactly(ProductCode.of("edr"));
        assertThat(fixture.events.events()).hasSize(events);
        assertThat(records()).hasSize(audits);
    }

    @Test
    void productNameWithControlCharactersOrTooLongIsRefused() {
        InvalidInputException controls = catchThrowableOfType(InvalidInputException.class,
                () -> catalog.addProduct(new NewProduct("xdr", "XDR\nPro", "")));
        InvalidInputException tooLong = catchThrowableOfType(InvalidInputException.class,
                () -> catalog.addProduct(new NewProduct("xdr", "X".repeat(201), "D".repeat(2001))));

        assertThat(controls.violations()).containsExactly(
                new Violation("name", "must not contain control characters"));
        assertThat(tooLong.violations()).extracting(Violation::field).containsExactly("description", "name");
        assertThat(message(tooLong, "name")).contains("200");
        assertThat(message(tooLong, "description")).contains("2000");
    }

    @Test
    void invalidPlanNamesEveryViolationAtOnceAndStoresNothing() {
        int events = fixture.events.events().size();
        int audits = records().size();
        NewPlan invalid = new NewPlan("bad id!", "no such product!", eur("-1"), null, -1, 121);

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> catalog.addPlan(invalid));

        assertThat(e.violations()).extracting(Violation::field)
                .containsExactly("contractMonths", "id", "interval", "price", "productCode", "trialDays");
        assertThat(message(e, "contractMonths")).isEqualTo("must be less than or equal to 120");
        assertThat(message(e, "trialDays")).isEqualTo("must be greater than or equal to 0");
        assertThat(message(e, "interval")).isEqualTo("must not be null");
        assertThat(message(e, "id")).contains("must match");
        assertThat(message(e, "price")).contains("zero or positive");
        assertThat(fixture.events.events()).hasSize(events);
        assertThat(records()).hasSize(audits);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            EUR | -1            | must be zero or positive
            EUR | -0.01         | must be zero or positive
            EUR | 49.999        | must have no more decimals than its currency (2)
            EUR | 0.001         | must have no more decimals than its currency (2)
            JPY | 100.5         | must have no more decimals than its currency (0)
            JPY | 0.1           | must have no more decimals than its currency (0)
            EUR | 1E-2147483647 | must have no more decimals than its currency (2)
            EUR | 1000000000    | must be below 1,000,000,000
            EUR | 1E+2147483647 | must be below 1,000,000,000
            """)
    void refusesPricesThatAreNegativeTooPreciseForTheCurrencyOrTooLarge(String currency, String amount,
            String message) {
        MonetaryAmount price = Money.of(new BigDecimal(amount), currency);

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> catalog.addPlan(NewPlan.of("edr-odd", "edr", price, BillingInterval.MONTHLY)));

        assertThat(e.violations()).containsExactly(new Violation("price", message));
        assertThatThrownBy(() -> catalog.plan(PlanId.of("edr-odd"))).isInstanceOf(NotFoundException.class);
    }

    @ParameterizedTest(name = "{0} decimals")
    @org.junit.jupiter.params.provider.ValueSource(ints = {Integer.MAX_VALUE, 5, 1000, -1, Integer.MIN_VALUE})
    void refusesAPriceInACurrencyWithMoreDecimalsThanAnyIsoCurrencyHas(int decimals) {
        javax.money.CurrencyUnit odd = new TestCurrency("XQA", decimals);
        MonetaryAmount price = Money.of(BigDecimal.ONE, odd);

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> catalog.addPlan(NewPlan.of("edr-odd", "edr", price, BillingInterval.MONTHLY)));

        assertThat(e.violations()).containsExactly(new Violation("price",
                "must be in a currency with 0 to 4 decimals, as ISO 4217 currencies have"));
        assertThatThrownBy(() -> catalog.plan(PlanId.of("edr-odd"))).isInstanceOf(NotFoundException.class);
    }

    @ParameterizedTest(name = "code {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"EURO", "eur", "E1R", "<b>", "EU"})
    void refusesAPriceInACurrencyWithoutAThreeLetterCode(String code) {
        MonetaryAmount price = Money.of(BigDecimal.ONE, new TestCurrency(code, 2));

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> catalog.addPlan(NewPlan.of("edr-odd", "edr", price, BillingInterval.MONTHLY)));

        assertThat(e.violations()).containsExactly(new Violation("price",
                "must be in a currency with a three-letter ISO 4217 code"));
    }

    /** A currency a host could hand in through its own {@link javax.money.CurrencyUnit}. */
    private record TestCurrency(String getCurrencyCode, int getDefaultFractionDigits)
            implements javax.money.CurrencyUnit {

        @Override
        public int getNumericCode() {
            return -1;
        }

        @Override
        public javax.money.CurrencyContext getContext() {
            return javax.money.CurrencyContextBuilder.of("test").build();
        }

        @Override
        public int compareTo(javax.money.CurrencyUnit other) {
            return getCurrencyCode.compareTo(other.getCurrencyCode());
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            EUR | 0
            EUR | 49.9
            EUR | 49.99
            EUR | 49.990
            JPY | 5000
            JPY | 5000.00
            BHD | 12.345
            EUR | 999999999.99
            """)
    void acceptsPricesWithinTheirCurrencysDecimals(String currency, String amount) {
        MonetaryAmount price = Money.of(new BigDecimal(amount), currency);

        Plan plan = catalog.addPlan(NewPlan.of("edr-priced", "edr", price, BillingInterval.MONTHLY));

        assertThat(plan.price().isEqualTo(price)).isTrue();
        assertThat(plan.price().getCurrency().getCurrencyCode()).isEqualTo(currency);
    }

    @ParameterizedTest(name = "trial {0} days")
    @CsvSource({"-1, must be greater than or equal to 0", "731, must be less than or equal to 730"})
    void refusesTrialsBelowZeroOrAboveTwoYears(int days, String message) {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> catalog.addPlan(
                NewPlan.of("edr-t", "edr", eur("49"), BillingInterval.MONTHLY).withTrialDays(days)));

        assertThat(e.violations()).containsExactly(new Violation("trialDays", message));
    }

    @ParameterizedTest(name = "contract {0} months")
    @CsvSource({"-12, must be greater than or equal to 0", "121, must be less than or equal to 120"})
    void refusesContractsBelowZeroOrAboveTenYears(int months, String message) {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> catalog.addPlan(
                NewPlan.of("edr-c", "edr", eur("49"), BillingInterval.MONTHLY).withContractMonths(months)));

        assertThat(e.violations()).containsExactly(new Violation("contractMonths", message));
    }

    @Test
    void planWithoutIntervalOrPriceIsRefused() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> catalog.addPlan(NewPlan.of("edr-x", "edr", null, null)));

        assertThat(e.violations()).containsExactly(
                new Violation("interval", "must not be null"), new Violation("price", "must not be null"));
    }

    @Test
    void duplicateProductCodeIsRefusedAndTheFirstProductIsKept() {
        Product original = catalog.product(ProductCode.of("edr"));
        int events = fixture.events.events().size();
        int audits = records().size();

        DuplicateKeyException e = catchThrowableOfType(DuplicateKeyException.class,
                () -> catalog.addProduct(new NewProduct("edr", "Another EDR", "Imposter.")));

        assertThat(e.code()).isEqualTo(org.billingsdk.core.ErrorCode.DUPLICATE_KEY);
        assertThat(e.getMessage()).isEqualTo("product edr already exists");
        assertThat(catalog.product(ProductCode.of("edr"))).isEqualTo(original);
        assertThat(catalog.products()).containsExactly(original);
        assertThat(fixture.events.events()).hasSize(events);
        assertThat(records()).hasSize(audits);
    }

    @Test
    void duplicatePlanIdIsRefusedAndTheFirstPlanIsKept() {
        Plan original = catalog.plan(PlanId.of("edr-monthly"));
        int events = fixture.events.events().size();
        int audits = records().size();

        DuplicateKeyException e = catchThrowableOfType(DuplicateKeyException.class, () -> catalog.addPlan(
                NewPlan.of("edr-monthly", "edr", eur("1.00"), BillingInterval.YEARLY)));

        assertThat(e.code()).isEqualTo(org.billingsdk.core.ErrorCode.DUPLICATE_KEY);
        assertThat(e.getMessage()).isEqualTo("plan edr-monthly already exists");
        assertThat(catalog.plan(PlanId.of("edr-monthly"))).isEqualTo(original);
        assertThat(catalog.plans(ProductCode.of("edr"))).filteredOn(p -> p.id().value().equals("edr-monthly"))
                .containsExactly(original);
        assertThat(fixture.events.events()).hasSize(events);
        assertThat(records()).hasSize(audits);
    }

    @Test
    void planForAnUnknownProductIsRefusedAndNothingIsStored() {
        int events = fixture.events.events().size();
        int audits = records().size();

        NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> catalog.addPlan(
                NewPlan.of("ghost-monthly", "ghost", eur("9.00"), BillingInterval.MONTHLY)));

        assertThat(e.code()).isEqualTo(org.billingsdk.core.ErrorCode.NOT_FOUND);
        assertThat(e.kind()).isEqualTo(org.billingsdk.core.EntityKind.PRODUCT);
        assertThat(e.id()).isEqualTo("ghost");
        assertThat(e.getMessage()).isEqualTo("product ghost not found");
        assertThatThrownBy(() -> catalog.plan(PlanId.of("ghost-monthly"))).isInstanceOf(NotFoundException.class);
        assertThat(catalog.plans(ProductCode.of("ghost"))).isEmpty();
        assertThat(fixture.events.events()).hasSize(events);
        assertThat(records()).hasSize(audits);
    }

    @Test
    void unknownProductOrPlanIsNotFound() {
        assertThatThrownBy(() -> catalog.product(ProductCode.of("nope")))
                .isInstanceOf(NotFoundException.class).hasMessage("product nope not found");
        assertThatThrownBy(() -> catalog.plan(PlanId.of("nope")))
                .isInstanceOf(NotFoundException.class).hasMessage("plan nope not found");
    }

    @Test
    void productsAreOrderedByCode() {
        catalog.addProduct(new NewProduct("zta", "Zero Trust Access", ""));
        catalog.addProduct(new NewProduct("av", "Antivirus", ""));
        catalog.addProduct(new NewProduct("mdr", "Managed Detection & Response", ""));

        assertThat(catalog.products()).extracting(p -> p.code().value()).containsExactly("av", "edr", "mdr", "zta");
    }

    @Test
    void billingAmountShowsTheCurrencysDecimalsAndTheInterval() {
        assertThat(new BillingAmount(eur("49"), BillingInterval.MONTHLY)).hasToString("EUR 49.00 / month");
        assertThat(new BillingAmount(eur("49.5"), BillingInterval.MONTHLY)).hasToString("EUR 49.50 / month");
        assertThat(new BillingAmount(eur("490.00"), BillingInterval.YEARLY)).hasToString("EUR 490.00 / year");
        assertThat(new BillingAmount(Money.of(5000, "JPY"), BillingInterval.YEARLY)).hasToString("JPY 5000 / year");
        assertThat(new BillingAmount(Money.of(new BigDecimal("12.345"), "BHD"), BillingInterval.MONTHLY))
                .hasToString("BHD 12.345 / month");
    }

    @Test
    void planBillingAmountIsItsPriceAndInterval() {
        Plan plan = catalog.addPlan(NewPlan.of("edr-jpy", "edr", Money.of(5000, "JPY"), BillingInterval.YEARLY));

        assertThat(plan.billingAmount()).isEqualTo(new BillingAmount(plan.price(), BillingInterval.YEARLY));
        assertThat(plan.billingAmount()).hasToString("JPY 5000 / year");
        assertThat(fixture.monthly.billingAmount()).hasToString("EUR 49.00 / month");
        assertThat(fixture.yearly.billingAmount()).hasToString("EUR 490.00 / year");
    }

    @Test
    void addingAProductEmitsProductAddedAndAnAuditRecordByThePlatform() {
        fixture.advance(Duration.ofHours(1));
        Instant now = fixture.clock.instant();
        fixture.events.clear();
        int audits = records().size();

        catalog.addProduct(new NewProduct("xdr", "XDR", ""));

        assertThat(fixture.events.events()).singleElement().isInstanceOfSatisfying(ProductAdded.class, event -> {
            assertThat(event.productCode()).isEqualTo(ProductCode.of("xdr"));
            assertThat(event.occurredAt()).isEqualTo(now);
            assertThat(event.type()).isEqualTo("ProductAdded");
        });
        BillingEvent event = fixture.events.events().get(0);
        assertThat(records()).hasSize(audits + 1);
        AuditRecord record = records().get(audits);
        assertThat(record.id()).isEqualTo(event.eventId());
        assertThat(record.who()).isEqualTo(AuditRecord.PLATFORM).isEqualTo("platform");
        assertThat(record.onBehalfOf()).isNull();
        assertThat(record.companyId()).isNull();
        assertThat(record.action()).isEqualTo("ProductAdded");
        assertThat(record.at()).isEqualTo(now);
        assertThat(record.detail()).contains("xdr");
    }

    @Test
    void addingAPlanEmitsPlanAddedAndAnAuditRecordByThePlatform() {
        fixture.advance(Duration.ofHours(1));
        Instant now = fixture.clock.instant();
        fixture.events.clear();
        int audits = records().size();

        catalog.addPlan(NewPlan.of("edr-weekly-ish", "edr", eur("12.00"), BillingInterval.MONTHLY));

        assertThat(fixture.events.events()).singleElement().isInstanceOfSatisfying(PlanAdded.class, event -> {
            assertThat(event.planId()).isEqualTo(PlanId.of("edr-weekly-ish"));
            assertThat(event.productCode()).isEqualTo(ProductCode.of("edr"));
            assertThat(event.occurredAt()).isEqualTo(now);
        });
        assertThat(records()).hasSize(audits + 1);
        AuditRecord record = records().get(audits);
        assertThat(record.id()).isEqualTo(fixture.events.events().get(0).eventId());
        assertThat(record.who()).isEqualTo(AuditRecord.PLATFORM);
        assertThat(record.onBehalfOf()).isNull();
        assertThat(record.companyId()).isNull();
        assertThat(record.action()).isEqualTo("PlanAdded");
        assertThat(record.at()).isEqualTo(now);
        assertThat(record.detail()).contains("edr-weekly-ish", "edr");
    }

    @Test
    void theFixturesCatalogLeftOneEventAndOneAuditRecordPerEntry() {
        assertThat(fixture.events.eventsOf(ProductAdded.class)).hasSize(1);
        assertThat(fixture.events.eventsOf(PlanAdded.class)).hasSize(5);
        assertThat(records()).extracting(AuditRecord::id)
                .containsExactlyElementsOf(fixture.events.events().stream().map(BillingEvent::eventId).toList());
    }

    private static MonetaryAmount eur(String amount) {
        return BillingFixture.eur(amount);
    }

    private static String message(InvalidInputException e, String field) {
        return e.violations().stream().filter(v -> v.field().equals(field)).map(Violation::message)
                .findFirst().orElseThrow(() -> new AssertionError("no violation of " + field + " in " + e));
    }

    /** The catalog's audit trail, oldest first. */
    private List<AuditRecord> records() {
        List<AuditRecord> trail = new ArrayList<>(fixture.billing.audit().ofCatalog(1000));
        Collections.reverse(trail);
        return trail;
    }
}
