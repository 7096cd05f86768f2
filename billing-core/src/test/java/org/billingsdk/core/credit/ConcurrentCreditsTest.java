package org.billingsdk.core.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingsdk.core.testing.BillingFixture.actor;
import static org.billingsdk.core.testing.BillingFixture.eur;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import javax.money.Monetary;
import org.billingsdk.core.PageRequest;
import org.billingsdk.core.RefusalCode;
import org.billingsdk.core.RefusedException;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.testing.OnEveryStorage;
import org.billingsdk.core.testing.Threads;
import org.junit.jupiter.api.Test;

/**
 * Credit notes issued on many threads at once: their numbers run 1..N without gap or duplicate,
 * no invoice is ever credited beyond what it holds nor refunded beyond what its payment took, and
 * each credit balance is the sum of its entries. On every storage (real threads against
 * PostgreSQL and H2 in the JDBC adapter's suite).
 */
public class ConcurrentCreditsTest extends OnEveryStorage {

    private static final int THREADS = 8;

    private static <T> List<T> concurrently(IntFunction<T> work) throws Exception {
        return Threads.concurrently(THREADS, work);
    }

    private Invoice paidInvoiceOf(Company company) {
        fixture.billing.subscriptions().subscribe(actor(company), company.id(), fixture.monthly.id());
        return fixture.storage.invoices().findByCompanies(List.of(company.id()), null, 1).get(0);
    }

    private static CreditRequest tenEuros() {
        return CreditRequest.of(CreditReason.REQUESTED_BY_CUSTOMER, CreditDestination.BALANCE,
                CreditRequest.Line.of(0, eur("10.00")));
    }

    @Test
    void concurrentCreditsOnOneInvoiceNeverExceedWhatItHolds() throws Exception {
        Company acme = fixture.root("Acme");
        Invoice paid = paidInvoiceOf(acme);

        // EUR 59.29 holds four credits of EUR 12.10 (10.00 and its VAT), not five.
        List<String> outcomes = concurrently(thread -> {
            try {
                return fixture.billing.credits().issue(actor(acme), paid.id(), tenEuros()).number().toString();
            } catch (RefusedException e) {
                return e.refusal().code().name();
            }
        });

        assertThat(outcomes.stream().filter(RefusalCode.EXCEEDS_CREDITABLE.name()::equals)).hasSize(THREADS - 4);
        List<CreditNote> notes = fixture.billing.credits().ofInvoice(actor(acme), paid.id());
        assertThat(notes).hasSize(4);
        assertThat(notes.stream().map(note -> note.number().sequence()).sorted()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(fixture.billing.credits().creditable(actor(acme), paid.id()).total()).isEqualTo(eur("10.89"));
        assertThat(fixture.billing.credits().balances(actor(acme), acme.id())).containsExactly(eur("48.40"));
    }

    @Test
    void concurrentRefundsOfOneInvoiceNeverGiveBackMoreThanItsPaymentTookNorTwiceUnderOneKey() throws Exception {
        Company acme = fixture.root("Acme");
        Invoice paid = paidInvoiceOf(acme);

        List<String> outcomes = concurrently(thread -> {
            try {
                return fixture.billing.credits().issue(actor(acme), paid.id(), CreditRequest.of(
                        CreditReason.REQUESTED_BY_CUSTOMER, CreditDestination.REFUND,
                        CreditRequest.Line.of(0, eur("10.00")))).number().toString();
            } catch (RefusedException e) {
                return e.refusal().code().name();
            }
        });

        assertThat(outcomes.stream().filter(outcome -> outcome.startsWith("CN-"))).hasSize(4);
        List<Refund> refunds = fixture.billing.credits().refunds(actor(acme), paid.id());
        assertThat(refunds).hasSize(4).allSatisfy(refund -> assertThat(refund.status())
                .isEqualTo(RefundStatus.SUCCEEDED));
        assertThat(refunds.stream().map(Refund::idempotencyKey).distinct()).hasSize(4);
        assertThat(fixture.payments.refundedFor(paid.id())).isEqualByComparingTo("48.40");
        assertThat(fixture.payments.calls().stream().filter(call -> call.startsWith("refund "))).hasSize(4);
    }

    @Test
    void creditNoteNumbersRunWithoutGapOrDuplicateUnderEightThreadsAndEachBalanceIsTheSumOfItsEntries()
            throws Exception {
        List<Company> companies = IntStream.range(0, THREADS).mapToObj(i -> fixture.root("Customer " + i)).toList();
        List<Invoice> invoices = companies.stream().map(this::paidInvoiceOf).toList();
        int perThread = 3;

        concurrently(thread -> {
            for (int i = 0; i < perThread; i++) {
                Company company = companies.get(thread);
                fixture.billing.credits().issue(actor(company), invoices.get(thread).id(), tenEuros());
                // and one on a neighbour's invoice, so that threads meet on invoices and balances
                Company neighbour = companies.get((thread + 1) % THREADS);
                fixture.billing.credits().issue(actor(neighbour), invoices.get((thread + 1) % THREADS).id(),
                        CreditRequest.of(CreditReason.ORDER_CHANGE, CreditDestination.BALANCE,
                                CreditRequest.Line.of(0, eur("0.01"))));
            }
            return null;
        });

        List<Long> sequences = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            Company company = companies.get(i);
            List<CreditNote> notes = fixture.billing.credits().ofInvoice(actor(company), invoices.get(i).id());
            assertThat(notes).hasSize(2 * perThread);
            notes.forEach(note -> sequences.add(note.number().sequence()));
            BigDecimal sum = fixture.billing.credits().ledger(actor(company), company.id(),
                            Monetary.getCurrency("EUR"), PageRequest.first(100)).items().stream()
                    .map(entry -> entry.amount().getNumber().numberValueExact(BigDecimal.class))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            // 3 x 12.10 + 3 x 0.01 (whose VAT rounds to zero)
            assertThat(sum).isEqualByComparingTo("36.33");
            assertThat(fixture.billing.credits().balances(actor(company), company.id())).containsExactly(eur("36.33"));
        }
        assertThat(sequences.stream().sorted().toList())
                .isEqualTo(LongStream.rangeClosed(1, 2L * perThread * THREADS).boxed().toList());
    }
}
