package org.billingsdk.core.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;
import static org.billingsdk.core.testing.BillingFixture.actor;
import static org.billingsdk.core.testing.BillingFixture.eur;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import org.billingsdk.core.InvalidInputException;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.Page;
import org.billingsdk.core.PageRequest;
import org.billingsdk.core.PortException;
import org.billingsdk.core.RefusalCode;
import org.billingsdk.core.RefusedException;
import org.billingsdk.core.Scope;
import org.billingsdk.core.Violation;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.event.CreditBalanceChanged;
import org.billingsdk.core.event.CreditNoteIssued;
import org.billingsdk.core.event.InvoiceIssued;
import org.billingsdk.core.event.InvoicePaid;
import org.billingsdk.core.event.SubscriptionRecovered;
import org.billingsdk.core.history.HistoryEntry;
import org.billingsdk.core.history.HtmlInvoiceRenderer;
import org.billingsdk.core.history.InvoiceSummary;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceDocument;
import org.billingsdk.core.invoice.InvoiceNumber;
import org.billingsdk.core.invoice.InvoiceState;
import org.billingsdk.core.simulation.SimulatedPaymentProvider.Behaviour;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionState;
import org.billingsdk.core.testing.BillingFixture;
import org.billingsdk.core.testing.OnEveryStorage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Credit notes issued by the host through {@code Billing.credits()}, and the credit balance they
 * feed: the series, the lines and their VAT, what each destination does to the invoice and the
 * balance, the balance applied to the next invoices before they are charged, overpayments, the
 * refusals and the access rule. On every storage.
 */
public class CreditNotesTest extends OnEveryStorage {

    private static final Instant NEXT_MONTH = Instant.parse("2026-02-15T10:00:00Z");

    private Company acme;
    private Credits credits;

    @BeforeEach
    void setUp() {
        acme = fixture.root("Acme");
        credits = fixture.billing.credits();
    }

    private Subscription subscribe() {
        return fixture.billing.subscriptions().subscribe(actor(acme), acme.id(), fixture.monthly.id());
    }

    private List<Invoice> invoicesOf(Company company) {
        return fixture.storage.invoices().findByCompanies(List.of(company.id()), null, 100);
    }

    /** The company's newest invoice. */
    private Invoice latestInvoice() {
        return invoicesOf(acme).get(0);
    }

    private Invoice stored(Invoice invoice) {
        return fixture.storage.invoices().findById(invoice.id()).orElseThrow();
    }

    private List<MonetaryAmount> balances() {
        return credits.balances(actor(acme), acme.id());
    }

    private static CreditRequest part(CreditDestination destination, String net) {
        return CreditRequest.of(CreditReason.PRODUCT_UNSATISFACTORY, destination, CreditRequest.Line.of(0, eur(net)));
    }

    private static RefusalCode refusalOf(Throwable thrown) {
        assertThat(thrown).isInstanceOf(RefusedException.class);
        return ((RefusedException) thrown).refusal().code();
    }

    @Test
    void aPartOfAPaidInvoiceCreditedToTheBalanceIsItsOwnNumberedDocumentWithTheLinesVat() {
        subscribe();
        Invoice paid = latestInvoice();

        CreditNote note = credits.issue(actor(acme), paid.id(), part(CreditDestination.BALANCE, "10.00")
                .withMemo("Three days of outage"));

        assertThat(note.number()).isEqualTo(new InvoiceNumber("CN-2026", 1));
        assertThat(note.invoiceNumber()).isEqualTo(paid.number());
        assertThat(note.lines()).singleElement().satisfies(line -> {
            assertThat(line.invoiceLine()).isZero();
            assertThat(line.amount()).isEqualTo(eur("10.00"));
            assertThat(line.tax().amount()).isEqualTo(eur("2.10"));
            assertThat(line.tax().treatment()).isEqualTo(paid.lines().get(0).tax().treatment());
            assertThat(line.tax().ratePercent()).isEqualByComparingTo(paid.lines().get(0).tax().ratePercent());
        });
        assertThat(note.total()).isEqualTo(eur("12.10"));
        assertThat(note.memo()).isEqualTo("Three days of outage");
        assertThat(note.buyer()).isEqualTo(paid.buyer());
        assertThat(credits.find(actor(acme), note.id())).usingRecursiveComparison()
                .withComparatorForType(CreditNotesTest::byValue, MonetaryAmount.class)
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class).isEqualTo(note);
        assertThat(credits.ofInvoice(actor(acme), paid.id())).extracting(CreditNote::id).containsExactly(note.id());
        assertThat(stored(paid).state()).isEqualTo(InvoiceState.PAID);
        assertThat(balances()).singleElement().satisfies(balance -> assertThat(balance).isEqualTo(eur("12.10")));
        assertThat(fixture.events.eventsOf(CreditNoteIssued.class)).singleElement().satisfies(event -> {
            assertThat(event.number()).isEqualTo(note.number());
            assertThat(event.total()).isEqualTo(eur("12.10"));
        });
        assertThat(fixture.events.eventsOf(CreditBalanceChanged.class)).singleElement().satisfies(event -> {
            assertThat(event.kind()).isEqualTo(CreditEntry.Kind.CREDITED);
            assertThat(event.creditNoteId()).isEqualTo(note.id());
            assertThat(event.balance()).isEqualTo(eur("12.10"));
        });
    }

    @Test
    void theBalanceIsAppliedToTheNextInvoiceBeforeItIsChargedAndShownOnIt() {
        subscribe();
        credits.issue(actor(acme), latestInvoice().id(), part(CreditDestination.BALANCE, "10.00"));
        fixture.clock.set(NEXT_MONTH);

        fixture.billing.run(NEXT_MONTH);

        Invoice renewal = latestInvoice();
        assertThat(renewal.total()).isEqualTo(eur("59.29"));
        assertThat(renewal.creditApplied()).isEqualTo(eur("12.10"));
        assertThat(renewal.state()).isEqualTo(InvoiceState.PAID);
        assertThat(fixture.payments.capturedFor(renewal.id())).isEqualByComparingTo("47.19");
        assertThat(balances()).singleElement().satisfies(balance -> assertThat(balance).isEqualTo(eur("0.00")));
        assertThat(credits.ledger(actor(acme), acme.id(), Monetary.getCurrency("EUR"), PageRequest.first(10)).items())
                .extracting(CreditEntry::kind, CreditEntry::amount, CreditEntry::invoiceId)
                .containsExactly(
                        tuple(CreditEntry.Kind.APPLIED, eur("-12.10"), renewal.id()),
                        tuple(CreditEntry.Kind.CREDITED, eur("12.10"),
                                invoicesOf(acme).get(1).id()));
        List<String> order = fixture.events.events().stream().map(event -> event.type())
                .filter(type -> type.equals(InvoiceIssued.TYPE) || type.equals(CreditBalanceChanged.TYPE)).toList();
        assertThat(order.subList(order.size() - 2, order.size()))
                .as("the balance's event follows the invoice's").containsExactly(InvoiceIssued.TYPE,
                        CreditBalanceChanged.TYPE);
    }

    @Test
    void thePreviewOfTheNextInvoiceShowsTheBalanceItWouldTake() {
        Subscription subscription = subscribe();
        credits.issue(actor(acme), latestInvoice().id(), part(CreditDestination.BALANCE, "10.00"));

        Invoice preview = fixture.billing.invoices().preview(actor(acme), subscription.id()).orElseThrow();

        assertThat(preview.total()).isEqualTo(eur("59.29"));
        assertThat(preview.creditApplied()).isEqualTo(eur("12.10"));
        assertThat(preview.amountDue()).isEqualTo(eur("47.19"));
        assertThat(preview.number()).isNull();
        assertThat(balances()).as("a preview takes nothing").containsExactly(eur("12.10"));
    }

    @Test
    void aBalanceThatCoversTheNextInvoiceSettlesItAtIssueWithoutACharge() {
        subscribe();
        Invoice first = latestInvoice();
        credits.issue(actor(acme), first.id(), CreditRequest.wholeInvoice(first, CreditReason.ORDER_CHANGE,
                CreditDestination.BALANCE));
        assertThat(balances()).singleElement().satisfies(balance -> assertThat(balance).isEqualTo(eur("59.29")));
        int charges = fixture.payments.distinctCharges();
        fixture.clock.set(NEXT_MONTH);

        fixture.billing.run(NEXT_MONTH);

        Invoice renewal = latestInvoice();
        assertThat(renewal.state()).isEqualTo(InvoiceState.PAID);
        assertThat(renewal.creditApplied()).isEqualTo(eur("59.29"));
        assertThat(renewal.amountDue().isZero()).isTrue();
        assertThat(renewal.paymentAttempts()).isZero();
        assertThat(fixture.payments.distinctCharges()).isEqualTo(charges);
        assertThat(fixture.events.eventsOf(InvoicePaid.class)).extracting(InvoicePaid::invoiceId)
                .contains(renewal.id());
        assertThat(balances()).singleElement().satisfies(balance -> assertThat(balance.isZero()).isTrue());
    }

    @Test
    void anOpenInvoiceCreditedToItsAmountDueOwesLessAndOnceNothingIsDueIsPaidAndItsSubscriptionRecovers() {
        fixture.payments.chargesByDefault(Behaviour.DECLINE);
        Subscription subscription = subscribe();
        Invoice open = latestInvoice();
        assertThat(open.state()).isEqualTo(InvoiceState.OPEN);
        assertThat(fixture.storage.subscriptions().findById(subscription.id()).orElseThrow().state())
                .isEqualTo(SubscriptionState.PAST_DUE);

        credits.issue(actor(acme), open.id(), part(CreditDestination.AMOUNT_DUE, "20.00"));

        assertThat(stored(open).amountDue()).isEqualTo(eur("35.09"));
        assertThat(stored(open).state()).isEqualTo(InvoiceState.OPEN);

        CreditNote rest = credits.issue(actor(acme), open.id(), CreditRequest.wholeInvoice(open,
                CreditReason.ORDER_CHANGE, CreditDestination.AMOUNT_DUE));

        assertThat(rest.number().sequence()).isEqualTo(2);
        assertThat(rest.total()).isEqualTo(eur("35.09"));
        assertThat(rest.lines().get(0).tax().amount()).as("the last credit takes exactly the VAT left")
                .isEqualTo(eur("6.09"));
        assertThat(stored(open).state()).isEqualTo(InvoiceState.PAID);
        assertThat(stored(open).amountDue().isZero()).isTrue();
        assertThat(fixture.storage.subscriptions().findById(subscription.id()).orElseThrow().state())
                .isEqualTo(SubscriptionState.ACTIVE);
        assertThat(fixture.events.eventsOf(SubscriptionRecovered.class)).hasSize(1);
        assertThat(balances()).as("nothing went to the balance").isEmpty();
    }

    @Test
    void creditingAnOpenInvoiceTheBalanceHadPartlySettledGivesThatPartBackToTheBalance() {
        subscribe();
        credits.issue(actor(acme), latestInvoice().id(), part(CreditDestination.BALANCE, "10.00"));
        fixture.payments.chargesByDefault(Behaviour.DECLINE);
        fixture.clock.set(NEXT_MONTH);
        fixture.billing.run(NEXT_MONTH);
        Invoice renewal = latestInvoice();
        assertThat(renewal.state()).isEqualTo(InvoiceState.OPEN);
        assertThat(renewal.amountDue()).isEqualTo(eur("47.19"));

        credits.issue(actor(acme), renewal.id(), CreditRequest.wholeInvoice(renewal, CreditReason.DUPLICATE,
                CreditDestination.AMOUNT_DUE));

        assertThat(stored(renewal).state()).isEqualTo(InvoiceState.PAID);
        assertThat(balances()).singleElement().satisfies(balance -> assertThat(balance).isEqualTo(eur("12.10")));
    }

    @Test
    void aPaymentThatTakesMoreThanIsStillDueAfterACreditPutsTheExcessOnTheBalance() {
        fixture.payments.thenCharges(Behaviour.PENDING_THEN_SUCCEED);
        subscribe();
        Invoice pending = latestInvoice();
        assertThat(pending.state()).isEqualTo(InvoiceState.OPEN);
        credits.issue(actor(acme), pending.id(), part(CreditDestination.AMOUNT_DUE, "10.00"));
        assertThat(stored(pending).amountDue()).isEqualTo(eur("47.19"));
        Instant nextDay = pending.issuedAt().plus(java.time.Duration.ofDays(1));
        fixture.clock.set(nextDay);

        fixture.billing.run(nextDay);

        assertThat(stored(pending).state()).isEqualTo(InvoiceState.PAID);
        assertThat(fixture.payments.capturedFor(pending.id())).isEqualByComparingTo("59.29");
        assertThat(balances()).singleElement().satisfies(balance -> assertThat(balance).isEqualTo(eur("12.10")));
        assertThat(fixture.events.eventsOf(CreditBalanceChanged.class)).singleElement()
                .satisfies(event -> assertThat(event.kind()).isEqualTo(CreditEntry.Kind.OVERPAYMENT));
    }

    @Test
    void noCreditNoteCreditsMoreThanTheInvoiceStillHoldsAndARefusalUsesNoNumber() {
        subscribe();
        Invoice paid = latestInvoice();
        credits.issue(actor(acme), paid.id(), part(CreditDestination.BALANCE, "40.00"));

        assertThat(refusalOf(catchThrowable(() -> credits.issue(actor(acme), paid.id(),
                part(CreditDestination.BALANCE, "9.01"))))).isEqualTo(RefusalCode.EXCEEDS_CREDITABLE);
        CreditNote rest = credits.issue(actor(acme), paid.id(), part(CreditDestination.BALANCE, "9.00"));

        assertThat(rest.number().sequence()).as("the refusal took no number").isEqualTo(2);
        assertThat(credits.creditable(actor(acme), paid.id()).total().isZero()).isTrue();
        assertThat(refusalOf(catchThrowable(() -> credits.issue(actor(acme), paid.id(),
                CreditRequest.wholeInvoice(paid, CreditReason.DUPLICATE, CreditDestination.BALANCE)))))
                .isEqualTo(RefusalCode.EXCEEDS_CREDITABLE);
        assertThat(balances()).singleElement().satisfies(balance -> assertThat(balance).isEqualTo(eur("59.29")));
    }

    @Test
    void eachDestinationIsRefusedOnAnInvoiceInTheWrongState() {
        subscribe();
        Invoice paid = latestInvoice();
        fixture.payments.chargesByDefault(Behaviour.DECLINE);
        Company beta = fixture.root("Beta");
        fixture.billing.subscriptions().subscribe(actor(beta), beta.id(), fixture.monthly.id());
        Invoice open = invoicesOf(beta).get(0);
        Company gamma = fixture.root("Gamma");
        fixture.billing.subscriptions().subscribe(actor(gamma), gamma.id(), fixture.monthly.id());
        Invoice voided = fixture.billing.invoices().voidInvoice(invoicesOf(gamma).get(0).id());

        assertThat(refusalOf(catchThrowable(() -> credits.issue(actor(acme), paid.id(),
                part(CreditDestination.AMOUNT_DUE, "1.00"))))).isEqualTo(RefusalCode.INVOICE_PAID);
        assertThat(refusalOf(catchThrowable(() -> credits.issue(actor(beta), open.id(),
                part(CreditDestination.BALANCE, "1.00"))))).isEqualTo(RefusalCode.INVOICE_NOT_PAID);
        assertThat(refusalOf(catchThrowable(() -> credits.issue(actor(gamma),
                voided.id(), part(CreditDestination.AMOUNT_DUE, "1.00"))))).isEqualTo(RefusalCode.INVOICE_CLOSED);
        assertThat(fixture.events.eventsOf(CreditNoteIssued.class)).isEmpty();
    }

    @Test
    void aBadRequestIsRefusedNamingEveryProblemAndNothingIsStored() {
        subscribe();
        Invoice paid = latestInvoice();
        CreditRequest bad = new CreditRequest(null, null, java.util.Arrays.asList(CreditRequest.Line.of(0,
                eur("-1.00")), CreditRequest.Line.of(3, null), null, CreditRequest.Line.of(0,
                        org.javamoney.moneta.Money.of(new BigDecimal("1.001"), "EUR"))), "x".repeat(501));

        assertThatThrownBy(() -> credits.issue(actor(acme), paid.id(), bad))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field)
                        .containsExactlyInAnyOrder("reason", "destination", "memo", "lines[0].amount",
                                "lines[1].invoiceLine", "lines[2]", "lines[3].invoiceLine", "lines[3].amount"));
        assertThat(credits.ofInvoice(actor(acme), paid.id())).isEmpty();
        assertThat(balances()).isEmpty();
    }

    @Test
    void aCompanyThatDoesNotReachTheInvoiceFindsNothingToCreditWhileItsParentDoes() {
        Company child = fixture.child(acme, "Acme Child");
        fixture.billing.subscriptions().subscribe(actor(acme), child.id(), fixture.monthly.id());
        Invoice childs = invoicesOf(child).get(0);
        Company stranger = fixture.root("Stranger");

        assertThatThrownBy(() -> credits.issue(actor(stranger), childs.id(), part(CreditDestination.BALANCE, "1.00")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> credits.balances(actor(stranger), child.id())).isInstanceOf(NotFoundException.class);
        CreditNote note = credits.issue(actor(acme), childs.id(), part(CreditDestination.BALANCE, "1.00"));

        assertThat(note.companyId()).isEqualTo(child.id());
        assertThatThrownBy(() -> credits.find(actor(stranger), note.id())).isInstanceOf(NotFoundException.class);
        assertThat(credits.balances(actor(child), child.id())).containsExactly(eur("1.21"));
    }

    @Test
    void theLedgerPagesNewestFirstAndRefusesACursorItDidNotGive() {
        subscribe();
        Invoice paid = latestInvoice();
        for (int i = 0; i < 5; i++) {
            credits.issue(actor(acme), paid.id(), part(CreditDestination.BALANCE, "1.00"));
        }

        var first = credits.ledger(actor(acme), acme.id(), Monetary.getCurrency("EUR"), PageRequest.first(2));
        var second = credits.ledger(actor(acme), acme.id(), Monetary.getCurrency("EUR"),
                first.next(2).orElseThrow());
        var last = credits.ledger(actor(acme), acme.id(), Monetary.getCurrency("EUR"), second.next(2).orElseThrow());

        assertThat(first.items()).extracting(CreditEntry::sequence).containsExactly(5L, 4L);
        assertThat(second.items()).extracting(CreditEntry::sequence).containsExactly(3L, 2L);
        assertThat(last.items()).extracting(CreditEntry::sequence).containsExactly(1L);
        assertThat(last.hasNext()).isFalse();
        assertThat(first.items().get(0).balance()).isEqualTo(eur("6.05"));
        assertThatThrownBy(() -> credits.ledger(actor(acme), acme.id(), Monetary.getCurrency("EUR"),
                PageRequest.after("entries-before-0", 2))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void theBillingHistoryShowsCreditNotesBesideInvoicesNewestFirstAndEveryPageSizeWalksTheSameRows() {
        subscribe();
        Invoice first = latestInvoice();
        // Issued at the invoice's instant: at one instant the credit note comes first.
        CreditNote onFirst = credits.issue(actor(acme), first.id(), part(CreditDestination.BALANCE, "1.00"));
        fixture.clock.set(NEXT_MONTH);
        fixture.billing.run(NEXT_MONTH);
        Invoice second = latestInvoice();
        fixture.clock.set(NEXT_MONTH.plusSeconds(3_600));
        CreditNote onSecond = credits.issue(actor(acme), second.id(), part(CreditDestination.BALANCE, "2.00"));
        CreditNote againOnFirst = credits.issue(actor(acme), first.id(), part(CreditDestination.BALANCE, "3.00"));

        List<String> expected = List.of(againOnFirst.number().toString(), onSecond.number().toString(),
                second.number().toString(), onFirst.number().toString(), first.number().toString());
        for (int size = 1; size <= 6; size++) {
            List<HistoryEntry> walked = new ArrayList<>();
            Optional<PageRequest> request = java.util.Optional.of(PageRequest.first(size));
            while (request.isPresent()) {
                Page<HistoryEntry> page = fixture.billing.invoices().history(actor(acme), acme.id(),
                        Scope.COMPANY_ONLY, request.get());
                walked.addAll(page.items());
                request = page.next(size);
            }
            assertThat(walked).as("pages of %d", size).extracting(entry -> entry.number().toString())
                    .containsExactlyElementsOf(expected);
        }
        List<HistoryEntry> all = fixture.billing.invoices().history(actor(acme), acme.id(), Scope.COMPANY_ONLY,
                PageRequest.first(10)).items();
        assertThat(HistoryEntry.creditNotes(all).get(0)).satisfies(row -> {
            assertThat(row.id()).isEqualTo(againOnFirst.id());
            assertThat(row.invoiceNumber()).isEqualTo(first.number());
            assertThat(row.total()).isEqualTo(eur("3.63"));
            assertThat(row.reason()).isEqualTo(CreditReason.PRODUCT_UNSATISFACTORY);
            assertThat(row.destination()).isEqualTo(CreditDestination.BALANCE);
            assertThat(row.companyName()).isEqualTo("Acme");
        });
        assertThat(HistoryEntry.invoices(all)).extracting(InvoiceSummary::id).containsExactly(second.id(), first.id());
    }

    @Test
    void aCreditNotesDocumentNamesTheInvoiceItCorrectsItsReasonAndEveryAmountWithCustomersTextEscaped() {
        subscribe();
        Invoice paid = latestInvoice();
        CreditNote note = credits.issue(actor(acme), paid.id(), part(CreditDestination.BALANCE, "10.00")
                .withMemo("<script>alert('x')</script>\nsecond line"));

        InvoiceDocument document = credits.document(actor(acme), note.id());

        String html = new String(document.content(), StandardCharsets.UTF_8);
        assertThat(document.fileName()).isEqualTo("CN-2026-000001.html");
        assertThat(html).contains("Credit note CN-2026-000001", "Corrects invoice: " + paid.number(),
                "service not as agreed", "added to the customer's credit balance", "NL853746333B01",
                "2026-01-15 to 2026-02-15", "-EUR 10.00", "VAT 21 % (NL) on -EUR 10.00", "-EUR 2.10",
                "Total credited</th><th>-EUR 12.10", "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;<br>second line");
        assertThat(html).doesNotContain("<script>");
    }

    @Test
    void aRendererWrittenBeforeCreditNotesAnswersTheirDownloadWithAPortException() {
        BillingFixture invoicesOnly = BillingFixture.builder().storage(newStorage())
                .invoiceRenderer((invoice, payments) -> new HtmlInvoiceRenderer().render(invoice, payments)).build();
        Company company = invoicesOnly.root("Old Renderer");
        invoicesOnly.billing.subscriptions().subscribe(actor(company), company.id(), invoicesOnly.monthly.id());
        Invoice paid = invoicesOnly.storage.invoices().findByCompanies(List.of(company.id()), null, 1).get(0);
        CreditNote note = invoicesOnly.billing.credits().issue(actor(company), paid.id(),
                part(CreditDestination.BALANCE, "1.00"));

        assertThatThrownBy(() -> invoicesOnly.billing.credits().document(actor(company), note.id()))
                .isInstanceOfSatisfying(PortException.class,
                        e -> assertThat(e.port()).isEqualTo("renderer.renderCreditNote"));
        assertThat(invoicesOnly.billing.invoices().document(actor(company), paid.id()).fileName())
                .isEqualTo(paid.number() + ".html");
    }

    private static int byValue(MonetaryAmount a, MonetaryAmount b) {
        return a.getCurrency().equals(b.getCurrency()) && a.isEqualTo(b) ? 0 : 1;
    }
}
