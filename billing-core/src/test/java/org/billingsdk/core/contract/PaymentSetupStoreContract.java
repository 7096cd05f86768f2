package org.billingsdk.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.billingsdk.core.contract.ContractData.MICROSECOND;
import static org.billingsdk.core.contract.ContractData.NOW;
import static org.billingsdk.core.contract.ContractData.aCard;
import static org.billingsdk.core.contract.ContractData.aCardSetup;
import static org.billingsdk.core.contract.ContractData.aChildOf;
import static org.billingsdk.core.contract.ContractData.aCompany;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.payment.ClientSecret;
import org.billingsdk.core.payment.PaymentMethod;
import org.billingsdk.core.payment.PaymentMethodId;
import org.billingsdk.core.payment.SetupId;
import org.billingsdk.core.payment.SetupKind;
import org.billingsdk.core.payment.SetupReference;
import org.billingsdk.core.payment.SetupSession;
import org.billingsdk.core.port.PaymentSetupStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link PaymentSetupStore}: set-ups under way round-trip with every field (client
 * secret included, though it never shows in {@link SetupSession#toString()}) until they are
 * deleted or completed; deleting is harmless when there is nothing to delete; a completed set-up
 * answers the method it added, also when marked completed twice, and a completion rolled back with
 * its transaction leaves the set-up under way. Set-ups are not payment methods. Run it on an
 * implementation with:
 *
 * <pre>{@code
 * class PostgresPaymentSetupStoreTest extends PaymentSetupStoreContract {
 *     // TestDatabases.postgres(): the adapter's test database, migrated, emptied before each test
 *     protected Storage newStorage() { return JdbcStorage.forDataSource(TestDatabases.postgres()); }
 * }
 * }</pre>
 */
public abstract class PaymentSetupStoreContract extends StorageContract {

    private Company company;
    private Company child;
    private Company other;

    @BeforeEach
    public final void insertCompanies() {
        company = storage.companies().insert(aCompany("Acme"));
        child = storage.companies().insert(aChildOf(company, "Acme Child"));
        other = storage.companies().insert(aCompany("Other"));
    }

    private PaymentSetupStore setups() {
        return storage.paymentSetups();
    }

    @Test
    public void anInsertedSetupIsFoundWithEveryField() {
        SetupSession card = aCardSetup(company);
        SetupSession viaIdeal = new SetupSession(SetupId.random(), child.id(), SetupKind.SEPA_VIA_IDEAL,
                SetupReference.of("seti_ideal"),
                ClientSecret.of("seti_ideal_secret_7Hq"),
                URI.create("https://pay.example/ideal/redirect?session=seti_ideal&lang=nl"),
                NOW.plus(MICROSECOND));
        SetupSession sepa = new SetupSession(SetupId.random(), company.id(), SetupKind.SEPA_DEBIT,
                SetupReference.of("seti_sepa"),
                ClientSecret.of("seti_sepa_secret_K2"), null, Instant.parse("2026-02-28T23:59:59.999999Z"));

        for (SetupSession setup : List.of(card, viaIdeal, sepa)) {
            setups().insert(setup);
        }

        assertThat(setups().findById(card.id())).contains(card);
        assertThat(setups().findById(viaIdeal.id())).contains(viaIdeal);
        assertThat(setups().findById(sepa.id())).contains(sepa);
        assertThat(setups().findById(card.id())).get().extracting(SetupSession::clientSecret)
                .isEqualTo(card.clientSecret());
        assertThat(setups().findById(card.id())).get().extracting(SetupSession::redirectUrl).isNull();
    }

    @Test
    public void anUnknownSetupIsNotFound() {
        setups().insert(aCardSetup(company));

        assertThat(setups().findById(SetupId.random())).isEmpty();
    }

    @Test
    public void insertingATakenSetupIdIsRefusedAndTheFirstSetupIsKept() {
        SetupSession first = aCardSetup(company);
        setups().insert(first);
        SetupSession sameId = new SetupSession(first.id(), other.id(), SetupKind.SEPA_DEBIT,
                SetupReference.of("seti_other"),
                ClientSecret.of("seti_other_secret"), null, NOW.plus(Duration.ofDays(1)));

        assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> setups().insert(sameId));
        assertThat(setups().findById(first.id())).contains(first);
    }

    @Test
    public void deleteSetupRemovesOnlyThatSetupAndAMissingOneIsHarmless() {
        SetupSession completed = aCardSetup(company);
        SetupSession underWay = aCardSetup(company);
        setups().insert(completed);
        setups().insert(underWay);

        setups().delete(completed.id());
        setups().delete(completed.id());
        setups().delete(SetupId.random());

        assertThat(setups().findById(completed.id())).isEmpty();
        assertThat(setups().findById(underWay.id())).contains(underWay);
    }

    @Test
    public void aCompletedSetupIsNoLongerUnderWayAndAnswersTheMethodItAdded() {
        PaymentMethod card = storage.paymentMethods().insert(aCard(company, NOW));
        SetupSession completed = aCardSetup(company);
        SetupSession underWay = aCardSetup(company);
        setups().insert(completed);
        setups().insert(underWay);

        setups().markCompleted(completed, card.id());
        setups().markCompleted(completed, card.id());

        assertThat(setups().findById(completed.id())).isEmpty();
        assertThat(setups().findCompleted(completed.id())).contains(card.id());
        assertThat(setups().findById(underWay.id())).contains(underWay);
        assertThat(setups().findCompleted(underWay.id())).isEmpty();
        assertThat(setups().findCompleted(SetupId.random())).isEmpty();
    }

    @Test
    public void aSetupCompletedInARolledBackTransactionIsStillUnderWay() {
        PaymentMethod card = storage.paymentMethods().insert(aCard(company, NOW));
        SetupSession setup = aCardSetup(company);
        setups().insert(setup);

        assertThatThrownBy(() -> storage.inTransaction(() -> {
            setups().markCompleted(setup, card.id());
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");

        assertThat(setups().findById(setup.id())).contains(setup);
        assertThat(setups().findCompleted(setup.id())).isEmpty();
    }

    @Test
    public void setupsAreNotPaymentMethods() {
        SetupSession setup = aCardSetup(company);
        setups().insert(setup);

        assertThat(storage.paymentMethods().findByCompany(company.id())).isEmpty();
        assertThat(storage.paymentMethods().findById(new PaymentMethodId(setup.id().value()))).isEmpty();
    }

    @Test
    public void aSetupNeverShowsItsClientSecretInItsTextForm() {
        SetupSession setup = new SetupSession(SetupId.random(), company.id(), SetupKind.SEPA_VIA_IDEAL,
                SetupReference.of("seti_1Nx"),
                ClientSecret.of("seti_1Nx_secret_Zq81LmT0"), URI.create("https://pay.example/ideal"), NOW);
        setups().insert(setup);

        SetupSession found = setups().findById(setup.id()).orElseThrow();

        for (SetupSession session : List.of(setup, found)) {
            assertThat(session.toString())
                    .doesNotContain(setup.clientSecret().value())
                    .doesNotContain("secret_Zq81LmT0")
                    .contains(setup.id().toString())
                    .contains(setup.providerReference().value());
        }
    }
}
