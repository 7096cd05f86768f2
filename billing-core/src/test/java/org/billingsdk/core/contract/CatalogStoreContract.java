package org.billingsdk.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.billingsdk.core.contract.ContractData.aContractPlan;
import static org.billingsdk.core.contract.ContractData.aPlan;
import static org.billingsdk.core.contract.ContractData.aProduct;
import static org.billingsdk.core.contract.ContractData.aTrialPlan;
import static org.billingsdk.core.contract.ContractData.aTrialPlanWithContract;
import static org.billingsdk.core.contract.ContractData.eur;
import static org.billingsdk.core.contract.ContractData.money;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import javax.money.MonetaryAmount;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.catalog.Product;
import org.billingsdk.core.catalog.ProductCode;
import org.billingsdk.core.port.CatalogStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract of {@link CatalogStore}: products and plans round-trip, a taken code or id is
 * refused, and the listings are ordered as {@link String#compareTo} orders codes and ids (for
 * their ASCII characters: byte order, {@code COLLATE "C"} in PostgreSQL, not a locale's
 * collation). Codes and ids are case-sensitive. A price must keep its currency and its exact
 * value, for currencies with 0, 2 and 3 decimals; it need not keep its scale (Moneta's
 * {@code Money} itself makes EUR 49.00 and EUR 49 equal) nor its {@code MonetaryAmount} class.
 * Run it on an implementation with:
 *
 * <pre>{@code
 * class PostgresCatalogStoreTest extends CatalogStoreContract {
 *     // TestDatabases.postgres(): the adapter's test database, migrated, emptied before each test
 *     protected Storage newStorage() { return JdbcStorage.forDataSource(TestDatabases.postgres()); }
 * }
 * }</pre>
 */
public abstract class CatalogStoreContract extends StorageContract {

    private CatalogStore catalog() {
        return storage.catalog();
    }

    @Test
    public void anInsertedProductIsFoundByItsCode() {
        Product product = aProduct();

        catalog().insertProduct(product);

        assertThat(catalog().findProduct(product.code())).contains(product);
    }

    @Test
    public void aPlansQuantityBoundsRoundTrip() {
        Product product = aProduct();
        catalog().insertProduct(product);
        Plan plain = aPlan(product);
        Plan bounded = new Plan(PlanId.of("edr-seats"), product.code(), eur("4.90"), plain.interval(), 14, 12, 5, 50);
        Plan atLeast = new Plan(PlanId.of("edr-bulk"), product.code(), eur("3.90"), plain.interval(), 0, 0, 100, 0);
        catalog().insertPlan(plain);
        catalog().insertPlan(bounded);
        catalog().insertPlan(atLeast);

        assertThat(catalog().findPlan(bounded.id())).contains(bounded);
        assertThat(catalog().findPlan(atLeast.id())).contains(atLeast);
        assertThat(catalog().findPlan(plain.id()).orElseThrow()).satisfies(plan -> {
            assertThat(plan.minQuantity()).isEqualTo(1);
            assertThat(plan.maxQuantity()).isZero();
        });
    }

    @Test
    public void unknownProductsAndPlansAreNotFound() {
        Product product = aProduct();
        catalog().insertProduct(product);
        catalog().insertPlan(aPlan(product));

        assertThat(catalog().findProduct(ProductCode.of("unknown"))).isEmpty();
        assertThat(catalog().findPlan(PlanId.of("unknown"))).isEmpty();
    }

    @Test
    public void aTakenProductCodeIsRefusedAndTheFirstProductIsKept() {
        Product first = aProduct("edr");
        catalog().insertProduct(first);

        assertThatExceptionOfType(DuplicateKeyException.class)
                .isThrownBy(() -> catalog().insertProduct(new Product(first.code(), "Other", "Another product")));
        assertThat(catalog().findProduct(first.code())).contains(first);
        assertThat(catalog().findAllProducts()).containsExactly(first);
    }

    @Test
    public void productCodesDifferingOnlyInCaseAreDifferentProducts() {
        Product lower = aProduct("edr");
        Product upper = new Product(ProductCode.of("EDR"), "EDR, upper case", "");

        catalog().insertProduct(lower);
        catalog().insertProduct(upper);

        assertThat(catalog().findProduct(ProductCode.of("edr"))).contains(lower);
        assertThat(catalog().findProduct(ProductCode.of("EDR"))).contains(upper);
        assertThat(catalog().findProduct(ProductCode.of("Edr"))).isEmpty();
    }

    @Test
    public void allProductsAreOrderedByCodeAsStringsCompare() {
        List<String> codes = List.of("edr_pro", "edr", "b", "EDR2", "edr.pro", "a1", "edr-pro", "Zeta", "A", "edr9",
                "edr10");
        codes.forEach(code -> catalog().insertProduct(aProduct(code)));

        assertThat(catalog().findAllProducts())
                .extracting(product -> product.code().value())
                .containsExactlyElementsOf(codes.stream().sorted().toList());
    }

    @Test
    public void anEmptyCatalogHasNoProducts() {
        assertThat(catalog().findAllProducts()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.billingsdk.core.contract.ContractData#trickyTexts")
    public void productTextIsKeptVerbatim(String text) {
        Product product = new Product(ProductCode.of("edr"), text, text + "\nsecond line\r\n\tindented " + text);

        catalog().insertProduct(product);

        assertThat(catalog().findProduct(product.code())).contains(product);
    }

    @Test
    public void anEmptyDescriptionStaysEmptyAndTheLongestOnesAreKept() {
        Product empty = new Product(ProductCode.of("empty"), "Empty description", "");
        Product longest = new Product(ProductCode.of("x".repeat(64)), "Ø".repeat(200), "€".repeat(2000));

        catalog().insertProduct(empty);
        catalog().insertProduct(longest);

        assertThat(catalog().findProduct(empty.code())).contains(empty);
        assertThat(catalog().findProduct(longest.code())).contains(longest);
    }

    @Test
    public void anInsertedPlanIsFoundWithEveryField() {
        Product product = insertedProduct();
        List<Plan> plans = List.of(aPlan(product), aTrialPlan(product), aContractPlan(product),
                aTrialPlanWithContract(product));

        plans.forEach(catalog()::insertPlan);

        for (Plan plan : plans) {
            assertSamePlan(catalog().findPlan(plan.id()), plan);
        }
    }

    @Test
    public void aTakenPlanIdIsRefusedAndTheFirstPlanIsKept() {
        Product product = insertedProduct();
        Plan first = aPlan(product, "edr-monthly", eur("49.00"));
        catalog().insertPlan(first);

        assertThatExceptionOfType(DuplicateKeyException.class)
                .isThrownBy(() -> catalog().insertPlan(aPlan(product, "edr-monthly", eur("59.00"))));
        assertSamePlan(catalog().findPlan(first.id()), first);
        assertThat(catalog().findPlans(product.code())).hasSize(1);
    }

    @Test
    public void thePlansOfAProductAreOrderedByIdAsStringsCompare() {
        Product edr = insertedProduct();
        Product other = new Product(ProductCode.of("xdr"), "Extended Detection & Response", "");
        catalog().insertProduct(other);
        List<String> ids = List.of("edr-yearly", "edr_contract", "edr.trial", "Edr-A", "edr-monthly", "edr-10",
                "edr-9");
        ids.forEach(id -> catalog().insertPlan(aPlan(edr, id, eur("49.00"))));
        catalog().insertPlan(aPlan(other, "xdr-monthly", eur("99.00")));
        catalog().insertPlan(aPlan(other, "a-xdr-first", eur("99.00")));

        assertThat(catalog().findPlans(edr.code()))
                .extracting(plan -> plan.id().value())
                .containsExactlyElementsOf(ids.stream().sorted().toList());
    }

    @Test
    public void aProductWithoutPlansHasNone() {
        Product product = insertedProduct();

        assertThat(catalog().findPlans(product.code())).isEmpty();
        assertThat(catalog().findPlans(ProductCode.of("unknown"))).isEmpty();
    }

    @ParameterizedTest(name = "{1} {0}")
    @CsvSource({
            "49.00, EUR",
            "49.99, EUR",
            "0, EUR",
            "0.01, USD",
            "999999999.99, EUR",
            "1234.50, CHF",
            "1500, JPY",
            "999999999, JPY",
            "12.345, BHD",
            "0.001, KWD"})
    public void aPriceKeepsItsCurrencyAndItsExactValue(String amount, String currency) {
        Product product = insertedProduct();
        Plan plan = aPlan(product, "plan-" + currency, money(amount, currency));

        catalog().insertPlan(plan);

        assertSamePlan(catalog().findPlan(plan.id()), plan);
    }

    @Test
    public void aYenPriceKeepsItsCurrencyAndHasNoDecimals() {
        Product product = insertedProduct();
        Plan plan = aPlan(product, "edr-monthly-jpy", money("1500", "JPY"));

        catalog().insertPlan(plan);

        MonetaryAmount price = catalog().findPlan(plan.id()).orElseThrow().price();
        assertThat(price.getCurrency().getCurrencyCode()).isEqualTo("JPY");
        assertThat(decimal(price)).isEqualByComparingTo("1500");
        assertThat(decimal(price).stripTrailingZeros().scale()).isLessThanOrEqualTo(0);
    }

    private Product insertedProduct() {
        Product product = aProduct();
        catalog().insertProduct(product);
        return product;
    }

    /**
     * Compares every field, the price by currency and numeric value: the scale and the
     * {@code MonetaryAmount} class a storage answers with may differ.
     */
    private static void assertSamePlan(Optional<Plan> found, Plan expected) {
        assertThat(found).as("plan %s", expected.id()).isPresent();
        Plan actual = found.get();
        assertThat(actual).usingRecursiveComparison().ignoringFields("price").isEqualTo(expected);
        assertThat(actual.price().getCurrency()).as("currency of %s", expected.id())
                .isEqualTo(expected.price().getCurrency());
        assertThat(decimal(actual.price())).as("amount of %s", expected.id())
                .isEqualByComparingTo(decimal(expected.price()));
    }

    private static BigDecimal decimal(MonetaryAmount amount) {
        return amount.getNumber().numberValueExact(BigDecimal.class);
    }
}
