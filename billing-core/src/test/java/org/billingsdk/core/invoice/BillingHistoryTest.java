package org.billingsdk.core.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.billingsdk.core.testing.BillingFixture.actor;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.billingsdk.core.InvalidInputException;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.Page;
import org.billingsdk.core.PageRequest;
import org.billingsdk.core.PortException;
import org.billingsdk.core.RefusalCode;
import org.billingsdk.core.RefusedException;
import org.billingsdk.core.Scope;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.Address;
import org.billingsdk.core.company.BillingDetails;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.NewCompany;
import org.billingsdk.core.event.InvoiceVoided;
import org.billingsdk.core.history.HistoryEntry;
import org.billingsdk.core.history.InvoiceDetail;
import org.billingsdk.core.history.InvoiceSummary;
import org.billingsdk.core.history.Invoices;
import org.billingsdk.core.payment.DeclineCode;
import org.billingsdk.core.payment.Payment;
import org.billingsdk.core.payment.PaymentStatus;
import org.billingsdk.core.payment.Payments;
import org.billingsdk.core.payment.SetupKind;
import org.billingsdk.core.payment.SetupSession;
import org.billingsdk.core.simulation.SimulatedPaymentProvider.Behaviour;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.testing.BillingFixture;
import org.billingsdk.core.testing.OnEveryStorage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The portal's billing history, invoice detail and documents, previews and voiding. */
public class BillingHistoryTest extends OnEveryStorage {

    private Invoices invoices;
    private Company acme;
    private Actor alice;

    @BeforeEach
    void setUp() {
        invoices = fixture.billing.invoices();
        acme = fixture.root("Acme");
        alice = actor(acme);
    }

    private Subscription subscribe(Company company) {
        return fixture.billing.subscriptions().subscribe(alice, company.id(), fixture.monthly.id());
    }

    private List<InvoiceSummary> all(Actor actor, Company company, Scope scope) {
        return HistoryEntry.invoices(invoices.history(actor, company.id(), scope, PageRequest.first(100)).items());
    }

    private Invoice latestOf(Company company) {
        return invoices.find(alice, all(alice, company, Scope.COMPANY_ONLY).get(0).id()).invoice();
    }

    @Nested
    class History {

        @Test
        void theHistoryListsIssuedInvoicesNewestFirst() {
            subscribe(acme);
            fixture.advance(Duration.ofDays(1));
            subscribe(acme);
            fixture.advance(Duration.ofDays(1));
            subscribe(acme);

            List<InvoiceSummary> rows = all(alice, acme, Scope.COMPANY_ONLY);

            assertThat(rows).hasSize(3);
            assertThat(rows).extracting(InvoiceSummary::issuedAt).containsExactly(
                    Instant.parse("2026-01-17T10:00:00Z"), Instant.parse("2026-01-16T10:00:00Z"),
                    Instant.parse("2026-01-15T10:00:00Z"));
            assertThat(rows).extracting(row -> row.number().sequence()).containsExactly(3L, 2L, 1L);
            assertThat(rows).allSatisfy(row -> {
                assertThat(row.companyId()).isEqualTo(acme.id());
                assertThat(row.companyName()).isEqualTo("Acme");
                assertThat(row.state()).isEqualTo(InvoiceState.PAID);
                assertThat(row.total()).isEqualTo(BillingFixture.eur("59.29"));
                assertThat(row.dueAt()).isEqualTo(row.issuedAt().plus(Duration.ofDays(14)));
            });
        }

        @Test
        void ofInvoicesIssuedAtOneInstantTheHighestNumberComesFirst() {
            for (int i = 0; i < 6; i++) {
                subscribe(acme);
            }

            List<InvoiceSummary> rows = all(alice, acme, Scope.COMPANY_ONLY);

            assertThat(rows).extracting(InvoiceSummary::issuedAt).containsOnly(fixture.clock.instant());
            assertThat(rows).extracting(row -> row.number().sequence()).containsExactly(6L, 5L, 4L, 3L, 2L, 1L);
        }

        @Test
        void aRunCatchingUpMonthsListsItsInvoicesHighestNumberFirstOnEveryPage() {
            subscribe(acme);
            fixture.advance(Duration.ofDays(183));
            fixture.billing.run(fixture.clock.instant());

            List<Long> paged = new ArrayList<>();
            Optional<PageRequest> next = Optional.of(PageRequest.first(2));
            while (next.isPresent()) {
                Page<HistoryEntry> page = invoices.history(alice, acme.id(), Scope.COMPANY_ONLY, next.get());
                page.items().forEach(row -> paged.add(row.number().sequence()));
                next = page.next(2);
            }

            assertThat(paged).containsExactly(7L, 6L, 5L, 4L, 3L, 2L, 1L);
        }

        @Test
        void withDescendantsIncludesTheChildrensInvoicesWithTheirCompanyNames() {
            Company child = fixture.child(acme, "Acme Child");
            Company grandchild = fixture.child(child, "Acme Grandchild");
            Company stranger = fixture.root("Stranger");
            subscribe(acme);
            fixture.advance(Duration.ofHours(1));
            subscribe(child);
            fixture.advance(Duration.ofHours(1));
            subscribe(grandchild);
            fixture.billing.subscriptions().subscribe(actor(stranger), stranger.id(), fixture.monthly.id());

            List<InvoiceSummary> own = all(alice, acme, Scope.COMPANY_ONLY);
            List<InvoiceSummary> tree = all(alice, acme, Scope.WITH_DESCENDANTS);
            List<InvoiceSummary> childsTree = all(actor(child), child, Scope.WITH_DESCENDANTS);

            assertThat(own).extracting(InvoiceSummary::companyName).containsExactly("Acme");
            assertThat(tree).extracting(InvoiceSummary::companyName)
                    .containsExactly("Acme Grandchild", "Acme Child", "Acme");
            assertThat(tree).extracting(InvoiceSummary::companyId)
                    .containsExactly(grandchild.id(), child.id(), acme.id());
            assertThat(childsTree).extracting(InvoiceSummary::companyName)
                    .containsExactly("Acme Grandchild", "Acme Child");
        }

        @Test
        void pagingWalksEveryInvoiceExactlyOnceNewestFirst() {
            Company child = fixture.child(acme, "Acme Child");
            for (int i = 0; i < 4; i++) {
                subscribe(acme);
                subscribe(child);
                subscribe(acme);
                fixture.advance(Duration.ofHours(5));
            }
            List<InvoiceSummary> everything = all(alice, acme, Scope.WITH_DESCENDANTS);
            assertThat(everything).hasSize(12);

            List<InvoiceSummary> walked = new ArrayList<>();
            int pages = 0;
            Optional<PageRequest> request = Optional.of(PageRequest.first(3));
            while (request.isPresent()) {
                Page<HistoryEntry> page = invoices.history(alice, acme.id(), Scope.WITH_DESCENDANTS, request.get());
                assertThat(page.items()).hasSizeLessThanOrEqualTo(3);
                walked.addAll(HistoryEntry.invoices(page.items()));
                pages++;
                request = page.next(3);
            }

            assertThat(pages).isEqualTo(4);
            assertThat(walked).extracting(InvoiceSummary::id)
                    .doesNotHaveDuplicates()
                    .containsExactlyElementsOf(everything.stream().map(InvoiceSummary::id).toList());
            assertThat(walked).extracting(InvoiceSummary::issuedAt)
                    .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        }

        @Test
        void aPagesCursorStaysValidWhileNewerInvoicesAreAdded() {
            for (int i = 0; i < 4; i++) {
                subscribe(acme);
                fixture.advance(Duration.ofHours(1));
            }
            Page<HistoryEntry> first = invoices.history(alice, acme.id(), Scope.COMPANY_ONLY, PageRequest.first(2));
            subscribe(acme);

            Page<HistoryEntry> second = invoices.history(alice, acme.id(), Scope.COMPANY_ONLY,
                    first.next(2).orElseThrow());

            assertThat(second.items()).extracting(row -> row.number().sequence()).containsExactly(2L, 1L);
            assertThat(second.hasNext()).isFalse();
        }

        @Test
        void aMalformedCursorIsRefusedAsInvalidInputNamingThePageCursor() {
            subscribe(acme);
            String notBase64 = "***";
            String wrongParts = encoded("h1:1:2");
            String notAnId = encoded("h1:1:2:3:xyz");
            String notNumbers = encoded("h1:a:b:c:" + java.util.UUID.randomUUID());
            String formerFormat = encoded("1767603600:0:" + java.util.UUID.randomUUID());

            for (String cursor : List.of(notBase64, wrongParts, notAnId, notNumbers, formerFormat)) {
                assertRefusedAsCursor(cursor);
            }
        }

        @Test
        void aCursorWithExtremeNumbersIsRefusedInsteadOfFailingInArithmetic() {
            String id = java.util.UUID.randomUUID().toString();
            // Instant.ofEpochSecond(Long.MIN_VALUE, -1) throws ArithmeticException.
            assertRefusedAsCursor(Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ("-9223372036854775808:-1:" + id).getBytes(StandardCharsets.UTF_8)));
            assertRefusedAsCursor(encoded("h1:-9223372036854775808:-1:1:" + id));
            assertRefusedAsCursor(encoded("h1:9223372036854775807:999999999:1:" + id));
            assertRefusedAsCursor(encoded("h1:99999999999999999:0:1:" + id));
            assertRefusedAsCursor(encoded("h1:1767603600:0:0:" + id));
            assertRefusedAsCursor(encoded("h1:1767603600:0:-1:" + id));
            assertRefusedAsCursor(encoded("h1:1767603600:1000000000:1:" + id));
            assertRefusedAsCursor(encoded("h1:1767603600:-1:1:" + id));
        }

        @Test
        void aCursorIsReadOnlyInTheExactFormTheSdkWroteIt() {
            for (int i = 0; i < 3; i++) {
                subscribe(acme);
                fixture.advance(Duration.ofHours(1));
            }
            String given = invoices.history(alice, acme.id(), Scope.COMPANY_ONLY, PageRequest.first(1)).nextCursor();
            String raw = new String(Base64.getUrlDecoder().decode(given), StandardCharsets.UTF_8);
            String[] parts = raw.split(":");
            String padded = Base64.getUrlEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
            String leadingZero = encoded(parts[0] + ":0" + parts[1] + ":" + parts[2] + ":" + parts[3] + ":" + parts[4]);
            String plusSign = encoded(parts[0] + ":+" + parts[1] + ":" + parts[2] + ":" + parts[3] + ":" + parts[4]);
            String upperCaseId = encoded(parts[0] + ":" + parts[1] + ":" + parts[2] + ":" + parts[3] + ":"
                    + parts[4].toUpperCase(java.util.Locale.ROOT));

            assertThat(invoices.history(alice, acme.id(), Scope.COMPANY_ONLY, PageRequest.after(given, 1)).items())
                    .extracting(row -> row.number().sequence()).containsExactly(2L);
            for (String cursor : List.of(padded, leadingZero, plusSign, upperCaseId)) {
                if (!cursor.equals(given)) {
                    assertRefusedAsCursor(cursor);
                }
            }
        }

        @Test
        void anyTextNotGivenByTheSdkIsRefusedAsInvalidInputNamingThePageCursor() {
            subscribe(acme);
            String given = invoices.history(alice, acme.id(), Scope.COMPANY_ONLY, PageRequest.first(1)).nextCursor();
            org.quicktheories.QuickTheory.qt().withExamples(5_000)
                    .forAll(org.quicktheories.generators.SourceDSL.strings().allPossible().ofLengthBetween(0, 250))
                    .checkAssert(text -> {
                        if (!text.equals(given)) {
                            assertRefusedAsCursor(text);
                        }
                    });
            org.quicktheories.QuickTheory.qt().withExamples(5_000)
                    .forAll(org.quicktheories.generators.SourceDSL.longs().all(),
                            org.quicktheories.generators.SourceDSL.longs().all(),
                            org.quicktheories.generators.SourceDSL.longs().all(),
                            org.quicktheories.generators.SourceDSL.integers().between(0, 3))
                    .checkAssert((seconds, nanos, sequence, shape) -> {
                        String id = shape == 3 ? "0-0-0-0-0" : java.util.UUID.randomUUID().toString();
                        String prefix = shape == 1 ? "h2" : "h1";
                        String raw = prefix + ":" + seconds + ":" + nanos + ":" + sequence + ":" + id
                                + (shape == 2 ? ":" : "");
                        assertRefusedAsCursor(encoded(raw));
                    });
        }

        private String encoded(String raw) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        /** Refused as invalid input naming the page's cursor, whether by the request or by the history. */
        private void assertRefusedAsCursor(String cursor) {
            assertThatThrownBy(() -> invoices.history(alice, acme.id(), Scope.COMPANY_ONLY,
                    PageRequest.after(cursor, 3))).as(cursor)
                    .isInstanceOfSatisfying(InvalidInputException.class, refused -> assertThat(refused.violations())
                            .extracting(org.billingsdk.core.Violation::field).containsExactly("page.cursor"));
        }

        @Test
        void eachRowCarriesItsPaymentAttempts() {
            fixture.payments.thenCharges(Behaviour.DECLINE);
            subscribe(acme);
            Invoice invoice = latestOf(acme);
            fixture.clock.set(invoice.issuedAt().plus(Duration.ofDays(3)));
            fixture.billing.run(fixture.clock.instant());
            fixture.advance(Duration.ofDays(1));
            subscribe(acme);

            List<InvoiceSummary> rows = all(alice, acme, Scope.COMPANY_ONLY);

            assertThat(rows.get(1).id()).isEqualTo(invoice.id());
            assertThat(rows.get(1).payments()).extracting(Payment::attempt, Payment::status).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(1, PaymentStatus.DECLINED),
                    org.assertj.core.groups.Tuple.tuple(2, PaymentStatus.SUCCEEDED));
            assertThat(rows.get(1).payments().get(0).failureCode()).isEqualTo(DeclineCode.of("card_declined"));
            assertThat(rows.get(0).payments()).extracting(Payment::status).containsExactly(PaymentStatus.SUCCEEDED);
        }

        @Test
        void aChildCannotReadItsParentsHistory() {
            Company child = fixture.child(acme, "Acme Child");
            subscribe(acme);

            assertThatThrownBy(() -> all(actor(child), acme, Scope.COMPANY_ONLY)).isInstanceOf(NotFoundException.class);
        }
    }

    @Nested
    class Detail {

        @Test
        void findReturnsTheInvoiceWithItsPayments() {
            fixture.payments.thenCharges(Behaviour.DECLINE);
            Subscription subscription = subscribe(acme);
            InvoiceSummary row = all(alice, acme, Scope.COMPANY_ONLY).get(0);

            InvoiceDetail detail = invoices.find(alice, row.id());

            assertThat(detail.invoice().id()).isEqualTo(row.id());
            assertThat(detail.invoice().number()).isEqualTo(row.number());
            assertThat(detail.invoice().lines()).singleElement().satisfies(line -> {
                assertThat(line.subscriptionId()).isEqualTo(subscription.id());
                assertThat(line.periodStart()).isEqualTo(Instant.parse("2026-01-15T10:00:00Z"));
                assertThat(line.periodEnd()).isEqualTo(Instant.parse("2026-02-15T10:00:00Z"));
            });
            assertThat(detail.payments()).singleElement().satisfies(payment -> {
                assertThat(payment.status()).isEqualTo(PaymentStatus.DECLINED);
                assertThat(payment.invoiceId()).isEqualTo(row.id());
            });
        }

        @Test
        void aChildCannotReadItsParentsInvoiceAndIsAnsweredAsForAnUnknownId() {
            Company child = fixture.child(acme, "Acme Child");
            subscribe(acme);
            InvoiceId parents = all(alice, acme, Scope.COMPANY_ONLY).get(0).id();
            InvoiceId unknown = InvoiceId.random();

            NotFoundException forParents = catchNotFound(() -> invoices.find(actor(child), parents));
            NotFoundException forUnknown = catchNotFound(() -> invoices.find(actor(child), unknown));
            NotFoundException forDocument = catchNotFound(() -> invoices.document(actor(child), parents));

            assertThat(forParents.kind()).isEqualTo(forUnknown.kind()).isEqualTo(org.billingsdk.core.EntityKind.INVOICE);
            assertThat(forParents.getMessage()).isEqualTo("invoice " + parents + " not found");
            assertThat(forUnknown.getMessage()).isEqualTo("invoice " + unknown + " not found");
            assertThat(forParents.getClass()).isEqualTo(forUnknown.getClass());
            assertThat(forDocument.getMessage()).isEqualTo(forParents.getMessage());
        }

        @Test
        void aChildCannotPayItsParentsInvoice() {
            Company child = fixture.child(acme, "Acme Child");
            fixture.payments.thenCharges(Behaviour.DECLINE);
            subscribe(acme);
            InvoiceId parents = all(alice, acme, Scope.COMPANY_ONLY).get(0).id();

            catchNotFound(() -> invoices.payNow(actor(child), parents));
            assertThat(invoices.find(alice, parents).payments()).hasSize(1);
        }

        @Test
        void aParentReadsItsChildsInvoice() {
            Company child = fixture.child(acme, "Acme Child");
            subscribe(child);
            InvoiceId childs = all(actor(child), child, Scope.COMPANY_ONLY).get(0).id();

            assertThat(invoices.find(alice, childs).invoice().companyId()).isEqualTo(child.id());
            assertThat(invoices.document(alice, childs).text()).contains("Acme Child");
        }

        private NotFoundException catchNotFound(Runnable call) {
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call::run);
            assertThat(thrown).isInstanceOf(NotFoundException.class);
            return (NotFoundException) thrown;
        }
    }

    @Nested
    class Preview {

        @Test
        void aPreviewIsAnUnnumberedDraftThatIsNeitherStoredNorNumbered() {
            Subscription subscription = subscribe(acme);

            Optional<Invoice> preview = invoices.preview(alice, subscription.id());

            assertThat(preview).hasValueSatisfying(draft -> {
                assertThat(draft.state()).isEqualTo(InvoiceState.DRAFT);
                assertThat(draft.number()).isNull();
                assertThat(draft.issuedAt()).isNull();
                assertThat(draft.lines()).singleElement().satisfies(line -> {
                    assertThat(line.periodStart()).isEqualTo(Instant.parse("2026-02-15T10:00:00Z"));
                    assertThat(line.periodEnd()).isEqualTo(Instant.parse("2026-03-15T10:00:00Z"));
                });
                assertThat(draft.total()).isEqualTo(BillingFixture.eur("59.29"));
                assertThat(fixture.storage.invoices().findById(draft.id())).isEmpty();
                assertThatThrownBy(() -> invoices.find(alice, draft.id())).isInstanceOf(NotFoundException.class);
            });
            invoices.preview(alice, subscription.id());
            assertThat(all(alice, acme, Scope.COMPANY_ONLY)).hasSize(1);

            fixture.advance(Duration.ofMinutes(1));
            subscribe(acme);
            assertThat(all(alice, acme, Scope.COMPANY_ONLY).get(0).number())
                    .as("previews use no number").isEqualTo(new InvoiceNumber("INV-2026", 2));
        }

        @Test
        void aTrialsPreviewStartsAtTheTrialsEndAndACancelledOneHasNone() {
            Subscription trial = fixture.billing.subscriptions().subscribe(alice, acme.id(), fixture.trial.id());

            assertThat(invoices.preview(alice, trial.id())).hasValueSatisfying(draft ->
                    assertThat(draft.lines().get(0).periodStart()).isEqualTo(trial.trialEnd()));

            fixture.billing.subscriptions().cancel(alice, trial.id(),
                    org.billingsdk.core.subscription.DataErasure.ACKNOWLEDGED);
            assertThat(invoices.preview(alice, trial.id())).isEmpty();
        }

        @Test
        void aChildCannotPreviewItsParentsSubscription() {
            Company child = fixture.child(acme, "Acme Child");
            Subscription subscription = subscribe(acme);

            assertThatThrownBy(() -> invoices.preview(actor(child), subscription.id()))
                    .isInstanceOf(NotFoundException.class);
        }
    }

    @Nested
    class Voiding {

        @Test
        void voidingAnOpenInvoiceKeepsItsNumberAndEmitsInvoiceVoided() {
            fixture.payments.thenCharges(Behaviour.DECLINE);
            subscribe(acme);
            Invoice open = latestOf(acme);
            assertThat(open.state()).isEqualTo(InvoiceState.OPEN);
            fixture.advance(Duration.ofDays(1));

            Invoice voided = invoices.voidInvoice(open.id());

            assertThat(voided.state()).isEqualTo(InvoiceState.VOID);
            assertThat(voided.number()).isEqualTo(open.number());
            assertThat(voided.closedAt()).isEqualTo(fixture.clock.instant());
            assertThat(voided.nextPaymentAt()).isNull();
            assertThat(voided.lines()).isEqualTo(open.lines());
            assertThat(voided.total()).isEqualTo(open.total());
            assertThat(fixture.events.eventsOf(InvoiceVoided.class)).singleElement().satisfies(event -> {
                assertThat(event.invoiceId()).isEqualTo(open.id());
                assertThat(event.number()).isEqualTo(open.number());
            });
            assertThat(all(alice, acme, Scope.COMPANY_ONLY)).singleElement()
                    .satisfies(row -> assertThat(row.state()).isEqualTo(InvoiceState.VOID));

            int charges = fixture.payments.distinctCharges();
            fixture.clock.set(open.issuedAt().plus(Duration.ofDays(3)));
            fixture.billing.run(fixture.clock.instant());
            assertThat(fixture.payments.distinctCharges()).as("a void invoice is not collected").isEqualTo(charges);
            assertThat(invoices.payNow(alice, open.id())).isEmpty();
        }

        @Test
        void voidingAPaidInvoiceIsRefused() {
            subscribe(acme);
            Invoice paid = latestOf(acme);
            assertThat(paid.state()).isEqualTo(InvoiceState.PAID);

            assertThatThrownBy(() -> invoices.voidInvoice(paid.id()))
                    .isInstanceOfSatisfying(RefusedException.class,
                            refused -> assertThat(refused.refusal().code()).isEqualTo(RefusalCode.INVOICE_PAID));
            assertThat(latestOf(acme).state()).isEqualTo(InvoiceState.PAID);
            assertThat(fixture.events.eventsOf(InvoiceVoided.class)).isEmpty();
        }

        @Test
        void voidingAVoidInvoiceIsRefusedAsClosed() {
            fixture.payments.thenCharges(Behaviour.DECLINE);
            subscribe(acme);
            Invoice open = latestOf(acme);
            invoices.voidInvoice(open.id());

            assertThatThrownBy(() -> invoices.voidInvoice(open.id()))
                    .isInstanceOfSatisfying(RefusedException.class,
                            refused -> assertThat(refused.refusal().code()).isEqualTo(RefusalCode.INVOICE_CLOSED));
        }

        @Test
        void voidingAnUnknownInvoiceIsNotFound() {
            assertThatThrownBy(() -> invoices.voidInvoice(InvoiceId.random())).isInstanceOf(NotFoundException.class);
        }
    }

    @Nested
    class Document {

        private Company buyer;

        @BeforeEach
        void registerBuyer() {
            buyer = fixture.billing.accounts().register(NewCompany.of("Bavaria Software GmbH", "ap@bavaria.example")
                    .withBillingDetails(BillingDetails.builder()
                            .billingEmail("invoices@bavaria.example")
                            .vatNumber("DE136695976")
                            .billingAddress(new Address("Marienplatz 8", "3rd floor", "80331", "München", "Bayern",
                                    "DE"))
                            .build()));
            SetupSession setup = fixture.billing.paymentMethods().startSetup(actor(buyer), buyer.id(), SetupKind.CARD);
            fixture.billing.paymentMethods().completeSetup(actor(buyer), buyer.id(), setup.id());
        }

        @Test
        void theDocumentCarriesEverythingTheLawAsksFor() {
            fixture.billing.subscriptions().subscribe(actor(buyer), buyer.id(), fixture.monthly.id());
            InvoiceSummary row = all(actor(buyer), buyer, Scope.COMPANY_ONLY).get(0);

            InvoiceDocument document = invoices.document(actor(buyer), row.id());
            String html = document.text();

            assertThat(document.fileName()).isEqualTo("INV-2026-000001.html");
            assertThat(document.contentType()).startsWith("text/html");
            assertThat(html)
                    .contains("INV-2026-000001")
                    .contains("Issue date: 2026-01-15")
                    .contains("Due date: 2026-01-29")
                    .contains("ACME Security B.V.", "Herengracht 1", "1015 BA Amsterdam", "NL853746333B01")
                    .contains("Bavaria Software GmbH", "Marienplatz 8", "3rd floor", "80331 München", "Bayern",
                            "VAT number: DE136695976", "invoices@bavaria.example")
                    .contains("Endpoint Detection &amp; Response")
                    .contains("2026-01-15 to 2026-02-15")
                    .contains("Subtotal</td><td>EUR 49.00")
                    .contains("VAT 0 % (DE)")
                    .contains("Total</th><th>EUR 49.00")
                    .contains(org.billingsdk.core.tax.TaxLine.REVERSE_CHARGE_NOTE)
                    .contains("attempt 1: SUCCEEDED");
        }

        @Test
        void theDocumentPrintsTheBuyersEmailAndVatNumberAsAcceptedByteForByte() {
            Company quoted = fixture.billing.accounts().register(NewCompany.of("Quoted & Co",
                    "\"Jane Doe\"@quoted.example").withBillingDetails(BillingDetails.builder()
                            .vatNumber("be 0468.561.072")
                            .billingAddress(new Address("Rue de la Loi 200", "Bte 3", "1040", "Bruxelles", null,
                                    "BE"))
                            .build()));
            SetupSession setup = fixture.billing.paymentMethods().startSetup(actor(quoted), quoted.id(),
                    SetupKind.CARD);
            fixture.billing.paymentMethods().completeSetup(actor(quoted), quoted.id(), setup.id());
            fixture.billing.subscriptions().subscribe(actor(buyer), buyer.id(), fixture.monthly.id());
            fixture.billing.subscriptions().subscribe(actor(quoted), quoted.id(), fixture.monthly.id());
            InvoiceSummary row = all(actor(quoted), quoted, Scope.COMPANY_ONLY).get(0);

            byte[] document = invoices.document(actor(quoted), row.id()).content();

            // The parties as the renderer printed them when they kept their email and VAT number as text.
            assertThat(new String(document, StandardCharsets.UTF_8)).isEqualTo("""
                    <!DOCTYPE html>
                    <html lang="en"><head><meta charset="UTF-8"><title>Invoice INV-2026-000002</title></head>
                    <body>
                    <h1>Invoice INV-2026-000002</h1>
                    <p>Issue date: 2026-01-15<br>Due date: 2026-01-29<br>Status: PAID</p>
                    <section><h2>Seller</h2><p>ACME Security B.V.<br>Herengracht 1<br>1015 BA Amsterdam<br>NL\
                    <br>VAT number: NL853746333B01</p></section>
                    <section><h2>Bill to</h2><p>Quoted &amp; Co<br>Rue de la Loi 200<br>Bte 3<br>1040 Bruxelles\
                    <br>BE<br>VAT number: BE0468561072<br>&quot;Jane Doe&quot;@quoted.example</p></section>
                    <table>
                    <tr><th>Description</th><th>Service period</th><th>Quantity</th><th>Unit price</th><th>VAT</th>\
                    <th>Amount</th></tr>
                    <tr><td>Endpoint Detection &amp; Response</td><td>2026-01-15 to 2026-02-15</td><td>1</td>\
                    <td>EUR 49.00</td><td>0 %</td><td>EUR 49.00</td></tr>
                    <tr><td colspan="5">Subtotal</td><td>EUR 49.00</td></tr>
                    <tr><td colspan="5">VAT 0 % (BE) on EUR 49.00</td><td>EUR 0.00</td></tr>
                    <tr><th colspan="5">Total</th><th>EUR 49.00</th></tr>
                    <tr><th colspan="5">Amount due</th><th>EUR 0.00</th></tr>
                    </table>
                    <p class="note">Reverse charge: VAT to be accounted for by the recipient \
                    (Article 196, Directive 2006/112/EC).</p>
                    <h2>Payments</h2>
                    <ul>
                    <li>2026-01-15 attempt 1: SUCCEEDED</li>
                    </ul>
                    </body></html>
                    """);
        }

        @Test
        void theDocumentOfADomesticInvoicePrintsTheDomesticVat() {
            subscribe(acme);
            String html = invoices.document(alice, latestOf(acme).id()).text();

            assertThat(html).contains("Acme", "Damrak 1", "1012 LG Amsterdam")
                    .contains("VAT 21 % (NL)").contains("EUR 10.29").contains("EUR 59.29")
                    .doesNotContain("Reverse charge");
        }

        @Test
        void theDocumentEscapesHtmlInTheCompanyName() {
            Company evil = fixture.billing.accounts().register(NewCompany.of("<script>alert(1)</script> & \"Co\"",
                    "evil@example.com").withBillingDetails(BillingDetails.builder()
                    .billingAddress(Address.of("<b>Street</b> 1", "1012 LG", "Amsterdam", "NL")).build()));
            SetupSession setup = fixture.billing.paymentMethods().startSetup(actor(evil), evil.id(), SetupKind.CARD);
            fixture.billing.paymentMethods().completeSetup(actor(evil), evil.id(), setup.id());
            fixture.billing.subscriptions().subscribe(actor(evil), evil.id(), fixture.monthly.id());
            InvoiceSummary row = all(actor(evil), evil, Scope.COMPANY_ONLY).get(0);

            String html = invoices.document(actor(evil), row.id()).text();

            assertThat(row.companyName()).isEqualTo("<script>alert(1)</script> & \"Co\"");
            assertThat(html).doesNotContain("<script>").doesNotContain("</script>").doesNotContain("<b>")
                    .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;")
                    .contains("&lt;b&gt;Street&lt;/b&gt; 1");
        }
    }

    @Test
    void aRendererThatFailsReachesTheCallerAsAPortExceptionWithItsCause() {
        IllegalStateException broken = new IllegalStateException("font missing");
        BillingFixture failing = BillingFixture.builder().invoiceRenderer((invoice, payments) -> {
            throw broken;
        }).build();
        Company buyer = failing.root("Acme");
        failing.billing.subscriptions().subscribe(actor(buyer), buyer.id(), failing.monthly.id());
        InvoiceSummary row = HistoryEntry.invoices(failing.billing.invoices().history(actor(buyer), buyer.id(),
                Scope.COMPANY_ONLY, PageRequest.first(10)).items()).get(0);

        assertThatThrownBy(() -> failing.billing.invoices().document(actor(buyer), row.id()))
                .isInstanceOfSatisfying(PortException.class, e -> {
                    assertThat(e.port()).isEqualTo("renderer.render");
                    assertThat(e.getCause()).isSameAs(broken);
                    assertThat(e.getMessage()).contains("INV-2026-000001");
                });
    }
}
