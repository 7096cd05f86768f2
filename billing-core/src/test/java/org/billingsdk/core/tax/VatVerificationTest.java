package org.billingsdk.core.tax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.billingsdk.core.testing.BillingFixture.actor;
import static org.billingsdk.core.testing.BillingFixture.eur;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.billingsdk.core.BillingRunReport;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.PageRequest;
import org.billingsdk.core.Scope;
import org.billingsdk.core.company.Address;
import org.billingsdk.core.company.BillingDetails;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.NewCompany;
import org.billingsdk.core.company.VatCheck;
import org.billingsdk.core.company.VatNumber;
import org.billingsdk.core.credit.CreditDestination;
import org.billingsdk.core.credit.CreditNote;
import org.billingsdk.core.credit.CreditReason;
import org.billingsdk.core.event.VatNumberChecked;
import org.billingsdk.core.history.HistoryEntry;
import org.billingsdk.core.history.InvoiceSummary;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceLine;
import org.billingsdk.core.invoice.InvoiceState;
import org.billingsdk.core.testing.BillingFixture;
import org.billingsdk.core.testing.FakeVatRegister;
import org.billingsdk.core.testing.FakeVatRegister.Answer;
import org.billingsdk.core.testing.OnEveryStorage;
import org.junit.jupiter.api.Test;

/**
 * VAT numbers verified with the register: the answer kept as evidence, reverse charge only for a
 * number found valid, the policy while the register does not answer, the billing run asking again,
 * and the correction of paid invoices once a number is confirmed.
 */
public class VatVerificationTest extends OnEveryStorage {

    private static final String GERMAN = "DE136695976";

    private final FakeVatRegister register = new FakeVatRegister();

    private BillingFixture verifying(UnverifiedVatPolicy policy) {
        BillingFixture verifying = BillingFixture.builder().storage(newStorage()).vatNumbers(register, policy).build();
        register.clock(verifying.clock);
        return verifying;
    }

    private static BillingDetails inGermany(String vatNumber) {
        return BillingDetails.builder().billingAddress(Address.of("Friedrichstraße 1", "10117", "Berlin", "DE"))
                .vatNumber(vatNumber).build();
    }

    private static Company german(BillingFixture on, String vatNumber) {
        Company company = on.billing.accounts().register(NewCompany.of("Acme GmbH", "it@acme.example")
                .withBillingDetails(inGermany(vatNumber)));
        on.addCard(company, company);
        return on.billing.accounts().find(actor(company), company.id());
    }

    /** Subscribes {@code company} to the monthly plan and answers the invoice that issued. */
    private static Invoice subscribedMonthly(BillingFixture on, Company company) {
        on.billing.subscriptions().subscribe(actor(company), company.id(), on.monthly.id());
        return invoicesNewestFirst(on, company).get(0);
    }

    private static List<Invoice> invoicesNewestFirst(BillingFixture on, Company company) {
        List<InvoiceSummary> rows = HistoryEntry.invoices(on.billing.invoices().history(actor(company), company.id(),
                Scope.COMPANY_ONLY, PageRequest.first(20)).items());
        return rows.stream().map(row -> on.billing.invoices().find(actor(company), row.id()).invoice()).toList();
    }

    private static VatTreatment treatment(Invoice invoice) {
        return invoice.lines().get(0).tax().treatment();
    }

    @Test
    void aNumberTheRegisterFindsValidIsReverseChargedWithItsAnswerKeptAsEvidence() {
        register.answers(GERMAN, Answer.VALID);
        BillingFixture on = verifying(UnverifiedVatPolicy.CHARGE_VAT_UNTIL_VERIFIED);

        Company acme = german(on, GERMAN);
        on.billing.subscriptions().subscribe(actor(acme), acme.id(), on.monthly.id());

        VatCheck check = acme.vatCheck();
        assertThat(check.status()).isEqualTo(VatCheck.Status.VALID);
        assertThat(check.number()).isEqualTo(VatNumber.of(GERMAN));
        assertThat(check.checkedAt()).isEqualTo(Instant.parse(BillingFixture.START));
        assertThat(check.consultationNumber()).isEqualTo("WAPI1");
        assertThat(check.registeredName()).isEqualTo("Registered " + GERMAN);
        assertThat(check.registeredAddress()).isEqualTo("Street 1, City");
        assertThat(register.requesters()).containsExactly(BillingFixture.SELLER.vatNumber());
        Invoice invoice = invoicesNewestFirst(on, acme).get(0);
        assertThat(treatment(invoice)).isEqualTo(VatTreatment.REVERSE_CHARGE);
        assertThat(invoice.total()).isEqualTo(eur("49.00"));
        assertThat(on.events.eventsOf(VatNumberChecked.class)).singleElement().satisfies(event -> {
            assertThat(event.companyId()).isEqualTo(acme.id());
            assertThat(event.status()).isEqualTo(VatCheck.Status.VALID);
            assertThat(event.previous()).isNull();
            assertThat(event.consultationNumber()).isEqualTo("WAPI1");
        });
    }

    @Test
    void aNumberTheRegisterFindsInvalidPaysTheBuyersCountrysVat() {
        register.answers(GERMAN, Answer.INVALID);
        BillingFixture on = verifying(UnverifiedVatPolicy.REVERSE_CHARGE_AND_RECHECK);

        Company acme = german(on, GERMAN);
        on.billing.subscriptions().subscribe(actor(acme), acme.id(), on.monthly.id());

        assertThat(acme.vatCheck().status()).isEqualTo(VatCheck.Status.INVALID);
        Invoice invoice = invoicesNewestFirst(on, acme).get(0);
        assertThat(treatment(invoice)).isEqualTo(VatTreatment.DESTINATION_RATE);
        assertThat(invoice.taxTotal()).isEqualTo(eur("9.31"));
        assertThat(invoice.total()).isEqualTo(eur("58.31"));
    }

    @Test
    void whileTheRegisterDoesNotAnswerVatIsChargedAndOnceConfirmedThePaidInvoiceIsCorrected() {
        register.answers(GERMAN, Answer.UNAVAILABLE);
        BillingFixture on = verifying(UnverifiedVatPolicy.CHARGE_VAT_UNTIL_VERIFIED);
        Company acme = german(on, GERMAN);
        Invoice charged = subscribedMonthly(on, acme);
        assertThat(acme.vatCheck().status()).isEqualTo(VatCheck.Status.UNAVAILABLE);
        assertThat(acme.vatCheck().failure()).isEqualTo("MS_UNAVAILABLE");
        assertThat(treatment(charged)).isEqualTo(VatTreatment.DESTINATION_RATE);
        assertThat(charged.total()).isEqualTo(eur("58.31"));
        assertThat(charged.state()).isEqualTo(InvoiceState.PAID);

        register.answers(GERMAN, Answer.VALID);
        on.advance(Duration.ofDays(1));
        BillingRunReport report = on.billing.run(on.clock.instant());

        assertThat(report.vatNumbersChecked()).isEqualTo(1);
        Company confirmed = on.billing.accounts().find(actor(acme), acme.id());
        assertThat(confirmed.vatCheck().status()).isEqualTo(VatCheck.Status.VALID);
        List<CreditNote> notes = on.billing.credits().ofInvoice(actor(acme), charged.id());
        assertThat(notes).singleElement().satisfies(note -> {
            assertThat(note.reason()).isEqualTo(CreditReason.VAT_CORRECTION);
            assertThat(note.destination()).isEqualTo(CreditDestination.BALANCE);
            assertThat(note.total()).isEqualTo(eur("58.31"));
        });
        Invoice again = invoicesNewestFirst(on, acme).get(0);
        assertThat(again.id()).isNotEqualTo(charged.id());
        assertThat(again.lines()).singleElement().satisfies(line -> {
            assertThat(line.kind()).isEqualTo(InvoiceLine.Kind.VAT_CORRECTION);
            assertThat(line.tax().treatment()).isEqualTo(VatTreatment.REVERSE_CHARGE);
            assertThat(line.amount()).isEqualTo(eur("49.00"));
            assertThat(line.periodStart()).isEqualTo(charged.lines().get(0).periodStart());
            assertThat(line.periodEnd()).isEqualTo(charged.lines().get(0).periodEnd());
        });
        assertThat(again.creditApplied()).isEqualTo(eur("49.00"));
        assertThat(again.state()).isEqualTo(InvoiceState.PAID);
        // The VAT paid comes back as credit, which the next invoice (reverse-charged) uses.
        assertThat(on.billing.credits().balances(actor(acme), acme.id())).containsExactly(eur("9.31"));
        assertThat(on.payments.capturedFor(again.id())).isEqualByComparingTo("0");

        on.advance(Duration.ofDays(31));
        on.billing.run(on.clock.instant());
        Invoice next = invoicesNewestFirst(on, acme).get(0);
        assertThat(treatment(next)).isEqualTo(VatTreatment.REVERSE_CHARGE);
        assertThat(next.total()).isEqualTo(eur("49.00"));
        assertThat(next.creditApplied()).isEqualTo(eur("9.31"));
        assertThat(on.billing.credits().balances(actor(acme), acme.id())).singleElement()
                .satisfies(balance -> assertThat(balance.isZero()).isTrue());
    }

    @Test
    void anInvoiceRefundedOrChangedSinceIsNotCorrectedAndTheOthersAre() {
        register.answers(GERMAN, Answer.UNAVAILABLE);
        BillingFixture on = verifying(UnverifiedVatPolicy.CHARGE_VAT_UNTIL_VERIFIED);
        Company acme = german(on, GERMAN);
        Invoice refunded = subscribedMonthly(on, acme);
        on.billing.invoices().refund(refunded.id());
        on.advance(Duration.ofDays(31));
        on.billing.run(on.clock.instant());
        Invoice second = invoicesNewestFirst(on, acme).get(0);
        var changed = on.billing.subscriptions().subscribe(actor(acme), acme.id(), on.yearly.id());
        on.advance(Duration.ofDays(3));
        on.billing.changes().change(actor(acme), changed.id(), org.billingsdk.core.change.Change.toQuantity(2));
        Invoice changedOne = invoicesNewestFirst(on, acme).stream()
                .filter(invoice -> invoice.lines().get(0).planId().equals(on.yearly.id())).reduce((a, b) -> b)
                .orElseThrow();

        register.answers(GERMAN, Answer.VALID);
        on.billing.accounts().checkVatNumber(actor(acme), acme.id());

        assertThat(on.billing.credits().ofInvoice(actor(acme), refunded.id())).isEmpty();
        assertThat(on.billing.credits().ofInvoice(actor(acme), changedOne.id())).isEmpty();
        assertThat(on.billing.credits().ofInvoice(actor(acme), second.id())).singleElement()
                .satisfies(note -> assertThat(note.reason()).isEqualTo(CreditReason.VAT_CORRECTION));
        assertThat(on.billing.credits().balances(actor(acme), acme.id())).containsExactly(eur("9.31"));
    }

    @Test
    void aNumberFoundInvalidThenGivenAgainAndFoundValidCorrectsNothing() {
        register.answers(GERMAN, Answer.INVALID);
        BillingFixture on = verifying(UnverifiedVatPolicy.CHARGE_VAT_UNTIL_VERIFIED);
        Company acme = german(on, GERMAN);
        Invoice owed = subscribedMonthly(on, acme);
        assertThat(owed.taxTotal()).isEqualTo(eur("9.31"));

        register.answers(GERMAN, Answer.VALID);
        on.billing.accounts().updateBillingDetails(actor(acme), acme.id(), inGermany("DE129273398"));
        Company again = on.billing.accounts().updateBillingDetails(actor(acme), acme.id(), inGermany(GERMAN));

        assertThat(again.vatCheck().isValid()).isTrue();
        assertThat(on.billing.credits().ofInvoice(actor(acme), owed.id())).as("VAT was owed while it was invalid")
                .isEmpty();
    }

    @Test
    void aConfirmationCorrectsOnlyTheInvoicesIssuedSinceTheRegisterWasFirstFoundUnavailable() {
        register.answers(GERMAN, Answer.INVALID);
        BillingFixture on = verifying(UnverifiedVatPolicy.CHARGE_VAT_UNTIL_VERIFIED);
        Company acme = german(on, GERMAN);
        Invoice whileInvalid = subscribedMonthly(on, acme);
        on.advance(Duration.ofDays(31));
        register.answers(GERMAN, Answer.UNAVAILABLE);
        on.billing.accounts().updateBillingDetails(actor(acme), acme.id(), inGermany("DE129273398"));
        on.billing.accounts().updateBillingDetails(actor(acme), acme.id(), inGermany(GERMAN));
        on.advance(Duration.ofDays(1));
        on.billing.run(on.clock.instant());
        Invoice whileUnavailable = invoicesNewestFirst(on, acme).get(0);
        assertThat(whileUnavailable.id()).isNotEqualTo(whileInvalid.id());

        register.answers(GERMAN, Answer.VALID);
        on.billing.run(on.clock.instant());

        assertThat(on.billing.credits().ofInvoice(actor(acme), whileUnavailable.id())).hasSize(1);
        assertThat(on.billing.credits().ofInvoice(actor(acme), whileInvalid.id())).isEmpty();
    }

    @Test
    void aWholeRefundIsRefusedOnceACreditNoteCreditedTheInvoice() {
        register.answers(GERMAN, Answer.UNAVAILABLE);
        BillingFixture on = verifying(UnverifiedVatPolicy.CHARGE_VAT_UNTIL_VERIFIED);
        Company acme = german(on, GERMAN);
        Invoice corrected = subscribedMonthly(on, acme);
        register.answers(GERMAN, Answer.VALID);
        on.billing.accounts().checkVatNumber(actor(acme), acme.id());

        assertThatThrownBy(() -> on.billing.invoices().refund(corrected.id()))
                .isInstanceOfSatisfying(org.billingsdk.core.RefusedException.class, e -> assertThat(
                        e.refusal().code()).isEqualTo(org.billingsdk.core.RefusalCode.EXCEEDS_REFUNDABLE));
        assertThat(on.payments.capturedFor(corrected.id())).isEqualByComparingTo("58.31");
    }

    @Test
    void confirmingANumberTwiceCorrectsAnInvoiceOnce() {
        register.answers(GERMAN, Answer.UNAVAILABLE);
        BillingFixture on = verifying(UnverifiedVatPolicy.CHARGE_VAT_UNTIL_VERIFIED);
        Company acme = german(on, GERMAN);
        Invoice charged = subscribedMonthly(on, acme);

        register.answers(GERMAN, Answer.VALID);
        on.billing.accounts().checkVatNumber(actor(acme), acme.id());
        on.billing.accounts().checkVatNumber(actor(acme), acme.id());
        on.billing.run(on.clock.instant());

        assertThat(on.billing.credits().ofInvoice(actor(acme), charged.id())).hasSize(1);
        assertThat(invoicesNewestFirst(on, acme)).hasSize(2);
        assertThat(on.billing.credits().balances(actor(acme), acme.id())).containsExactly(eur("9.31"));
    }

    @Test
    void checksOnSeveralThreadsAtOnceCorrectAnInvoiceOnce() throws Exception {
        register.answers(GERMAN, Answer.UNAVAILABLE);
        BillingFixture on = verifying(UnverifiedVatPolicy.CHARGE_VAT_UNTIL_VERIFIED);
        Company acme = german(on, GERMAN);
        Invoice charged = subscribedMonthly(on, acme);
        register.answers(GERMAN, Answer.VALID);

        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CyclicBarrier together = new CyclicBarrier(threads);
        try {
            List<Future<Company>> checks = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                checks.add(pool.submit(() -> {
                    together.await();
                    return on.billing.accounts().checkVatNumber(actor(acme), acme.id());
                }));
            }
            for (Future<Company> check : checks) {
                check.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        on.billing.run(on.clock.instant());

        assertThat(on.billing.credits().ofInvoice(actor(acme), charged.id())).hasSize(1);
        assertThat(invoicesNewestFirst(on, acme)).hasSize(2);
        assertThat(on.billing.credits().balances(actor(acme), acme.id())).containsExactly(eur("9.31"));
    }

    @Test
    void underReverseChargeAndRecheckAnUnconfirmedNumberIsReverseChargedUntilTheRegisterFindsItInvalid() {
        register.answers(GERMAN, Answer.UNAVAILABLE);
        BillingFixture on = verifying(UnverifiedVatPolicy.REVERSE_CHARGE_AND_RECHECK);
        Company acme = german(on, GERMAN);
        on.billing.subscriptions().subscribe(actor(acme), acme.id(), on.monthly.id());
        assertThat(treatment(invoicesNewestFirst(on, acme).get(0))).isEqualTo(VatTreatment.REVERSE_CHARGE);

        register.answers(GERMAN, Answer.INVALID);
        on.advance(Duration.ofDays(31));
        on.billing.run(on.clock.instant());

        List<Invoice> invoices = invoicesNewestFirst(on, acme);
        assertThat(invoices).hasSize(2);
        assertThat(treatment(invoices.get(0))).isEqualTo(VatTreatment.DESTINATION_RATE);
        assertThat(invoices.get(0).total()).isEqualTo(eur("58.31"));
        assertThat(on.billing.credits().ofInvoice(actor(acme), invoices.get(1).id())).isEmpty();
        assertThat(on.events.eventsOf(VatNumberChecked.class)).extracting(VatNumberChecked::status)
                .containsExactly(VatCheck.Status.UNAVAILABLE, VatCheck.Status.INVALID);
        assertThat(on.events.eventsOf(VatNumberChecked.class).get(1).previous())
                .isEqualTo(VatCheck.Status.UNAVAILABLE);
    }

    @Test
    void anUnavailableRegisterDoesNotReplaceAnAnswerItGaveBefore() {
        register.answers(GERMAN, Answer.VALID);
        BillingFixture on = verifying(UnverifiedVatPolicy.CHARGE_VAT_UNTIL_VERIFIED);
        Company acme = german(on, GERMAN);

        register.answers(GERMAN, Answer.UNAVAILABLE);
        on.advance(Duration.ofDays(3));
        Company after = on.billing.accounts().checkVatNumber(actor(acme), acme.id());

        assertThat(after.vatCheck()).isEqualTo(acme.vatCheck());
        assertThat(register.asked()).hasSize(2);
        assertThat(on.events.eventsOf(VatNumberChecked.class)).hasSize(1);
    }

    @Test
    void theRunAsksAgainOnlyAboutNumbersTheRegisterHasNotAnsweredAboutAndAnOutageIsOneEvent() {
        register.answers(GERMAN, Answer.UNAVAILABLE).answers("FR40303265045", Answer.VALID);
        BillingFixture on = verifying(UnverifiedVatPolicy.CHARGE_VAT_UNTIL_VERIFIED);
        Company acme = german(on, GERMAN);
        Company french = on.billing.accounts().register(NewCompany.of("Acme SARL", "it@acme.example")
                .withBillingDetails(BillingDetails.builder()
                        .billingAddress(Address.of("1 rue de Rivoli", "75001", "Paris", "FR"))
                        .vatNumber("FR40303265045").build()));
        Company swiss = on.billing.accounts().register(NewCompany.of("Acme AG", "it@acme.example")
                .withBillingDetails(BillingDetails.builder()
                        .billingAddress(Address.of("Bahnhofstrasse 1", "8001", "Zürich", "CH"))
                        .vatNumber("CHE-123.456.788 MWST").build()));

        on.billing.run(on.clock.instant());
        on.billing.run(on.clock.instant());

        assertThat(register.asked()).containsExactly(VatNumber.of(GERMAN), VatNumber.of("FR40303265045"),
                VatNumber.of(GERMAN), VatNumber.of(GERMAN));
        assertThat(on.billing.accounts().find(actor(swiss), swiss.id()).vatCheck()).isNull();
        assertThat(on.billing.accounts().find(actor(french), french.id()).vatCheck().isValid()).isTrue();
        assertThat(on.events.eventsOf(VatNumberChecked.class)).extracting(VatNumberChecked::companyId)
                .containsExactly(acme.id(), french.id());
    }

    @Test
    void aVerifierThatThrowsCountsAsUnavailable() {
        register.answers(GERMAN, Answer.THROWS);
        BillingFixture on = verifying(UnverifiedVatPolicy.CHARGE_VAT_UNTIL_VERIFIED);

        Company acme = german(on, GERMAN);

        assertThat(acme.vatCheck().status()).isEqualTo(VatCheck.Status.UNAVAILABLE);
        assertThat(acme.vatCheck().failure()).isEqualTo("ERROR");
    }

    @Test
    void aNewNumberDropsTheOldOnesCheckAndIsAskedAboutWhileOtherDetailsKeepIt() {
        register.answers(GERMAN, Answer.VALID).answers("DE129273398", Answer.INVALID);
        BillingFixture on = verifying(UnverifiedVatPolicy.CHARGE_VAT_UNTIL_VERIFIED);
        Company acme = german(on, GERMAN);

        Company moved = on.billing.accounts().updateBillingDetails(actor(acme), acme.id(), BillingDetails.builder()
                .billingAddress(Address.of("Marienplatz 1", "80331", "München", "DE")).vatNumber(GERMAN).build());
        assertThat(moved.vatCheck()).isEqualTo(acme.vatCheck());
        assertThat(register.asked()).hasSize(1);

        Company renumbered = on.billing.accounts().updateBillingDetails(actor(acme), acme.id(),
                inGermany("DE129273398"));
        assertThat(renumbered.vatCheck().number()).isEqualTo(VatNumber.of("DE129273398"));
        assertThat(renumbered.vatCheck().status()).isEqualTo(VatCheck.Status.INVALID);

        Company without = on.billing.accounts().updateBillingDetails(actor(acme), acme.id(), inGermany(null));
        assertThat(without.vatCheck()).isNull();
        assertThat(register.asked()).hasSize(2);
    }

    @Test
    void checkingANumberIsUnderTheAccessRule() {
        register.answers(GERMAN, Answer.VALID);
        BillingFixture on = verifying(UnverifiedVatPolicy.CHARGE_VAT_UNTIL_VERIFIED);
        Company acme = german(on, GERMAN);
        Company child = on.child(acme, "Acme Berlin");

        assertThatThrownBy(() -> on.billing.accounts().checkVatNumber(actor(child), acme.id()))
                .isInstanceOf(NotFoundException.class);
        assertThat(register.asked()).hasSize(1);
    }

    @Test
    void withoutAVerifierAWellFormedNumberIsReverseChargedAndNothingIsAsked() {
        Company acme = german(fixture, GERMAN);
        fixture.billing.subscriptions().subscribe(actor(acme), acme.id(), fixture.monthly.id());

        assertThat(acme.vatCheck()).isNull();
        assertThat(fixture.billing.accounts().checkVatNumber(actor(acme), acme.id())).isEqualTo(acme);
        assertThat(treatment(invoicesNewestFirst(fixture, acme).get(0))).isEqualTo(VatTreatment.REVERSE_CHARGE);
    }
}
