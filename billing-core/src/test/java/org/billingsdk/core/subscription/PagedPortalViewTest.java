package org.billingsdk.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.billingsdk.core.testing.BillingFixture.actor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.billingsdk.core.InvalidInputException;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.Page;
import org.billingsdk.core.PageRequest;
import org.billingsdk.core.RefusedException;
import org.billingsdk.core.Scope;
import org.billingsdk.core.Violation;
import org.billingsdk.core.catalog.BillingInterval;
import org.billingsdk.core.catalog.NewPlan;
import org.billingsdk.core.catalog.NewProduct;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.catalog.ProductCode;
import org.billingsdk.core.change.Change;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.BillingMode;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.NewCompany;
import org.billingsdk.core.testing.OnEveryStorage;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The portal's paged list ({@link SubscriptionQueries#list}) and its counts
 * ({@link SubscriptionQueries#count}): the whole list's rows in its order, page by page, each once;
 * the filters judged as the subscriptions are now; cursors and filters from a browser checked; the
 * access rule as everywhere.
 */
public class PagedPortalViewTest extends OnEveryStorage {

    private Subscriptions subscriptions;
    private Company parent;
    private Company berlin;
    private Company berlinLab;
    private Actor alice;
    private Plan xdr;
    private final List<Company> children = new ArrayList<>();

    /**
     * Acme Holding with 3 subscriptions of its own and 12 children of 2 each (trials, contracts, a
     * second product, a scheduled cancellation and change), Acme Berlin Lab below Acme Berlin.
     */
    @BeforeEach
    void setUp() {
        subscriptions = fixture.billing.subscriptions();
        fixture.billing.catalog().addProduct(new NewProduct("xdr", "Extended Detection & Response", "XDR"));
        xdr = fixture.billing.catalog().addPlan(NewPlan.of("xdr-monthly", "xdr", Money.of(59, "EUR"),
                BillingInterval.MONTHLY));
        parent = fixture.root("Acme Holding");
        alice = actor(parent);
        for (int i = 0; i < 3; i++) {
            subscriptions.subscribe(alice, parent.id(), fixture.monthly.id());
        }
        for (String name : List.of("Acme Zurich", "Acme Amsterdam", "acme lowercase", "Acme Berlin", "Acme Oslo",
                "Acme Paris", "Acme Rome", "Acme Madrid", "Acme Vienna", "Acme Lisbon", "Acme Dublin")) {
            children.add(fixture.child(parent, name));
        }
        berlin = children.get(3);
        berlinLab = fixture.child(berlin, "Acme Berlin Lab");
        children.add(berlinLab);
        for (int i = 0; i < children.size(); i++) {
            Company child = children.get(i);
            subscriptions.subscribe(alice, child.id(), i % 3 == 0 ? fixture.trial.id() : fixture.monthly.id());
            subscriptions.subscribe(alice, child.id(), i % 4 == 0 ? xdr.id() : fixture.contract.id(), 3);
        }
        List<SubscriptionView> rows = subscriptions.active(alice, parent.id(), Scope.WITH_DESCENDANTS);
        SubscriptionView contract = rows.stream().filter(row -> row.planId().equals(fixture.contract.id()))
                .findFirst().orElseThrow();
        subscriptions.cancel(alice, contract.subscriptionId(), DataErasure.ACKNOWLEDGED);
        SubscriptionView another = rows.stream().filter(row -> row.planId().equals(fixture.contract.id()))
                .skip(1).findFirst().orElseThrow();
        fixture.billing.changes().change(alice, another.subscriptionId(), Change.toQuantity(1));
        SubscriptionView monthly = rows.stream().filter(row -> row.planId().equals(fixture.monthly.id())
                && !row.companyId().equals(parent.id())).findFirst().orElseThrow();
        subscriptions.cancel(alice, monthly.subscriptionId(), DataErasure.ACKNOWLEDGED);
    }

    /** Every page of the list, read with the cursor of the page before. */
    private List<Page<SubscriptionView>> pages(Actor actor, Company company, SubscriptionFilter filter, int size) {
        List<Page<SubscriptionView>> pages = new ArrayList<>();
        PageRequest request = PageRequest.first(size);
        while (true) {
            Page<SubscriptionView> page = subscriptions.list(actor, company.id(), Scope.WITH_DESCENDANTS, filter,
                    request);
            pages.add(page);
            if (!page.hasNext()) {
                return pages;
            }
            request = page.next(size).orElseThrow();
        }
    }

    private List<SubscriptionView> paged(Actor actor, Company company, SubscriptionFilter filter, int size) {
        return pages(actor, company, filter, size).stream().flatMap(page -> page.items().stream()).toList();
    }

    @Test
    void theListIsPagedByACursorInTheWholeListsOrderEachRowOnceWhateverThePageSize() {
        List<SubscriptionView> whole = subscriptions.active(alice, parent.id(), Scope.WITH_DESCENDANTS);
        List<SubscriptionView> all = subscriptions.all(alice, parent.id(), Scope.WITH_DESCENDANTS);

        assertThat(whole).hasSize(3 + 2 * 12 - 1);
        for (int size : new int[] {1, 2, 5, 26, 100}) {
            List<Page<SubscriptionView>> pages = pages(alice, parent, SubscriptionFilter.notCancelled(), size);

            assertThat(pages.stream().flatMap(page -> page.items().stream()).toList()).as("pages of %d", size)
                    .isEqualTo(whole);
            assertThat(pages).allSatisfy(page -> assertThat(page.items()).hasSizeLessThanOrEqualTo(size));
            assertThat(pages.subList(0, pages.size() - 1)).allSatisfy(page -> assertThat(page.items()).hasSize(size));
            assertThat(paged(alice, parent, SubscriptionFilter.everyState(), size)).isEqualTo(all);
        }
        assertThat(whole.subList(0, 3)).extracting(SubscriptionView::companyName).containsOnly("Acme Holding");
        assertThat(whole.get(3).companyName()).isEqualTo("Acme Amsterdam");
    }

    @Test
    void aPageThatEndsInTheCompanysOwnRowsGoesOnWithItsDescendants() {
        Page<SubscriptionView> first = subscriptions.list(alice, parent.id(), Scope.WITH_DESCENDANTS,
                SubscriptionFilter.notCancelled(), PageRequest.first(2));
        Page<SubscriptionView> second = subscriptions.list(alice, parent.id(), Scope.WITH_DESCENDANTS,
                SubscriptionFilter.notCancelled(), first.next(2).orElseThrow());

        assertThat(first.items()).extracting(SubscriptionView::companyName).containsExactly("Acme Holding",
                "Acme Holding");
        assertThat(second.items()).extracting(SubscriptionView::companyName).containsExactly("Acme Holding",
                "Acme Amsterdam");
        assertThat(subscriptions.list(alice, parent.id(), Scope.COMPANY_ONLY, SubscriptionFilter.notCancelled(),
                PageRequest.first(10)).items()).extracting(SubscriptionView::companyName)
                .containsExactly("Acme Holding", "Acme Holding", "Acme Holding");
    }

    @Test
    void theFiltersSelectByProductStateScheduleAndCompanyNameAsTheSubscriptionsAreNow() {
        Map<SubscriptionFilter, Predicate<SubscriptionView>> filters = Map.of(
                SubscriptionFilter.everyState().withProducts(ProductCode.of("xdr")),
                row -> row.product().code().value().equals("xdr"),
                SubscriptionFilter.everyState().withProducts(ProductCode.of("edr"), ProductCode.of("none")),
                row -> row.product().code().value().equals("edr"),
                SubscriptionFilter.everyState().withStates(SubscriptionState.TRIALING),
                row -> row.state() == SubscriptionState.TRIALING,
                SubscriptionFilter.everyState().withStates(SubscriptionState.ACTIVE, SubscriptionState.CANCELLED),
                row -> row.state() == SubscriptionState.ACTIVE || row.state() == SubscriptionState.CANCELLED,
                SubscriptionFilter.notCancelled().withScheduledOnly(),
                row -> row.state() != SubscriptionState.CANCELLED
                        && (row.scheduledCancellation() != null || row.scheduledChange() != null),
                SubscriptionFilter.everyState().withCompanyNameContaining("  BERLIN "),
                row -> row.companyName().toLowerCase(Locale.ROOT).contains("berlin"),
                SubscriptionFilter.notCancelled().withCompanyNameContaining("acme l"),
                row -> row.state() != SubscriptionState.CANCELLED
                        && row.companyName().toLowerCase(Locale.ROOT).contains("acme l"),
                SubscriptionFilter.everyState().withCompanyNameContaining("HOLDING"),
                row -> row.companyName().equals("Acme Holding"));
        // In January the trials run; by February they have ended, though no billing run has written it.
        for (String now : List.of("2026-01-20T00:00:00Z", "2026-02-10T00:00:00Z")) {
            fixture.clock.set(Instant.parse(now));
            List<SubscriptionView> all = subscriptions.all(alice, parent.id(), Scope.WITH_DESCENDANTS);
            for (Map.Entry<SubscriptionFilter, Predicate<SubscriptionView>> filter : filters.entrySet()) {
                List<SubscriptionView> expected = all.stream().filter(filter.getValue()).toList();

                assertThat(paged(alice, parent, filter.getKey(), 3)).as("%s at %s", filter.getKey(), now)
                        .isEqualTo(expected);
            }
        }
        assertThat(paged(alice, parent, SubscriptionFilter.everyState().withStates(SubscriptionState.TRIALING), 3))
                .as("in February").isEmpty();
        fixture.clock.set(Instant.parse("2026-01-20T00:00:00Z"));
        assertThat(paged(alice, parent, SubscriptionFilter.everyState().withStates(SubscriptionState.TRIALING), 3))
                .as("in January").hasSize(4);
        assertThat(paged(alice, parent, SubscriptionFilter.notCancelled().withScheduledOnly(), 3)).hasSize(2);
        assertThat(paged(alice, parent, SubscriptionFilter.everyState().withProducts(ProductCode.of("xdr")), 3))
                .hasSize(3);
        assertThat(paged(alice, parent, SubscriptionFilter.notCancelled().withProducts(ProductCode.of("none")), 3))
                .isEmpty();
        assertThat(paged(alice, parent, SubscriptionFilter.notCancelled().withCompanyNameContaining("%"), 3))
                .isEmpty();
    }

    @Test
    void theCountsAreByStateAsNowForTheWholeScopeWithTheFiltersOtherCriteria() {
        fixture.clock.set(Instant.parse("2026-01-20T00:00:00Z"));
        List<SubscriptionView> all = subscriptions.all(alice, parent.id(), Scope.WITH_DESCENDANTS);

        for (SubscriptionFilter filter : List.of(SubscriptionFilter.notCancelled(),
                SubscriptionFilter.everyState().withProducts(ProductCode.of("xdr")),
                SubscriptionFilter.notCancelled().withScheduledOnly().withStates(SubscriptionState.PAST_DUE),
                SubscriptionFilter.notCancelled().withCompanyNameContaining("berlin"))) {
            Map<SubscriptionState, Long> expected = new EnumMap<>(SubscriptionState.class);
            for (SubscriptionState state : SubscriptionState.values()) {
                expected.put(state, 0L);
            }
            paged(alice, parent, filter.withStates(SubscriptionState.values()), 100)
                    .forEach(row -> expected.merge(row.state(), 1L, Long::sum));

            assertThat(subscriptions.count(alice, parent.id(), Scope.WITH_DESCENDANTS, filter).byState())
                    .as("%s", filter).isEqualTo(expected);
        }
        SubscriptionCounts counts = subscriptions.count(alice, parent.id(), Scope.WITH_DESCENDANTS,
                SubscriptionFilter.notCancelled());
        assertThat(counts.total()).isEqualTo(all.size()).isEqualTo(3 + 2 * 12);
        assertThat(counts.of(SubscriptionState.CANCELLED)).isEqualTo(1);
        assertThat(counts.of(SubscriptionState.TRIALING)).isEqualTo(4);
        assertThat(subscriptions.count(alice, berlin.id(), Scope.WITH_DESCENDANTS, SubscriptionFilter.everyState())
                .total()).isEqualTo(4);
        assertThat(subscriptions.count(alice, berlin.id(), Scope.COMPANY_ONLY, SubscriptionFilter.everyState())
                .total()).isEqualTo(2);
    }

    @Test
    void aCursorTheListDidNotGiveIsRefusedNamingPageCursor() {
        String good = subscriptions.list(alice, parent.id(), Scope.WITH_DESCENDANTS,
                SubscriptionFilter.notCancelled(), PageRequest.first(5)).nextCursor();
        String history = fixture.billing.invoices().history(alice, parent.id(), Scope.WITH_DESCENDANTS,
                PageRequest.first(1)).nextCursor();
        String raw = new String(Base64.getUrlDecoder().decode(good));
        List<String> bad = new ArrayList<>(List.of("not a cursor", good + "=", good.substring(1),
                Base64.getUrlEncoder().withoutPadding().encodeToString(raw.replace("l1:", "l2:").getBytes()),
                Base64.getUrlEncoder().withoutPadding().encodeToString(raw.replaceFirst(":[0-9a-f-]{36}:",
                        ":not-a-company:").getBytes()),
                Base64.getUrlEncoder().withoutPadding().encodeToString((raw + "x".repeat(200)).getBytes())));
        if (history != null) {
            bad.add(history);
        }

        for (String cursor : bad) {
            assertThatThrownBy(() -> subscriptions.list(alice, parent.id(), Scope.WITH_DESCENDANTS,
                    SubscriptionFilter.notCancelled(), PageRequest.after(cursor, 5)))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                            .extracting(Violation::field).containsExactly("page.cursor"));
        }
    }

    @Test
    void aCompanyRenamedBetweenPagesMovesAloneAndEveryOtherRowIsReadOnce() {
        List<SubscriptionView> whole = subscriptions.active(alice, parent.id(), Scope.WITH_DESCENDANTS);
        Page<SubscriptionView> first = subscriptions.list(alice, parent.id(), Scope.WITH_DESCENDANTS,
                SubscriptionFilter.notCancelled(), PageRequest.first(6));
        SubscriptionView last = first.items().get(5);
        assertThat(last.companyId()).isNotEqualTo(parent.id());
        Company renamed = fixture.storage.companies().findById(last.companyId()).orElseThrow();
        fixture.storage.inTransaction(() -> fixture.storage.companies().update(renamed.withName("Acme Zzz")));

        List<SubscriptionView> rest = new ArrayList<>();
        PageRequest request = first.next(6).orElseThrow();
        while (true) {
            Page<SubscriptionView> page = subscriptions.list(alice, parent.id(), Scope.WITH_DESCENDANTS,
                    SubscriptionFilter.notCancelled(), request);
            rest.addAll(page.items());
            if (!page.hasNext()) {
                break;
            }
            request = page.next(6).orElseThrow();
        }

        List<SubscriptionId> read = new ArrayList<>(first.items().stream().map(SubscriptionView::subscriptionId)
                .toList());
        rest.forEach(row -> read.add(row.subscriptionId()));
        assertThat(read.stream().filter(id -> !isOf(whole, id, renamed))).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(whole.stream().filter(row -> !row.companyId().equals(renamed.id()))
                        .map(SubscriptionView::subscriptionId).toList());
    }

    private static boolean isOf(List<SubscriptionView> rows, SubscriptionId id, Company company) {
        return rows.stream().anyMatch(row -> row.subscriptionId().equals(id) && row.companyId().equals(company.id()));
    }

    @Test
    void aCursorAfterACompanyWithTheLongestNameIsAccepted() {
        // Between Acme Berlin Lab and Acme Dublin, 200 characters of 3 bytes each but the first six.
        Company longest = fixture.child(parent, "Acme C" + "\u6f22".repeat(194));
        subscriptions.subscribe(alice, longest.id(), fixture.monthly.id());
        List<SubscriptionView> whole = subscriptions.active(alice, parent.id(), Scope.WITH_DESCENDANTS);
        int at = whole.indexOf(whole.stream().filter(row -> row.companyId().equals(longest.id())).findFirst()
                .orElseThrow());

        Page<SubscriptionView> upTo = subscriptions.list(alice, parent.id(), Scope.WITH_DESCENDANTS,
                SubscriptionFilter.notCancelled(), PageRequest.first(at + 1));

        assertThat(upTo.nextCursor()).hasSizeLessThanOrEqualTo(PageRequest.MAX_CURSOR);
        assertThat(subscriptions.list(alice, parent.id(), Scope.WITH_DESCENDANTS, SubscriptionFilter.notCancelled(),
                upTo.next(100).orElseThrow()).items()).isEqualTo(whole.subList(at + 1, whole.size()));
    }

    @Test
    void aBadFilterIsRefusedNamingEveryProblem() {
        assertThatThrownBy(() -> new SubscriptionFilter(java.util.Set.of(), java.util.Set.of(), false,
                "x".repeat(201)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactlyInAnyOrder("filter.states", "filter.companyName"));
        assertThatThrownBy(() -> SubscriptionFilter.notCancelled().withCompanyNameContaining("Acme\u0000"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("filter.companyName"));
        assertThat(SubscriptionFilter.notCancelled().withCompanyNameContaining("   ").companyNameContains()).isNull();
    }

    @Test
    void aChildAdminListsItsSubtreeOnlyWhateverTheCursorSays() {
        Actor bob = actor(berlin);
        String parentsCursor = subscriptions.list(alice, parent.id(), Scope.WITH_DESCENDANTS,
                SubscriptionFilter.notCancelled(), PageRequest.first(4)).nextCursor();

        assertThat(paged(bob, berlin, SubscriptionFilter.notCancelled(), 1)).extracting(SubscriptionView::companyName)
                .containsOnly("Acme Berlin", "Acme Berlin Lab").hasSize(4);
        assertThat(subscriptions.list(bob, berlin.id(), Scope.WITH_DESCENDANTS, SubscriptionFilter.notCancelled(),
                PageRequest.after(parentsCursor, 100)).items()).extracting(SubscriptionView::companyName)
                .isNotEmpty().isSubsetOf("Acme Berlin", "Acme Berlin Lab");
        assertThatThrownBy(() -> subscriptions.list(bob, parent.id(), Scope.WITH_DESCENDANTS,
                SubscriptionFilter.notCancelled(), PageRequest.first(10))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> subscriptions.count(bob, parent.id(), Scope.COMPANY_ONLY,
                SubscriptionFilter.notCancelled())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void partnerManagedCompaniesAreLeftOutOfTheListAndTheCountsAndTheirOwnListIsRefused() {
        Company resold = fixture.billing.accounts().registerChild(alice, parent.id(),
                NewCompany.of("Acme Resold", "it@resold.example").withBillingMode(BillingMode.PARTNER_MANAGED));
        fixture.storage.inTransaction(() -> fixture.storage.subscriptions().insert(Subscription.subscribe(
                SubscriptionId.random(), resold.id(), fixture.monthly, EnvironmentId.of("partner-env"),
                fixture.clock.instant())));

        assertThat(paged(alice, parent, SubscriptionFilter.everyState(), 7)).extracting(SubscriptionView::companyName)
                .doesNotContain("Acme Resold");
        assertThat(subscriptions.count(alice, parent.id(), Scope.WITH_DESCENDANTS, SubscriptionFilter.everyState())
                .total()).isEqualTo(3 + 2 * 12);
        assertThatThrownBy(() -> subscriptions.list(alice, resold.id(), Scope.COMPANY_ONLY,
                SubscriptionFilter.everyState(), PageRequest.first(10))).isInstanceOf(RefusedException.class);
        assertThatThrownBy(() -> subscriptions.count(alice, resold.id(), Scope.COMPANY_ONLY,
                SubscriptionFilter.everyState())).isInstanceOf(RefusedException.class);
    }
}
