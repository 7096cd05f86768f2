package org.billingsdk.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.billingsdk.core.contract.ContractData.MICROSECOND;
import static org.billingsdk.core.contract.ContractData.NOW;
import static org.billingsdk.core.contract.ContractData.aCard;
import static org.billingsdk.core.contract.ContractData.aCardSetup;
import static org.billingsdk.core.contract.ContractData.aChildOf;
import static org.billingsdk.core.contract.ContractData.aCompany;
import static org.billingsdk.core.contract.ContractData.aSepaMandate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.billingsdk.core.ConcurrentUpdateException;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.payment.Last4;
import org.billingsdk.core.payment.MandateReference;
import org.billingsdk.core.payment.MethodDetails;
import org.billingsdk.core.payment.PaymentMethod;
import org.billingsdk.core.payment.PaymentMethodId;
import org.billingsdk.core.payment.PaymentMethodReference;
import org.billingsdk.core.port.PaymentMethodStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract of {@link PaymentMethodStore}: payment methods round-trip with their details
 * (cards and SEPA Direct Debit mandates), default flag and creation time to the microsecond;
 * writes to them are versioned as companies' are, deleting is harmless when there is nothing to
 * delete, and a company's methods come oldest first. {@code findByCompanies} answers for several
 * companies what {@code findByCompany} answers for each, each method once. Set-ups and customer
 * references have suites of their own ({@link PaymentSetupStoreContract},
 * {@link CustomerStoreContract}). Run it on an implementation with:
 *
 * <pre>{@code
 * class PostgresPaymentMethodStoreTest extends PaymentMethodStoreContract {
 *     // TestDatabases.postgres(): the adapter's test database, migrated, emptied before each test
 *     protected Storage newStorage() { return JdbcStorage.forDataSource(TestDatabases.postgres()); }
 * }
 * }</pre>
 */
public abstract class PaymentMethodStoreContract extends StorageContract {

    private Company company;
    private Company child;
    private Company other;

    @BeforeEach
    public final void insertCompanies() {
        company = storage.companies().insert(aCompany("Acme"));
        child = storage.companies().insert(aChildOf(company, "Acme Child"));
        other = storage.companies().insert(aCompany("Other"));
    }

    private PaymentMethodStore methods() {
        return storage.paymentMethods();
    }

    @Test
    public void insertStoresTheMethodAtVersionOneAndFindsIt() {
        PaymentMethod card = aCard(company, NOW);

        PaymentMethod stored = methods().insert(card);

        assertThat(stored).isEqualTo(card.withVersion(1));
        assertThat(methods().findById(card.id())).contains(stored);
    }

    @Test
    public void cardsAndSepaMandatesRoundTripWithEveryDetail() {
        PaymentMethod card = new PaymentMethod(PaymentMethodId.random(), company.id(),
                PaymentMethodReference.of("pm_1NxCard"),
                new MethodDetails.Card("mastercard", Last4.of("0005"), 1, 2099), true,
                Instant.parse("2026-02-28T23:59:59.999999Z"), 0);
        PaymentMethod mandate = new PaymentMethod(PaymentMethodId.random(), company.id(),
                PaymentMethodReference.of("pm_1NxSepa"),
                new MethodDetails.SepaDebit("Deutsche Bank", Last4.of("3000"), MandateReference.of("MANDATE-9F2K-001"),
                        false),
                false, NOW.plus(MICROSECOND), 0);
        PaymentMethod viaIdeal = aSepaMandate(child, NOW);
        PaymentMethod lettersInIban = new PaymentMethod(PaymentMethodId.random(), child.id(),
                PaymentMethodReference.of("pm_1NxGb"),
                new MethodDetails.SepaDebit("Barclays", Last4.of("a1B2"), MandateReference.of("M-1"), false), false,
                NOW, 0);

        for (PaymentMethod method : List.of(card, mandate, viaIdeal, lettersInIban)) {
            methods().insert(method);
        }

        for (PaymentMethod method : List.of(card, mandate, viaIdeal, lettersInIban)) {
            assertThat(methods().findById(method.id())).contains(method.withVersion(1));
        }
        assertThat(methods().findById(viaIdeal.id())).get().extracting(PaymentMethod::details)
                .isEqualTo(new MethodDetails.SepaDebit("ING Bank N.V.", Last4.of("3000"),
                        MandateReference.of("MANDATE-2026-0001"), true));
        assertThat(methods().findById(card.id())).get().extracting(PaymentMethod::isDefault).isEqualTo(true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.billingsdk.core.contract.ContractData#trickyTexts")
    public void textIsKeptVerbatim(String text) {
        PaymentMethod card = new PaymentMethod(PaymentMethodId.random(), company.id(),
                PaymentMethodReference.of("pm_card_" + UUID.randomUUID()),
                new MethodDetails.Card(text, Last4.of("4242"), 12, 2030), false, NOW, 0);
        PaymentMethod mandate = new PaymentMethod(PaymentMethodId.random(), company.id(),
                PaymentMethodReference.of("pm_sepa_" + UUID.randomUUID()),
                new MethodDetails.SepaDebit(text, Last4.of("3000"), MandateReference.of("MANDATE-1"), true), true,
                NOW.plus(MICROSECOND), 0);

        methods().insert(card);
        methods().insert(mandate);

        assertThat(methods().findById(card.id())).contains(card.withVersion(1));
        assertThat(methods().findById(mandate.id())).contains(mandate.withVersion(1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.billingsdk.core.contract.ContractData#trickyReferences")
    public void providerReferencesAreKeptVerbatimAndFindTheirMethod(String text) {
        PaymentMethod card = new PaymentMethod(PaymentMethodId.random(), company.id(),
                PaymentMethodReference.of(text), new MethodDetails.Card("visa", Last4.of("4242"), 12, 2030), false,
                NOW, 0);
        PaymentMethod mandate = new PaymentMethod(PaymentMethodId.random(), company.id(),
                PaymentMethodReference.of("pm_sepa_" + UUID.randomUUID()),
                new MethodDetails.SepaDebit("ING", Last4.of("3000"), MandateReference.of(text), false), false,
                NOW.plus(MICROSECOND), 0);

        methods().insert(card);
        methods().insert(mandate);

        assertThat(methods().findById(card.id())).contains(card.withVersion(1));
        assertThat(methods().findById(mandate.id())).contains(mandate.withVersion(1));
        assertThat(methods().findByProviderReference(PaymentMethodReference.of(text)))
                .contains(card.withVersion(1));
    }

    @Test
    public void aMethodIsFoundByTheProvidersReference() {
        PaymentMethod card = methods().insert(aCard(company, NOW));
        methods().insert(aSepaMandate(child, NOW));

        assertThat(methods().findByProviderReference(card.providerReference())).contains(card);
        assertThat(methods().findByProviderReference(PaymentMethodReference.of("pm_nobody_knows"))).isEmpty();
    }

    @Test
    public void anUnknownMethodIsNotFound() {
        methods().insert(aCard(company, NOW));

        assertThat(methods().findById(PaymentMethodId.random())).isEmpty();
    }

    @Test
    public void insertingATakenIdIsRefusedAndTheFirstMethodIsKept() {
        PaymentMethod first = methods().insert(aCard(company, NOW));
        PaymentMethod sameId = new PaymentMethod(first.id(), company.id(), PaymentMethodReference.of("pm_other"),
                new MethodDetails.Card("amex", Last4.of("0005"), 3, 2031), true, NOW.plus(days(1)), 0);

        assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> methods().insert(sameId));
        assertThat(methods().findById(first.id())).contains(first);
        assertThat(methods().findByCompany(company.id())).containsExactly(first);
    }

    @Test
    public void updateIncrementsTheVersionAndKeepsEveryField() {
        PaymentMethod method = methods().insert(aCard(company, NOW));
        PaymentMethod renewedCard = new PaymentMethod(method.id(), company.id(),
                PaymentMethodReference.of("pm_renewed"),
                new MethodDetails.Card("visa", Last4.of("4242"), 1, 2034), false, method.createdAt(), method.version());

        for (PaymentMethod changed : List.of(method.asDefault(true), renewedCard.withVersion(2),
                renewedCard.asDefault(true).withVersion(3), renewedCard.withVersion(4))) {
            PaymentMethod updated = methods().update(changed);

            assertThat(updated).isEqualTo(changed.withVersion(changed.version() + 1));
            assertThat(methods().findById(method.id())).contains(updated);
        }
        assertThat(methods().findById(method.id())).contains(renewedCard.withVersion(5));
    }

    @Test
    public void staleUpdateIsRefusedAndTheStoredMethodIsUnchanged() {
        PaymentMethod read = methods().insert(aCard(company, NOW));
        PaymentMethod current = methods().update(read.asDefault(true));

        assertThatExceptionOfType(ConcurrentUpdateException.class)
                .isThrownBy(() -> methods().update(read.asDefault(false)));
        assertThat(methods().findById(read.id())).contains(current);
    }

    @Test
    public void updateWithAVersionAheadOfTheStoredOneIsRefused() {
        PaymentMethod stored = methods().insert(aCard(company, NOW));

        assertThatExceptionOfType(ConcurrentUpdateException.class)
                .isThrownBy(() -> methods().update(stored.asDefault(true).withVersion(7)));
        assertThat(methods().findById(stored.id())).contains(stored);
    }

    @Test
    public void updatingAnUnknownMethodIsRefusedAsNotFound() {
        PaymentMethod neverStored = aCard(company, NOW).withVersion(1);

        assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> methods().update(neverStored));
        assertThat(methods().findById(neverStored.id())).isEmpty();
        assertThat(methods().findByCompany(company.id())).isEmpty();
    }

    @Test
    public void deleteRemovesOnlyThatMethod() {
        PaymentMethod removed = methods().insert(aCard(company, NOW));
        PaymentMethod kept = methods().insert(aSepaMandate(company, NOW.plus(MICROSECOND)));

        methods().delete(removed.id());

        assertThat(methods().findById(removed.id())).isEmpty();
        assertThat(methods().findById(kept.id())).contains(kept);
        assertThat(methods().findByCompany(company.id())).containsExactly(kept);
    }

    @Test
    public void deletingAMissingMethodIsHarmless() {
        PaymentMethod kept = methods().insert(aCard(company, NOW));
        PaymentMethod removed = methods().insert(aCard(company, NOW.plus(MICROSECOND)));
        methods().delete(removed.id());

        methods().delete(removed.id());
        methods().delete(PaymentMethodId.random());

        assertThat(methods().findByCompany(company.id())).containsExactly(kept);
    }

    @Test
    public void aDeletedMethodCannotBeUpdated() {
        PaymentMethod removed = methods().insert(aCard(company, NOW));
        methods().delete(removed.id());

        assertThatExceptionOfType(NotFoundException.class)
                .isThrownBy(() -> methods().update(removed.asDefault(true)));
        assertThat(methods().findById(removed.id())).isEmpty();
    }

    @Test
    public void findByCompanyFindsThatCompanysMethodsOnlyOldestFirst() {
        PaymentMethod newest = methods().insert(aCard(company, NOW.plus(days(30))));
        PaymentMethod oldest = methods().insert(aSepaMandate(company, NOW.minus(days(30))));
        PaymentMethod aMicrosecondLater = methods().insert(aCard(company, NOW.plus(MICROSECOND)));
        PaymentMethod middle = methods().insert(aCard(company, NOW));
        PaymentMethod ofChild = methods().insert(aCard(child, NOW.minus(days(60))));
        PaymentMethod ofOther = methods().insert(aSepaMandate(other, NOW.minus(days(90))));

        assertThat(methods().findByCompany(company.id())).containsExactly(oldest, middle, aMicrosecondLater, newest);
        assertThat(methods().findByCompany(child.id())).containsExactly(ofChild);
        assertThat(methods().findByCompany(other.id())).containsExactly(ofOther);
    }

    @Test
    public void findByCompanyFollowsUpdates() {
        PaymentMethod first = methods().insert(aCard(company, NOW));
        PaymentMethod second = methods().insert(aSepaMandate(company, NOW.plus(days(1))));

        PaymentMethod firstNowDefault = methods().update(first.asDefault(true));
        PaymentMethod secondNoLongerDefault = methods().update(second.asDefault(false));

        assertThat(methods().findByCompany(company.id())).containsExactly(firstNowDefault, secondNoLongerDefault);
    }

    @Test
    public void aCompanyWithoutMethodsHasNone() {
        methods().insert(aCard(company, NOW));

        assertThat(methods().findByCompany(other.id())).isEmpty();
        assertThat(methods().findByCompany(CompanyId.random())).isEmpty();
    }

    @Test
    public void findByCompaniesFindsTheMethodsFindByCompanyFindsForEachCompanyEachOnce() {
        PaymentMethod card = methods().insert(aCard(company, NOW));
        PaymentMethod madeDefault = methods().update(methods().insert(aCard(company, NOW.plus(MICROSECOND)))
                .asDefault(true));
        PaymentMethod removed = methods().insert(aSepaMandate(company, NOW.minus(days(1))));
        methods().delete(removed.id());
        PaymentMethod ofChild = methods().insert(aSepaMandate(child, NOW.minus(days(30))));
        PaymentMethod ofOther = methods().insert(aCard(other, NOW));
        storage.paymentSetups().insert(aCardSetup(child));

        List<PaymentMethod> found = methods().findByCompanies(List.of(child.id(), CompanyId.random(), company.id(),
                child.id()));

        assertThat(found).containsExactlyInAnyOrder(card, madeDefault, ofChild);
        assertThat(found).containsExactlyInAnyOrderElementsOf(Stream.of(company, child)
                .flatMap(owner -> methods().findByCompany(owner.id()).stream()).toList());
        assertThat(found).doesNotContain(ofOther);
        assertThat(found).filteredOn(method -> method.id().equals(madeDefault.id())).singleElement()
                .extracting(PaymentMethod::isDefault, PaymentMethod::version).containsExactly(true, 2L);
    }

    @Test
    public void findByNoOrUnknownCompaniesOrCompaniesWithoutMethodsFindsNothing() {
        methods().insert(aCard(company, NOW));

        assertThat(methods().findByCompanies(List.of())).isEmpty();
        assertThat(methods().findByCompanies(Set.of())).isEmpty();
        assertThat(methods().findByCompanies(List.of(CompanyId.random(), other.id(), child.id()))).isEmpty();
    }

    private static Duration days(long days) {
        return Duration.ofDays(days);
    }
}
