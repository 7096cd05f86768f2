package org.billingsdk.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.billingsdk.core.contract.ContractData.aChildOf;
import static org.billingsdk.core.contract.ContractData.aCompany;
import static org.billingsdk.core.contract.ContractData.MICROSECOND;
import static org.billingsdk.core.contract.ContractData.NOW;
import static org.billingsdk.core.contract.ContractData.minimalBillingDetails;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.billingsdk.core.ConcurrentUpdateException;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.company.Address;
import org.billingsdk.core.company.BillingDay;
import org.billingsdk.core.company.BillingDetails;
import org.billingsdk.core.company.BillingMode;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.company.EmailAddress;
import org.billingsdk.core.company.Payer;
import org.billingsdk.core.company.VatCheck;
import org.billingsdk.core.company.VatNumber;
import org.billingsdk.core.port.CompanyStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract of {@link CompanyStore}: companies round-trip with every field, writes are
 * versioned (a stale or concurrent update is refused, never lost), and the hierarchy queries
 * ({@code findChildren}, {@code findSubtree}, {@code isSameOrDescendant}) follow the stored
 * parents, also after a company moves. Text is kept verbatim. {@code findAllById} answers the
 * stored companies among the ids given, each once, as {@code findById} does, also for more ids
 * than one query of a database takes ({@value ContractData#MORE_KEYS_THAN_ONE_QUERY_TAKES}). Run
 * it on an implementation with:
 *
 * <pre>{@code
 * class PostgresCompanyStoreTest extends CompanyStoreContract {
 *     // TestDatabases.postgres(): the adapter's test database, migrated, emptied before each test
 *     protected Storage newStorage() { return JdbcStorage.forDataSource(TestDatabases.postgres()); }
 * }
 * }</pre>
 */
public abstract class CompanyStoreContract extends StorageContract {

    private CompanyStore companies() {
        return storage.companies();
    }

    @Test
    public void insertStoresTheCompanyAtVersionOneAndFindsIt() {
        Company company = aCompany();

        Company stored = companies().insert(company);

        assertThat(stored).isEqualTo(company.withVersion(1));
        assertThat(companies().findById(company.id())).contains(stored);
    }

    @Test
    public void anUnknownCompanyIsNotFound() {
        companies().insert(aCompany());

        assertThat(companies().findById(CompanyId.random())).isEmpty();
    }

    @Test
    public void insertingATakenIdIsRefusedAndTheFirstCompanyIsKept() {
        Company first = companies().insert(aCompany("First"));

        assertThatExceptionOfType(DuplicateKeyException.class)
                .isThrownBy(() -> companies().insert(first.withName("Second").withVersion(0)));
        assertThat(companies().findById(first.id())).contains(first);
    }

    @Test
    public void aChildWithoutBillingDetailsRoundTrips() {
        Company root = companies().insert(aCompany());
        Company child = aChildOf(root);

        Company stored = companies().insert(child);

        assertThat(companies().findById(child.id())).contains(stored).contains(child.withVersion(1));
    }

    @Test
    public void billingDetailsWithOnlyTheRequiredFieldsRoundTrip() {
        Company company = aCompany().withBillingDetails(minimalBillingDetails());

        companies().insert(company);

        assertThat(companies().findById(company.id())).contains(company.withVersion(1));
    }

    @Test
    public void updateIncrementsTheVersionAndKeepsEveryField() {
        Company root = companies().insert(aCompany("Root"));
        Company formerParent = companies().insert(aChildOf(root, "Former parent"));
        Company newParent = companies().insert(aChildOf(root, "New parent"));
        Company child = companies().insert(aChildOf(formerParent, "Child"));
        BillingDetails details = new BillingDetails("invoices@child.example", "DE136695976",
                new Address("Unter den Linden 5", "Haus B", "10117", "Berlin", "Berlin", "DE"),
                new Address("Rue de la Loi 200", null, "1040", "Bruxelles", null, "BE"));
        Company changed = new Company(child.id(), "Child, renamed", newParent.id(), root.id(),
                EmailAddress.of("new@child.example"), details, BillingMode.PARTNER_MANAGED, root.id(),
                child.createdAt(), child.version());

        Company updated = companies().update(changed);

        assertThat(updated).isEqualTo(changed.withVersion(2));
        assertThat(companies().findById(child.id())).contains(updated);
    }

    @Test
    public void everyUpdateIncrementsTheVersionByOne() {
        Company company = companies().insert(aCompany("0"));

        for (int i = 1; i <= 3; i++) {
            company = companies().update(company.withName(Integer.toString(i)));
        }

        assertThat(company.version()).isEqualTo(4);
        assertThat(companies().findById(company.id())).contains(company);
    }

    @Test
    public void aPayerIsKeptAndCanBeRemoved() {
        Company root = companies().insert(aCompany("Root"));
        Company child = companies().insert(aChildOf(root, "Child").withPayer(root.id()));
        assertThat(companies().findById(child.id())).hasValueSatisfying(found -> {
            assertThat(found.payerId()).isEqualTo(root.id());
            assertThat(found).isEqualTo(child.withVersion(1));
        });

        Company itself = companies().update(companies().findById(child.id()).orElseThrow().withPayer(null));

        assertThat(companies().findById(child.id())).contains(itself);
        assertThat(itself.payerId()).isNull();
        assertThat(companies().findSubtree(root.id())).contains(itself);
        assertThat(companies().findAllById(List.of(child.id()))).containsExactly(itself);
    }

    @Test
    public void aBillingDayIsKeptAndCanBeCleared() {
        Company payer = companies().insert(aCompany("Payer").withBillingDay(BillingDay.of(28)));
        assertThat(companies().findById(payer.id())).hasValueSatisfying(found -> {
            assertThat(found.billingDay()).isEqualTo(BillingDay.of(28));
            assertThat(found).isEqualTo(payer);
        });

        Company moved = companies().update(payer.withBillingDay(BillingDay.of(1)));
        assertThat(companies().findAllById(List.of(payer.id()))).singleElement()
                .satisfies(found -> assertThat(found.billingDay()).isEqualTo(BillingDay.of(1)));

        Company cleared = companies().update(moved.withBillingDay(null));
        assertThat(companies().findById(payer.id())).contains(cleared);
        assertThat(cleared.billingDay()).isNull();
    }

    @Test
    public void aVatCheckIsKeptWithEveryFieldAndGoesWithItsNumber() {
        VatNumber number = aCompany().vatNumber().orElseThrow();
        Company company = companies().insert(aCompany().withVatCheck(VatCheck.valid(number, NOW, "WAPIAAAAW1",
                "ACME B.V. ' ; --", "DAMRAK 1\n1012LG AMSTERDAM")));
        assertThat(companies().findById(company.id())).contains(company);

        Company unavailable = companies().update(company.withVatCheck(VatCheck.unavailable(number,
                NOW.plus(MICROSECOND), "MS_MAX_CONCURRENT_REQ")));
        assertThat(companies().findAllById(List.of(company.id()))).containsExactly(unavailable);

        Company invalid = companies().update(unavailable.withVatCheck(VatCheck.invalid(number, NOW, null)));
        assertThat(companies().findById(company.id())).contains(invalid);
        assertThat(invalid.vatCheck().consultationNumber()).isNull();

        Company renumbered = companies().update(invalid.withBillingDetails(minimalBillingDetails()));
        assertThat(companies().findById(company.id())).contains(renumbered);
        assertThat(renumbered.vatCheck()).isNull();
    }

    @Test
    public void theUnconfirmedVatNumbersAreThoseNeverCheckedOrUnavailablePagedByIdOnce() {
        VatNumber number = aCompany().vatNumber().orElseThrow();
        List<Company> unconfirmed = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Company company = aCompany("Unconfirmed " + i);
            unconfirmed.add(companies().insert(i % 2 == 0 ? company
                    : company.withVatCheck(VatCheck.unavailable(number, NOW, "TIMEOUT"))));
        }
        companies().insert(aCompany("Valid").withVatCheck(VatCheck.valid(number, NOW, "W", null, null)));
        companies().insert(aCompany("Invalid").withVatCheck(VatCheck.invalid(number, NOW, "W")));
        companies().insert(aCompany("No number").withBillingDetails(minimalBillingDetails()));
        companies().insert(aChildOf(unconfirmed.get(0)));

        List<Company> paged = new ArrayList<>();
        CompanyId after = null;
        for (List<Company> page = companies().findUnconfirmedVatNumbers(null, 3); !page.isEmpty();
                page = companies().findUnconfirmedVatNumbers(after, 3)) {
            assertThat(page.size()).isLessThanOrEqualTo(3);
            paged.addAll(page);
            after = page.get(page.size() - 1).id();
        }

        assertThat(paged).containsExactlyInAnyOrderElementsOf(unconfirmed);
    }

    @Test
    public void removingTheBillingDetailsIsKept() {
        Company company = companies().insert(aCompany());

        Company updated = companies().update(company.withBillingDetails(null));

        assertThat(companies().findById(company.id())).contains(updated);
        assertThat(updated.billingDetails()).isNull();
    }

    @Test
    public void staleUpdateIsRefusedAndTheStoredCompanyIsUnchanged() {
        Company read = companies().insert(aCompany("Original"));
        Company current = companies().update(read.withName("First writer"));

        assertThatExceptionOfType(ConcurrentUpdateException.class)
                .isThrownBy(() -> companies().update(read.withName("Second writer")));
        assertThat(companies().findById(read.id())).contains(current);
    }

    @Test
    public void updateWithAVersionAheadOfTheStoredOneIsRefused() {
        Company stored = companies().insert(aCompany("Original"));

        assertThatExceptionOfType(ConcurrentUpdateException.class)
                .isThrownBy(() -> companies().update(stored.withName("From the future").withVersion(7)));
        assertThat(companies().findById(stored.id())).contains(stored);
    }

    @Test
    public void updatingAnUnknownCompanyIsRefusedAsNotFound() {
        Company neverStored = aCompany().withVersion(1);

        assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> companies().update(neverStored));
        assertThat(companies().findById(neverStored.id())).isEmpty();
    }

    @Test
    public void findChildrenFindsTheDirectChildrenOnly() {
        Tree tree = insertTree();

        assertThat(companies().findChildren(tree.root().id())).containsExactlyInAnyOrder(tree.a(), tree.b());
        assertThat(companies().findChildren(tree.a().id())).containsExactlyInAnyOrder(tree.a1(), tree.a2());
        assertThat(companies().findChildren(tree.b().id())).containsExactly(tree.b1());
    }

    @Test
    public void aLeafAndAnUnknownCompanyHaveNoChildren() {
        Tree tree = insertTree();

        assertThat(companies().findChildren(tree.a1().id())).isEmpty();
        assertThat(companies().findChildren(CompanyId.random())).isEmpty();
    }

    @Test
    public void findSubtreeFindsTheCompanyFirstThenAllItsDescendantsOnly() {
        Tree tree = insertTree();

        assertThat(companies().findSubtree(tree.root().id()))
                .first().isEqualTo(tree.root());
        assertThat(companies().findSubtree(tree.root().id()))
                .containsExactlyInAnyOrder(tree.root(), tree.a(), tree.b(), tree.a1(), tree.a2(), tree.b1());
        assertThat(companies().findSubtree(tree.a().id()))
                .first().isEqualTo(tree.a());
        assertThat(companies().findSubtree(tree.a().id()))
                .containsExactlyInAnyOrder(tree.a(), tree.a1(), tree.a2());
    }

    @Test
    public void theSubtreeOfALeafIsTheLeafAlone() {
        Tree tree = insertTree();

        assertThat(companies().findSubtree(tree.b1().id())).containsExactly(tree.b1());
    }

    @Test
    public void theSubtreeOfARootWithoutChildrenIsTheRootAloneAndAChildsSubtreeLeavesOutItsParent() {
        Tree tree = insertTree();
        Company lone = companies().insert(aCompany("lone root"));

        assertThat(companies().findSubtree(lone.id())).containsExactly(lone);
        assertThat(companies().findSubtree(tree.otherRoot().id()))
                .containsExactlyInAnyOrder(tree.otherRoot(), tree.otherChild());
        assertThat(companies().findSubtree(tree.otherChild().id())).containsExactly(tree.otherChild());
    }

    @Test
    public void theSubtreeOfAnUnknownCompanyIsEmpty() {
        insertTree();

        assertThat(companies().findSubtree(CompanyId.random())).isEmpty();
    }

    @Test
    public void aMovedCompanyIsFoundUnderItsNewParentWithItsDescendants() {
        Tree tree = insertTree();

        Company moved = companies().update(tree.a().withParent(tree.b().id()));

        assertThat(companies().findChildren(tree.root().id())).containsExactly(tree.b());
        assertThat(companies().findChildren(tree.b().id())).containsExactlyInAnyOrder(tree.b1(), moved);
        assertThat(companies().findSubtree(tree.b().id()))
                .containsExactlyInAnyOrder(tree.b(), tree.b1(), moved, tree.a1(), tree.a2());
        assertThat(companies().findSubtree(tree.root().id()))
                .containsExactlyInAnyOrder(tree.root(), tree.b(), tree.b1(), moved, tree.a1(), tree.a2());
    }

    @Test
    public void aMovedLeafLeavesItsFormerParent() {
        Tree tree = insertTree();

        Company moved = companies().update(tree.a2().withParent(tree.b().id()));

        assertThat(companies().findChildren(tree.a().id())).containsExactly(tree.a1());
        assertThat(companies().findChildren(tree.b().id())).containsExactlyInAnyOrder(tree.b1(), moved);
        assertThat(companies().findSubtree(tree.a().id())).containsExactlyInAnyOrder(tree.a(), tree.a1());
    }

    @Test
    public void aCompanyIsTheSameAsOrAnAncestorOfItselfItsChildrenAndGrandchildren() {
        Tree tree = insertTree();

        assertThat(companies().isSameOrDescendant(tree.a().id(), tree.a().id())).isTrue();
        assertThat(companies().isSameOrDescendant(tree.a().id(), tree.a1().id())).isTrue();
        assertThat(companies().isSameOrDescendant(tree.root().id(), tree.a1().id())).isTrue();
        assertThat(companies().isSameOrDescendant(tree.root().id(), tree.b1().id())).isTrue();
    }

    @Test
    public void parentsSiblingsOtherTreesAndUnknownIdsAreNotDescendants() {
        Tree tree = insertTree();
        CompanyId unknown = CompanyId.random();

        assertThat(companies().isSameOrDescendant(tree.a1().id(), tree.a().id())).as("parent").isFalse();
        assertThat(companies().isSameOrDescendant(tree.a1().id(), tree.root().id())).as("grandparent").isFalse();
        assertThat(companies().isSameOrDescendant(tree.a().id(), tree.b().id())).as("sibling").isFalse();
        assertThat(companies().isSameOrDescendant(tree.a().id(), tree.b1().id())).as("sibling's child").isFalse();
        assertThat(companies().isSameOrDescendant(tree.root().id(), tree.otherRoot().id())).as("other tree").isFalse();
        assertThat(companies().isSameOrDescendant(tree.root().id(), tree.otherChild().id())).as("other tree").isFalse();
        assertThat(companies().isSameOrDescendant(tree.a().id(), unknown)).as("unknown candidate").isFalse();
        assertThat(companies().isSameOrDescendant(unknown, tree.a().id())).as("unknown ancestor").isFalse();
        assertThat(companies().isSameOrDescendant(unknown, unknown)).as("unknown both").isFalse();
    }

    @Test
    public void descendantsFollowAMove() {
        Tree tree = insertTree();

        companies().update(tree.a().withParent(tree.b().id()));

        assertThat(companies().isSameOrDescendant(tree.b().id(), tree.a().id())).isTrue();
        assertThat(companies().isSameOrDescendant(tree.b().id(), tree.a2().id())).isTrue();
        assertThat(companies().isSameOrDescendant(tree.a().id(), tree.b().id())).isFalse();
        assertThat(companies().isSameOrDescendant(tree.root().id(), tree.a1().id())).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.billingsdk.core.contract.ContractData#trickyTexts")
    public void textIsKeptVerbatim(String text) {
        Company company = aCompany(text).withBillingDetails(new BillingDetails(null, null,
                new Address(text, text, null, text, text, "NL"), new Address(text, null, "1012 LG", text, null,
                "NL")));

        companies().insert(company);

        assertThat(companies().findById(company.id())).contains(company.withVersion(1));
    }

    @Test
    public void anEmailAddressInAFormOnlyTheInputValidationChecksIsKept() {
        Company company = aCompany("Acme").withMainEmail(EmailAddress.of("\u00A0\"Jane Doe\"@[192.168.0.1]"));

        companies().insert(company);

        assertThat(companies().findById(company.id())).contains(company.withVersion(1));
    }

    @Test
    public void textAtTheLengthLimitsOfTheModelIsKept() {
        String email = "a".repeat(254 - "@example.com".length()) + "@example.com";
        Address longest = new Address("Ü".repeat(200), "ß".repeat(200), "9".repeat(20), "東".repeat(100),
                "é".repeat(100), "NL");
        Company company = aCompany("Ø".repeat(200)).withMainEmail(EmailAddress.of(email))
                .withBillingDetails(new BillingDetails(email, "NO123456789MVAXYZ", longest, longest));

        companies().insert(company);

        assertThat(companies().findById(company.id())).contains(company.withVersion(1));
    }

    @Test
    public void findAllByIdFindsTheStoredCompaniesAsFindByIdDoesEachOnce() {
        Company root = companies().insert(aCompany("Root"));
        Company child = companies().insert(aChildOf(root, "Child"));
        Company renamed = companies().update(companies().insert(aCompany("Before")).withName("After"));
        Company notAsked = companies().insert(aCompany("Not asked"));
        CompanyId unknown = CompanyId.random();

        List<Company> found = companies().findAllById(List.of(child.id(), unknown, root.id(), renamed.id(),
                child.id(), CompanyId.random(), renamed.id()));

        assertThat(found).containsExactlyInAnyOrder(root, child, renamed);
        assertThat(found).containsExactlyInAnyOrderElementsOf(Stream.of(root, child, renamed)
                .map(company -> companies().findById(company.id()).orElseThrow()).toList());
        assertThat(found).doesNotContain(notAsked);
        assertThat(found).filteredOn(company -> company.id().equals(renamed.id())).singleElement()
                .extracting(Company::name, Company::version).containsExactly("After", 2L);
        assertThat(found).filteredOn(company -> company.id().equals(child.id())).singleElement()
                .extracting(Company::billingDetails).isNull();
    }

    @Test
    public void findAllByIdOfNoOrUnknownIdsFindsNothing() {
        companies().insert(aCompany());

        assertThat(companies().findAllById(List.of())).isEmpty();
        assertThat(companies().findAllById(Set.of())).isEmpty();
        assertThat(companies().findAllById(List.of(CompanyId.random(), CompanyId.random()))).isEmpty();
    }

    @Test
    public void findAllByIdFindsMoreCompaniesThanOneQueryTakes() {
        List<Company> stored = storage.inTransaction(() -> {
            List<Company> inserted = new ArrayList<>();
            for (int i = 0; i < ContractData.MORE_KEYS_THAN_ONE_QUERY_TAKES; i++) {
                inserted.add(companies().insert(aCompany("Company " + i)));
            }
            return inserted;
        });
        List<CompanyId> asked = new ArrayList<>();
        for (Company company : stored) {
            asked.add(company.id());
            asked.add(CompanyId.random());
        }
        asked.add(stored.get(stored.size() - 1).id());
        asked.add(stored.get(0).id());

        List<Company> found = companies().findAllById(asked);

        assertThat(found).hasSameSizeAs(stored).containsExactlyInAnyOrderElementsOf(stored);
    }

    /**
     * Inserts two trees: {@code root} with children {@code a} (children {@code a1}, {@code a2})
     * and {@code b} (child {@code b1}); and {@code otherRoot} with {@code otherChild}.
     */
    private Tree insertTree() {
        Company root = companies().insert(aCompany("root"));
        Company a = companies().insert(aChildOf(root, "a"));
        Company b = companies().insert(aChildOf(root, "b"));
        Company a1 = companies().insert(aChildOf(a, "a1"));
        Company a2 = companies().insert(aChildOf(a, "a2"));
        Company b1 = companies().insert(aChildOf(b, "b1"));
        Company otherRoot = companies().insert(aCompany("other root"));
        Company otherChild = companies().insert(aChildOf(otherRoot, "other child"));
        return new Tree(root, a, b, a1, a2, b1, otherRoot, otherChild);
    }

    private record Tree(Company root, Company a, Company b, Company a1, Company a2, Company b1, Company otherRoot,
            Company otherChild) {
    }
}
