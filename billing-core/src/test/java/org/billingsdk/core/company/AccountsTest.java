package org.billingsdk.core.company;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.billingsdk.core.testing.BillingFixture.actor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.billingsdk.core.InvalidInputException;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.RefusalCode;
import org.billingsdk.core.RefusedException;
import org.billingsdk.core.Violation;
import org.billingsdk.core.audit.AuditRecord;
import org.billingsdk.core.event.BillingDetailsChanged;
import org.billingsdk.core.event.BillingEvent;
import org.billingsdk.core.event.CompanyMoved;
import org.billingsdk.core.event.CompanyRegistered;
import org.billingsdk.core.event.MainEmailChanged;
import org.billingsdk.core.event.PaymentMethodAdded;
import org.billingsdk.core.testing.BillingFixture;
import org.billingsdk.core.testing.OnEveryStorage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Companies, their hierarchy, details, audit trail and the access rule through the API. */
public class AccountsTest extends OnEveryStorage {

    private static final Address AMSTERDAM = Address.of("Damrak 1", "1012 LG", "Amsterdam", "NL");

    private Accounts accounts;

    @BeforeEach
    void setUp() {
        accounts = fixture.billing.accounts();
    }

    // --- registration and the hierarchy ---

    @Test
    void registeredRootIsTheRootOfItsOwnTree() {
        Company acme = accounts.register(NewCompany.of("  Acme  ", "owner@acme.example"));

        assertThat(acme.parentId()).isNull();
        assertThat(acme.parent()).isEmpty();
        assertThat(acme.rootId()).isEqualTo(acme.id());
        assertThat(acme.name()).isEqualTo("Acme");
        assertThat(acme.mainEmail()).isEqualTo(EmailAddress.of("owner@acme.example"));
        assertThat(acme.billingMode()).isEqualTo(BillingMode.DIRECT);
        assertThat(acme.billing()).isEmpty();
        assertThat(acme.createdAt()).isEqualTo(Instant.parse(BillingFixture.START));
        assertThat(accounts.find(Actor.of(acme.id(), "owner"), acme.id())).isEqualTo(acme);
    }

    @Test
    void childrenAtAnyDepthHaveTheTreesRootAsRootId() {
        Company root = fixture.root("Acme Holding");
        Company europe = fixture.child(root, "Acme Europe");
        Company benelux = fixture.child(europe, "Acme Benelux");
        Company amsterdam = fixture.child(benelux, "Acme Amsterdam");
        Company sibling = fixture.child(root, "Acme Americas");

        assertThat(List.of(root, europe, benelux, amsterdam, sibling))
                .allSatisfy(company -> assertThat(company.rootId()).isEqualTo(root.id()));
        assertThat(europe.parentId()).isEqualTo(root.id());
        assertThat(benelux.parentId()).isEqualTo(europe.id());
        assertThat(amsterdam.parentId()).isEqualTo(benelux.id());
        assertThat(sibling.parentId()).isEqualTo(root.id());

        List<Company> tree = accounts.tree(actor(root), root.id());
        assertThat(tree.get(0)).isEqualTo(root);
        assertThat(tree).extracting(Company::id)
                .containsExactlyInAnyOrder(root.id(), europe.id(), benelux.id(), amsterdam.id(), sibling.id());
        assertThat(accounts.tree(actor(europe), europe.id())).extracting(Company::id)
                .containsExactlyInAnyOrder(europe.id(), benelux.id(), amsterdam.id());
        assertThat(accounts.find(actor(root), amsterdam.id())).isEqualTo(amsterdam);
    }

    @Test
    void registeringAChildIsRecordedAsDoneByTheParentsUser() {
        Company root = fixture.root("Acme");
        fixture.advance(Duration.ofMinutes(5));
        Instant now = fixture.clock.instant();
        fixture.events.clear();

        Company child = accounts.registerChild(actor(root), root.id(), NewCompany.of("Acme Labs", "labs@acme.example"));

        assertThat(fixture.events.events()).singleElement().isInstanceOfSatisfying(CompanyRegistered.class, e -> {
            assertThat(e.companyId()).isEqualTo(child.id());
            assertThat(e.parentId()).isEqualTo(root.id());
            assertThat(e.name()).isEqualTo("Acme Labs");
            assertThat(e.occurredAt()).isEqualTo(now);
        });
        assertThat(fixture.billing.audit().ofCompany(actor(root), child.id(), 10)).singleElement().satisfies(record -> {
            assertThat(record.who()).isEqualTo(actor(root).user());
            assertThat(record.onBehalfOf()).isEqualTo(root.id());
            assertThat(record.companyId()).isEqualTo(child.id());
            assertThat(record.action()).isEqualTo("CompanyRegistered");
            assertThat(record.at()).isEqualTo(now);
            assertThat(record.id()).isEqualTo(fixture.events.events().get(0).eventId());
        });
    }

    @Test
    void registeringARootIsRecordedAsDoneByThePlatform() {
        Company root = fixture.root("Acme");

        assertThat(fixture.billing.audit().ofCompany(actor(root), root.id(), 10)).last().satisfies(record -> {
            assertThat(record.who()).isEqualTo(AuditRecord.PLATFORM);
            assertThat(record.onBehalfOf()).isNull();
            assertThat(record.companyId()).isEqualTo(root.id());
            assertThat(record.action()).isEqualTo("CompanyRegistered");
        });
        assertThat(fixture.events.eventsOf(CompanyRegistered.class)).singleElement()
                .satisfies(e -> assertThat(e.parentId()).isNull());
    }

    @Test
    void registrationNormalizesTheBillingDetailsItIsGiven() {
        Company acme = accounts.register(NewCompany.of("Acme", "owner@acme.example")
                .withBillingDetails(BillingDetails.builder()
                        .vatNumber("nl 853746333 b01")
                        .billingAddress(Address.of(" Damrak 1 ", " ", "Amsterdam", "nl"))
                        .build()));

        assertThat(acme.billingDetails().vatNumber()).isEqualTo("NL853746333B01");
        assertThat(acme.billingDetails().billingAddress())
                .isEqualTo(new Address("Damrak 1", null, null, "Amsterdam", null, "NL"));
    }

    @Test
    void registrationWithInvalidBillingDetailsNamesTheNestedFields() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> accounts.register(NewCompany.of("Acme", "owner@acme.example")
                        .withBillingDetails(BillingDetails.builder()
                                .vatNumber("DE136695977")
                                .billingAddress(Address.of("Damrak 1", null, "Amsterdam", "XX"))
                                .build())));

        assertThat(e.violations()).extracting(Violation::field)
                .containsExactly("billingDetails.billingAddress.country", "billingDetails.vatNumber");
        assertThat(fixture.events.eventsOf(CompanyRegistered.class)).isEmpty();
    }

    // --- the main email ---

    @ParameterizedTest(name = "''{0}''")
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void mainEmailIsMandatory(String mainEmail) {
        Company root = fixture.root("Acme");
        int events = fixture.events.events().size();

        InvalidInputException atRegistration = catchThrowableOfType(InvalidInputException.class,
                () -> accounts.register(NewCompany.of("Other", mainEmail)));
        InvalidInputException forAChild = catchThrowableOfType(InvalidInputException.class,
                () -> accounts.registerChild(actor(root), root.id(), NewCompany.of("Acme Labs", mainEmail)));

        assertOnlyMainEmailNamed(atRegistration);
        assertOnlyMainEmailNamed(forAChild);
        assertThat(atRegistration.violations()).contains(new Violation("mainEmail", "must not be blank"));
        assertThat(fixture.events.events()).hasSize(events);
        assertThat(accounts.tree(actor(root), root.id())).containsExactly(root);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"not-an-email", "acme.example", "owner@", "@acme.example", "own er@acme.example",
            "owner@@acme.example", "owner@acme example", "owner@acme.example\n", "owner@acme.example,x@y.example"})
    void mainEmailMustBeAValidAddress(String mainEmail) {
        Company root = fixture.root("Acme");
        int events = fixture.events.events().size();

        InvalidInputException atRegistration = catchThrowableOfType(InvalidInputException.class,
                () -> accounts.register(NewCompany.of("Other", mainEmail)));
        InvalidInputException forAChild = catchThrowableOfType(InvalidInputException.class,
                () -> accounts.registerChild(actor(root), root.id(), NewCompany.of("Acme Labs", mainEmail)));

        assertOnlyMainEmailNamed(atRegistration);
        assertOnlyMainEmailNamed(forAChild);
        assertThat(atRegistration.violations())
                .contains(new Violation("mainEmail", "must be a well-formed email address"));
        assertThat(fixture.events.events()).hasSize(events);
        assertThat(accounts.tree(actor(root), root.id())).containsExactly(root);
    }

    @ParameterizedTest(name = "''{0}''")
    @NullAndEmptySource
    @ValueSource(strings = {" ", "not-an-email", "owner@", "@acme.example", "own er@acme.example"})
    void changingTheMainEmailToABlankOrMalformedOneIsRefusedAndChangesNothing(String mainEmail) {
        Company root = fixture.root("Acme");
        List<AuditRecord> trail = fixture.billing.audit().ofCompany(actor(root), root.id(), 100);
        int events = fixture.events.events().size();

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> accounts.changeMainEmail(actor(root), root.id(), mainEmail));

        assertOnlyMainEmailNamed(e);
        assertThat(e.getMessage()).startsWith("Invalid input: mainEmail: ");
        assertThat(accounts.find(actor(root), root.id())).isEqualTo(root);
        assertThat(fixture.billing.audit().ofCompany(actor(root), root.id(), 100)).isEqualTo(trail);
        assertThat(fixture.events.events()).hasSize(events);
    }

    @Test
    void tooLongMainEmailIsRefused() {
        String tooLong = "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(58) + ".com";
        Company root = fixture.root("Acme");

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> accounts.changeMainEmail(actor(root), root.id(), tooLong));

        assertThat(tooLong).hasSize(255);
        assertThat(e.violations()).contains(new Violation("mainEmail", "size must be between 0 and 254"));
    }

    @Test
    void changeMainEmailStoresItAndEmitsMainEmailChangedWithAnAuditRecord() {
        Company root = fixture.root("Acme");
        Actor admin = actor(root);
        fixture.advance(Duration.ofDays(1));
        Instant now = fixture.clock.instant();
        fixture.events.clear();

        Company changed = accounts.changeMainEmail(admin, root.id(), "accounts@acme.example");

        assertThat(changed.mainEmail()).isEqualTo(EmailAddress.of("accounts@acme.example"));
        assertThat(changed.version()).isEqualTo(root.version() + 1);
        assertThat(accounts.find(admin, root.id())).isEqualTo(changed);
        assertThat(fixture.events.events()).singleElement().isInstanceOfSatisfying(MainEmailChanged.class, e -> {
            assertThat(e.companyId()).isEqualTo(root.id());
            assertThat(e.occurredAt()).isEqualTo(now);
        });
        AuditRecord record = fixture.billing.audit().ofCompany(admin, root.id(), 1).get(0);
        assertThat(record.id()).isEqualTo(fixture.events.events().get(0).eventId());
        assertThat(record.who()).isEqualTo(admin.user()).isEqualTo("admin@acme.example");
        assertThat(record.onBehalfOf()).isEqualTo(root.id());
        assertThat(record.companyId()).isEqualTo(root.id());
        assertThat(record.action()).isEqualTo("MainEmailChanged");
        assertThat(record.at()).isEqualTo(now);
    }

    // --- billing details ---

    @Test
    void updateBillingDetailsStoresNormalizedDetails() {
        Company root = fixture.root("Acme");
        fixture.events.clear();
        BillingDetails details = BillingDetails.builder()
                .billingEmail("invoices@acme.example")
                .vatNumber("de 136 695 976")
                .billingAddress(Address.of(" Friedrichstraße 68 ", "10117", " Berlin ", "de"))
                .shippingAddress(new Address("Warehouse 4", " ", "3011 AA", "Rotterdam", "", "nl"))
                .build();

        Company updated = accounts.updateBillingDetails(actor(root), root.id(), details);

        BillingDetails stored = accounts.find(actor(root), root.id()).billingDetails();
        assertThat(updated.billingDetails()).isEqualTo(stored);
        assertThat(stored.billingEmail()).isEqualTo("invoices@acme.example");
        assertThat(stored.vatNumber()).isEqualTo("DE136695976");
        assertThat(stored.vat()).contains(VatNumber.of("DE136695976"));
        assertThat(stored.billingAddress())
                .isEqualTo(new Address("Friedrichstraße 68", null, "10117", "Berlin", null, "DE"));
        assertThat(stored.billingAddress().countryCode()).isEqualTo(CountryCode.of("DE"));
        assertThat(stored.shippingAddress())
                .isEqualTo(new Address("Warehouse 4", null, "3011 AA", "Rotterdam", null, "NL"));
        assertThat(updated.effectiveBillingEmail()).isEqualTo(EmailAddress.of("invoices@acme.example"));
        assertThat(fixture.events.events()).singleElement().isInstanceOfSatisfying(BillingDetailsChanged.class,
                e -> assertThat(e.companyId()).isEqualTo(root.id()));
        assertThat(fixture.billing.audit().ofCompany(actor(root), root.id(), 1).get(0).action()).isEqualTo("BillingDetailsChanged");
    }

    @Test
    void effectiveBillingEmailFallsBackToTheMainEmail() {
        Company root = fixture.root("Acme");
        Actor admin = actor(root);
        assertThat(root.effectiveBillingEmail()).isEqualTo(root.mainEmail())
                .isEqualTo(EmailAddress.of("acme@example.com"));

        Company withBillingEmail = accounts.updateBillingDetails(admin, root.id(),
                BillingDetails.builder().billingEmail("invoices@acme.example").billingAddress(AMSTERDAM).build());
        assertThat(withBillingEmail.effectiveBillingEmail()).isEqualTo(EmailAddress.of("invoices@acme.example"));

        Company withoutBillingEmail = accounts.updateBillingDetails(admin, root.id(),
                BillingDetails.builder().billingEmail("").billingAddress(AMSTERDAM).build());
        assertThat(withoutBillingEmail.billingDetails().billingEmail()).isNull();
        assertThat(withoutBillingEmail.effectiveBillingEmail()).isEqualTo(EmailAddress.of("acme@example.com"));

        Company newMainEmail = accounts.changeMainEmail(admin, root.id(), "finance@acme.example");
        assertThat(newMainEmail.effectiveBillingEmail()).isEqualTo(EmailAddress.of("finance@acme.example"));

        Company child = fixture.child(root, "Acme Labs");
        assertThat(child.billing()).isEmpty();
        assertThat(child.effectiveBillingEmail()).isEqualTo(EmailAddress.of("acme-labs@example.com"));
    }

    @Test
    void invalidBillingDetailsNameEveryViolationAtOnceAndChangeNothing() {
        Company root = fixture.root("Acme");
        List<AuditRecord> trail = fixture.billing.audit().ofCompany(actor(root), root.id(), 100);
        int events = fixture.events.events().size();
        BillingDetails invalid = BillingDetails.builder()
                .billingEmail("invoices-at-acme.example")
                .vatNumber("DE136695977")
                .billingAddress(new Address("x".repeat(201), null, "10117", "Ber\u0007lin", null, null))
                .build();

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> accounts.updateBillingDetails(actor(root), root.id(), invalid));

        assertThat(e.code()).isEqualTo(org.billingsdk.core.ErrorCode.INVALID_INPUT);
        assertThat(e.violations()).containsExactly(
                new Violation("billingAddress.city", "must not contain control characters"),
                new Violation("billingAddress.country", "must not be blank"),
                new Violation("billingAddress.line1", "size must be between 0 and 200"),
                new Violation("billingEmail", "must be a well-formed email address"),
                new Violation("vatNumber", "VAT number DE136695977 fails the check digit for DE"));
        assertThat(e.getMessage()).contains("billingAddress.city", "billingAddress.country", "billingAddress.line1",
                "billingEmail", "vatNumber");
        assertThat(accounts.find(actor(root), root.id())).isEqualTo(root);
        assertThat(fixture.billing.audit().ofCompany(actor(root), root.id(), 100)).isEqualTo(trail);
        assertThat(fixture.events.events()).hasSize(events);
    }

    @Test
    void parentManagesAGrandchildsDetails() {
        Company root = fixture.root("Acme");
        Company child = fixture.child(root, "Acme Europe");
        Company grandchild = fixture.child(child, "Acme Benelux");
        Actor rootAdmin = actor(root);

        accounts.changeMainEmail(rootAdmin, grandchild.id(), "benelux@acme.example");
        Company updated = accounts.updateBillingDetails(rootAdmin, grandchild.id(), BillingDetails.builder()
                .vatNumber("NL853746333B01").billingAddress(AMSTERDAM).build());

        assertThat(updated.mainEmail()).isEqualTo(EmailAddress.of("benelux@acme.example"));
        assertThat(updated.billingDetails().vatNumber()).isEqualTo("NL853746333B01");
        assertThat(accounts.find(actor(grandchild), grandchild.id())).isEqualTo(updated);
        assertThat(fixture.billing.audit().ofCompany(rootAdmin, grandchild.id(), 2)).allSatisfy(record -> {
            assertThat(record.who()).isEqualTo(rootAdmin.user());
            assertThat(record.onBehalfOf()).isEqualTo(root.id());
            assertThat(record.companyId()).isEqualTo(grandchild.id());
        }).extracting(AuditRecord::action).containsExactly("BillingDetailsChanged", "MainEmailChanged");
    }

    // --- the access rule ---

    @Test
    void childCannotReadOrChangeItsParentOrASiblingAndLearnsNothing() {
        Company root = fixture.root("Acme");
        Company child = fixture.child(root, "Acme Europe");
        Company sibling = fixture.child(root, "Acme Americas");
        Actor childAdmin = actor(child);
        BillingDetails details = BillingDetails.builder().billingAddress(AMSTERDAM).build();
        int events = fixture.events.events().size();

        for (Company outOfReach : List.of(root, sibling)) {
            CompanyId id = outOfReach.id();
            assertAnsweredLikeAnUnknownCompany(id, () -> accounts.find(childAdmin, id));
            assertAnsweredLikeAnUnknownCompany(id, () -> accounts.tree(childAdmin, id));
            assertAnsweredLikeAnUnknownCompany(id, () -> fixture.billing.audit().ofCompany(childAdmin, id, 10));
            assertAnsweredLikeAnUnknownCompany(id, () -> accounts.changeMainEmail(childAdmin, id, "x@acme.example"));
            assertAnsweredLikeAnUnknownCompany(id, () -> accounts.updateBillingDetails(childAdmin, id, details));
            assertAnsweredLikeAnUnknownCompany(id, () -> accounts.registerChild(childAdmin, id,
                    NewCompany.of("Intruder", "intruder@example.com")));
            assertAnsweredLikeAnUnknownCompany(id, () -> accounts.move(childAdmin, id, child.id()));
        }
        assertAnsweredLikeAnUnknownCompany(sibling.id(), () -> accounts.move(childAdmin, child.id(), sibling.id()));

        assertThat(accounts.find(actor(root), root.id())).isEqualTo(root);
        assertThat(accounts.find(actor(root), sibling.id())).isEqualTo(sibling);
        assertThat(accounts.find(actor(root), child.id())).isEqualTo(child);
        assertThat(accounts.tree(actor(root), root.id())).hasSize(3);
        assertThat(fixture.events.events()).hasSize(events);
    }

    @Test
    void companyOfAnotherTreeIsAnsweredLikeAnUnknownOne() {
        Company acme = fixture.root("Acme");
        Company globex = fixture.root("Globex");
        Company globexChild = fixture.child(globex, "Globex Labs");

        assertAnsweredLikeAnUnknownCompany(globex.id(), () -> accounts.find(actor(acme), globex.id()));
        assertAnsweredLikeAnUnknownCompany(globexChild.id(), () -> accounts.find(actor(acme), globexChild.id()));
        assertAnsweredLikeAnUnknownCompany(globexChild.id(),
                () -> accounts.changeMainEmail(actor(acme), globexChild.id(), "x@acme.example"));
        assertThat(accounts.find(actor(globex), globexChild.id())).isEqualTo(globexChild);
    }

    // --- moving companies ---

    @Test
    void moveWithinTheTreeTakesTheDescendantsAlongAndEmitsCompanyMoved() {
        Company root = fixture.root("Acme");
        Company europe = fixture.child(root, "Acme Europe");
        Company benelux = fixture.child(europe, "Acme Benelux");
        Company amsterdam = fixture.child(benelux, "Acme Amsterdam");
        Company americas = fixture.child(root, "Acme Americas");
        fixture.events.clear();

        Company moved = accounts.move(actor(root), benelux.id(), americas.id());

        assertThat(moved.parentId()).isEqualTo(americas.id());
        assertThat(moved.rootId()).isEqualTo(root.id());
        assertThat(accounts.find(actor(root), benelux.id())).isEqualTo(moved);
        assertThat(accounts.tree(actor(americas), americas.id())).extracting(Company::id)
                .containsExactlyInAnyOrder(americas.id(), benelux.id(), amsterdam.id());
        assertThat(accounts.tree(actor(europe), europe.id())).extracting(Company::id).containsExactly(europe.id());
        assertAnsweredLikeAnUnknownCompany(amsterdam.id(), () -> accounts.find(actor(europe), amsterdam.id()));
        assertThat(accounts.find(actor(americas), amsterdam.id()).parentId()).isEqualTo(benelux.id());
        assertThat(fixture.events.events()).singleElement().isInstanceOfSatisfying(CompanyMoved.class, e -> {
            assertThat(e.companyId()).isEqualTo(benelux.id());
            assertThat(e.fromParentId()).isEqualTo(europe.id());
            assertThat(e.toParentId()).isEqualTo(americas.id());
        });
        AuditRecord record = fixture.billing.audit().ofCompany(actor(root), benelux.id(), 1).get(0);
        assertThat(record.action()).isEqualTo("CompanyMoved");
        assertThat(record.who()).isEqualTo(actor(root).user());
        assertThat(record.onBehalfOf()).isEqualTo(root.id());
    }

    @Test
    void moveUnderAnOwnDescendantIsRefusedAsACycle() {
        Company root = fixture.root("Acme");
        Company europe = fixture.child(root, "Acme Europe");
        Company benelux = fixture.child(europe, "Acme Benelux");
        Company amsterdam = fixture.child(benelux, "Acme Amsterdam");

        assertRefusedAsCycle(root, europe, benelux);
        assertRefusedAsCycle(root, europe, amsterdam);
        assertRefusedAsCycle(europe, europe, amsterdam);
    }

    @Test
    void moveUnderItselfIsRefusedAsACycle() {
        Company root = fixture.root("Acme");
        Company europe = fixture.child(root, "Acme Europe");

        assertRefusedAsCycle(root, europe, europe);
        assertRefusedAsCycle(root, root, root);
    }

    @Test
    void moveUnderTheCurrentParentChangesNothing() {
        Company root = fixture.root("Acme");
        Company europe = fixture.child(root, "Acme Europe");
        int events = fixture.events.events().size();

        Company same = accounts.move(actor(root), europe.id(), root.id());

        assertThat(same).isEqualTo(europe);
        assertThat(fixture.events.events()).hasSize(events);
    }

    // --- partner-managed companies ---

    @Test
    void partnerManagedCompanyIsRefusedToManageItselfWithAClearReason() {
        Company partner = accounts.register(NewCompany.of("Initech", "it@initech.example")
                .withBillingMode(BillingMode.PARTNER_MANAGED));
        Actor admin = actor(partner);
        int events = fixture.events.events().size();

        assertRefusedAsPartnerManaged("Initech",
                () -> accounts.changeMainEmail(admin, partner.id(), "new@initech.example"));
        assertRefusedAsPartnerManaged("Initech", () -> accounts.updateBillingDetails(admin, partner.id(),
                BillingDetails.builder().billingAddress(AMSTERDAM).build()));
        assertRefusedAsPartnerManaged("Initech", () -> accounts.registerChild(admin, partner.id(),
                NewCompany.of("Initech Labs", "labs@initech.example")));

        assertThat(partner.isPartnerManaged()).isTrue();
        assertThat(accounts.find(admin, partner.id())).isEqualTo(partner);
        assertThat(fixture.events.events()).hasSize(events);
    }

    @Test
    void directParentIsRefusedToManageAPartnerManagedChild() {
        Company root = fixture.root("Acme");
        Company other = fixture.child(root, "Acme Americas");
        Company partnerChild = accounts.registerChild(actor(root), root.id(),
                NewCompany.of("Acme Resold", "resold@acme.example").withBillingMode(BillingMode.PARTNER_MANAGED));
        Actor admin = actor(root);
        int events = fixture.events.events().size();

        assertRefusedAsPartnerManaged("Acme Resold",
                () -> accounts.changeMainEmail(admin, partnerChild.id(), "new@acme.example"));
        assertRefusedAsPartnerManaged("Acme Resold", () -> accounts.updateBillingDetails(admin, partnerChild.id(),
                BillingDetails.builder().billingAddress(AMSTERDAM).build()));
        assertRefusedAsPartnerManaged("Acme Resold", () -> accounts.move(admin, partnerChild.id(), other.id()));
        assertRefusedAsPartnerManaged("Acme Resold", () -> accounts.move(admin, other.id(), partnerChild.id()));

        assertThat(accounts.find(admin, partnerChild.id())).isEqualTo(partnerChild);
        assertThat(accounts.find(admin, other.id())).isEqualTo(other);
        assertThat(fixture.events.events()).hasSize(events);
    }

    // --- audit trail and events ---

    @Test
    void auditTrailReturnsNewestFirst() {
        Company root = fixture.root("Acme");
        Actor admin = actor(root);
        Company child = fixture.child(root, "Acme Labs");
        fixture.advance(Duration.ofMinutes(1));
        accounts.changeMainEmail(admin, root.id(), "first@acme.example");
        fixture.advance(Duration.ofMinutes(1));
        accounts.updateBillingDetails(admin, root.id(), BillingDetails.builder().billingAddress(AMSTERDAM).build());
        fixture.advance(Duration.ofMinutes(1));
        accounts.changeMainEmail(admin, root.id(), "second@acme.example");

        List<AuditRecord> trail = fixture.billing.audit().ofCompany(admin, root.id(), 100);

        assertThat(trail).extracting(AuditRecord::action).containsExactly(
                "MainEmailChanged", "BillingDetailsChanged", "MainEmailChanged", "PaymentMethodAdded",
                "CompanyRegistered");
        assertThat(trail).extracting(AuditRecord::at).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(trail).allSatisfy(record -> assertThat(record.companyId()).isEqualTo(root.id()));
        assertThat(fixture.billing.audit().ofCompany(admin, root.id(), 2)).containsExactlyElementsOf(trail.subList(0, 2));
        assertThat(fixture.billing.audit().ofCompany(admin, child.id(), 100)).extracting(AuditRecord::action)
                .containsExactly("PaymentMethodAdded", "CompanyRegistered");
    }

    @ParameterizedTest(name = "limit {0}")
    @ValueSource(ints = {0, -1, 1001})
    void auditTrailLimitIsBetweenOneAndAThousand(int limit) {
        Company root = fixture.root("Acme");

        assertThatThrownBy(() -> fixture.billing.audit().ofCompany(actor(root), root.id(), limit))
                .isInstanceOfSatisfying(org.billingsdk.core.InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(org.billingsdk.core.Violation::field).containsExactly("limit"));
    }

    @Test
    void everyChangeLeavesExactlyOneDeliveredEventAndOneAuditRecord() {
        Company root = fixture.root("Acme");
        Actor admin = actor(root);
        Company europe = fixture.child(root, "Acme Europe");
        Company americas = fixture.child(root, "Acme Americas");

        Company labs = assertOneEventAndOneAuditRecord(admin, null, CompanyRegistered.class,
                () -> accounts.registerChild(admin, europe.id(), NewCompany.of("Acme Labs", "labs@acme.example")));
        assertOneEventAndOneAuditRecord(admin, labs.id(), MainEmailChanged.class,
                () -> accounts.changeMainEmail(admin, labs.id(), "lab@acme.example"));
        assertOneEventAndOneAuditRecord(admin, labs.id(), BillingDetailsChanged.class,
                () -> accounts.updateBillingDetails(admin, labs.id(),
                        BillingDetails.builder().billingAddress(AMSTERDAM).build()));
        assertOneEventAndOneAuditRecord(admin, labs.id(), CompanyMoved.class,
                () -> accounts.move(admin, labs.id(), americas.id()));
    }

    // --- the actor ---

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", " ", "\t", "admin\n", "admin\u0000", "ad\u001bmin", "admin\u007f", "admin\u0085"})
    void actorRefusesBlankOrControlCharacterUserNames(String user) {
        CompanyId company = CompanyId.random();

        assertThatIllegalArgumentException().isThrownBy(() -> Actor.of(company, user))
                .withMessage("actor user must be 1 to 200 printable characters");
    }

    @Test
    void actorRefusesOversizedUserNamesAndAcceptsTwoHundredCharacters() {
        CompanyId company = CompanyId.random();

        assertThatIllegalArgumentException().isThrownBy(() -> Actor.of(company, "u".repeat(201)));
        assertThat(Actor.of(company, "u".repeat(200)).user()).hasSize(200);
        assertThat(Actor.of(company, "Zoë O'Brien <zoe@acme.example>").user()).isEqualTo("Zoë O'Brien <zoe@acme.example>");
    }

    @Test
    void actorNeedsACompanyAndAUser() {
        assertThatNullPointerException().isThrownBy(() -> Actor.of(null, "admin"));
        assertThatNullPointerException().isThrownBy(() -> Actor.of(CompanyId.random(), null));
    }

    // --- helpers ---

    private static void assertOnlyMainEmailNamed(InvalidInputException e) {
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(org.billingsdk.core.ErrorCode.INVALID_INPUT);
        assertThat(e.violations()).isNotEmpty().allSatisfy(v -> assertThat(v.field()).isEqualTo("mainEmail"));
    }

    /** The answer for {@code target} is the one a random, unknown id gets, with only the id differing. */
    private void assertAnsweredLikeAnUnknownCompany(CompanyId target, ThrowingCallable call) {
        CompanyId unknown = CompanyId.random();
        NotFoundException expected = catchThrowableOfType(NotFoundException.class,
                () -> accounts.find(Actor.of(target, "anyone"), unknown));

        NotFoundException actual = catchThrowableOfType(NotFoundException.class, call);

        assertThat(actual).as("answer for %s", target).isNotNull();
        assertThat(actual.code()).isEqualTo(expected.code()).isEqualTo(org.billingsdk.core.ErrorCode.NOT_FOUND);
        assertThat(actual.kind()).isEqualTo(expected.kind()).isEqualTo(org.billingsdk.core.EntityKind.COMPANY);
        assertThat(actual.id()).isEqualTo(target.toString());
        assertThat(actual.getMessage().replace(target.toString(), "<id>"))
                .isEqualTo(expected.getMessage().replace(unknown.toString(), "<id>"))
                .isEqualTo("company <id> not found");
        assertThat(actual.getCause()).isNull();
    }

    private void assertRefusedAsCycle(Company actingFor, Company company, Company newParent) {
        Company before = accounts.find(actor(actingFor), company.id());
        List<AuditRecord> trail = fixture.billing.audit().ofCompany(actor(actingFor), company.id(), 100);
        int events = fixture.events.events().size();

        RefusedException e = catchThrowableOfType(RefusedException.class,
                () -> accounts.move(actor(actingFor), company.id(), newParent.id()));

        assertThat(e).as("moving %s under %s", company.name(), newParent.name()).isNotNull();
        assertThat(e.code()).isEqualTo(org.billingsdk.core.ErrorCode.REFUSED);
        assertThat(e.refusal().code()).isEqualTo(RefusalCode.HIERARCHY_CYCLE);
        assertThat(e.refusal().message()).contains(company.name(), newParent.name(), "own ancestor");
        assertThat(accounts.find(actor(actingFor), company.id())).isEqualTo(before);
        assertThat(fixture.billing.audit().ofCompany(actor(actingFor), company.id(), 100)).isEqualTo(trail);
        assertThat(fixture.events.events()).hasSize(events);
    }

    private static void assertRefusedAsPartnerManaged(String companyName, ThrowingCallable call) {
        RefusedException e = catchThrowableOfType(RefusedException.class, call);

        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(org.billingsdk.core.ErrorCode.REFUSED);
        assertThat(e.refusal().code()).isEqualTo(RefusalCode.PARTNER_MANAGED);
        assertThat(e.refusal().message())
                .isEqualTo("The billing of " + companyName
                        + " is run by a partner; manage it through the partner, not through this portal.")
                .isEqualTo(e.getMessage());
    }

    /**
     * Runs {@code change} and checks it left one event of {@code type}, delivered to the sink, and
     * one audit record about the company (the one returned, when {@code companyId} is null) with
     * the event's id.
     */
    private Company assertOneEventAndOneAuditRecord(Actor actor, CompanyId companyId,
            Class<? extends BillingEvent> type, Supplier<Company> change) {
        int events = fixture.events.events().size();
        int records = companyId == null ? 0 : fixture.billing.audit().ofCompany(actor, companyId, 1000).size();

        Company changed = change.get();

        List<BillingEvent> after = fixture.events.events();
        assertThat(after).hasSize(events + 1);
        BillingEvent event = after.get(after.size() - 1);
        assertThat(event).isInstanceOf(type);
        List<AuditRecord> trail = fixture.billing.audit().ofCompany(actor, changed.id(), 1000);
        assertThat(trail).hasSize(records + 1);
        assertThat(trail.get(0).id()).isEqualTo(event.eventId());
        assertThat(trail.get(0).action()).isEqualTo(type.getSimpleName());
        assertThat(trail.get(0).who()).isEqualTo(actor.user());
        assertThat(trail.get(0).onBehalfOf()).isEqualTo(actor.companyId());
        return changed;
    }
}
