package org.billingsdk.core.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.billingsdk.core.testing.BillingFixture.actor;

import java.time.Duration;
import java.util.List;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.RefusalCode;
import org.billingsdk.core.company.AccessRule;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.Address;
import org.billingsdk.core.company.BillingDetails;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.NewCompany;
import org.billingsdk.core.event.BillingEvent;
import org.billingsdk.core.event.DefaultPaymentMethodChanged;
import org.billingsdk.core.event.PaymentMethodAdded;
import org.billingsdk.core.event.PaymentMethodRemoved;
import org.billingsdk.core.port.PaymentProvider;
import org.billingsdk.core.testing.BillingFixture;
import org.billingsdk.core.testing.OnEveryStorage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Setting up, choosing and removing payment methods through the API, and who may. */
public class PaymentMethodsTest extends OnEveryStorage {

    private PaymentMethods methods;
    private Company acme;
    private Actor alice;

    @BeforeEach
    void setUp() {
        methods = fixture.billing.paymentMethods();
        acme = fixture.billing.accounts().register(NewCompany.of("Acme", "acme@example.com")
                .withBillingDetails(BillingDetails.builder()
                        .billingAddress(Address.of("Damrak 1", "1012 LG", "Amsterdam", "NL")).build()));
        alice = actor(acme);
        fixture.events.clear();
    }

    private PaymentMethod added(SetupKind kind) {
        SetupSession session = methods.startSetup(alice, acme.id(), kind);
        SetupOutcome outcome = methods.completeSetup(alice, acme.id(), session.id());
        assertThat(outcome).isInstanceOf(SetupOutcome.Added.class);
        fixture.advance(Duration.ofMinutes(1));
        return ((SetupOutcome.Added) outcome).method();
    }

    private List<PaymentMethod> listed() {
        return methods.list(alice, acme.id());
    }

    private List<PaymentMethod> defaults() {
        return listed().stream().filter(PaymentMethod::isDefault).toList();
    }

    @Nested
    class SettingUp {

        @Test
        void aCardIsSetUpInTwoStepsAndKeepsOnlyDisplayDetails() {
            SetupSession session = methods.startSetup(alice, acme.id(), SetupKind.CARD);

            assertThat(session.companyId()).isEqualTo(acme.id());
            assertThat(session.kind()).isEqualTo(SetupKind.CARD);
            assertThat(session.clientSecret().value()).isNotBlank();
            assertThat(session.providerReference().value()).isNotBlank();
            assertThat(session.redirectUrl()).isNull();
            assertThat(listed()).as("nothing is added before the set-up is completed").isEmpty();

            SetupOutcome outcome = methods.completeSetup(alice, acme.id(), session.id());

            assertThat(outcome).isInstanceOfSatisfying(SetupOutcome.Added.class, added -> {
                PaymentMethod card = added.method();
                assertThat(card.companyId()).isEqualTo(acme.id());
                assertThat(card.details()).isEqualTo(new MethodDetails.Card("visa", Last4.of("4242"), 12, 2030));
                assertThat(card.details().display()).isEqualTo("visa ending 4242, expires 12/2030");
                assertThat(fixture.payments.isAttached(card.providerReference())).isTrue();
            });
            assertThat(listed()).hasSize(1);
        }

        @Test
        void aSepaDebitIsSetUpWithBankLastFourAndMandate() {
            PaymentMethod sepa = added(SetupKind.SEPA_DEBIT);

            assertThat(sepa.details()).isInstanceOfSatisfying(MethodDetails.SepaDebit.class, details -> {
                assertThat(details.bankName()).isEqualTo("Simulated Bank");
                assertThat(details.ibanLast4()).isEqualTo(Last4.of("3000"));
                assertThat(details.mandateReference().value()).isNotBlank();
                assertThat(details.viaIdeal()).isFalse();
            });
        }

        @Test
        void aSepaDebitThroughIdealRedirectsToTheBankAndIsMarkedViaIdeal() {
            SetupSession session = methods.startSetup(alice, acme.id(), SetupKind.SEPA_VIA_IDEAL);

            assertThat(session.redirectUrl()).hasScheme("https");
            SetupOutcome outcome = methods.completeSetup(alice, acme.id(), session.id());

            assertThat(outcome).isInstanceOfSatisfying(SetupOutcome.Added.class, added ->
                    assertThat(added.method().details()).isInstanceOfSatisfying(MethodDetails.SepaDebit.class,
                            details -> assertThat(details.viaIdeal()).isTrue()));
            assertThat(((SetupOutcome.Added) outcome).method().details().display()).endsWith("(via iDEAL)");
        }

        @Test
        void theFirstMethodBecomesTheDefaultAndLaterOnesDoNot() {
            PaymentMethod card = added(SetupKind.CARD);
            PaymentMethod sepa = added(SetupKind.SEPA_DEBIT);
            PaymentMethod ideal = added(SetupKind.SEPA_VIA_IDEAL);

            assertThat(card.isDefault()).isTrue();
            assertThat(sepa.isDefault()).isFalse();
            assertThat(ideal.isDefault()).isFalse();
            assertThat(listed()).extracting(PaymentMethod::id).containsExactly(card.id(), sepa.id(), ideal.id());
            assertThat(defaults()).extracting(PaymentMethod::id).containsExactly(card.id());
            assertThat(fixture.events.eventsOf(PaymentMethodAdded.class))
                    .extracting(PaymentMethodAdded::paymentMethodId, PaymentMethodAdded::isDefault)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(card.id(), true),
                            org.assertj.core.groups.Tuple.tuple(sepa.id(), false),
                            org.assertj.core.groups.Tuple.tuple(ideal.id(), false));
        }

        @Test
        void aFailedSetUpIsRefusedWithItsReasonAndAddsNothing() {
            fixture.payments.thenSetupEnds(new PaymentProvider.SetupResult.Failed("card_declined"));
            SetupSession session = methods.startSetup(alice, acme.id(), SetupKind.CARD);

            SetupOutcome outcome = methods.completeSetup(alice, acme.id(), session.id());

            assertThat(outcome).isInstanceOfSatisfying(SetupOutcome.Refused.class, refused -> {
                assertThat(refused.reason().code()).isEqualTo(RefusalCode.PAYMENT_METHOD_SETUP_FAILED);
                assertThat(refused.reason().message()).contains("card_declined");
            });
            assertThat(listed()).isEmpty();
            assertThat(fixture.events.eventsOf(PaymentMethodAdded.class)).isEmpty();
        }

        @Test
        void anIncompleteSetUpAnswersNotYetCompleteAndCanBeCompletedLater() {
            fixture.payments.thenSetupEnds(new PaymentProvider.SetupResult.Incomplete("requires_action"));
            SetupSession session = methods.startSetup(alice, acme.id(), SetupKind.CARD);

            SetupOutcome first = methods.completeSetup(alice, acme.id(), session.id());
            SetupOutcome second = methods.completeSetup(alice, acme.id(), session.id());

            assertThat(first).isEqualTo(new SetupOutcome.NotYetComplete("requires_action"));
            assertThat(second).isInstanceOf(SetupOutcome.Added.class);
            assertThat(listed()).hasSize(1);
        }

        @Test
        void completingASetUpAgainAnswersTheMethodItAddedAndChangesNothing() {
            SetupSession session = methods.startSetup(alice, acme.id(), SetupKind.CARD);
            SetupOutcome first = methods.completeSetup(alice, acme.id(), session.id());
            fixture.events.clear();

            SetupOutcome again = methods.completeSetup(alice, acme.id(), session.id());
            SetupOutcome reported = methods.completeSetup(session.id());

            assertThat(again).isEqualTo(first);
            assertThat(reported).isEqualTo(first);
            assertThat(listed()).hasSize(1);
            assertThat(fixture.events.events()).isEmpty();
        }

        @Test
        void aSetUpCompletedAgainAfterItsMethodWasRemovedDoesNotBringItBack() {
            SetupSession session = methods.startSetup(alice, acme.id(), SetupKind.CARD);
            PaymentMethod added = ((SetupOutcome.Added) methods.completeSetup(alice, acme.id(), session.id())).method();
            methods.remove(alice, acme.id(), added.id());

            assertThatThrownBy(() -> methods.completeSetup(session.id())).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> methods.completeSetup(alice, acme.id(), session.id()))
                    .isInstanceOf(NotFoundException.class);
            assertThat(listed()).isEmpty();
        }

        @Test
        void aCompletedSetUpIsNotAnsweredForAnotherCompany() {
            Company other = fixture.root("Other");
            SetupSession session = methods.startSetup(alice, acme.id(), SetupKind.CARD);
            methods.completeSetup(alice, acme.id(), session.id());

            assertThatThrownBy(() -> methods.completeSetup(BillingFixture.actor(other), other.id(), session.id()))
                    .isInstanceOf(NotFoundException.class);
        }

        @Test
        void theSessionsTextHidesTheClientSecret() {
            SetupSession session = methods.startSetup(alice, acme.id(), SetupKind.CARD);

            assertThat(session.toString()).doesNotContain(session.clientSecret().value())
                    .contains("clientSecret=***");
        }
    }

    @Nested
    class DefaultAndRemoval {

        @Test
        void makingAnotherMethodDefaultLeavesExactlyOneDefault() {
            PaymentMethod card = added(SetupKind.CARD);
            PaymentMethod sepa = added(SetupKind.SEPA_DEBIT);
            fixture.events.clear();

            PaymentMethod chosen = methods.makeDefault(alice, acme.id(), sepa.id());

            assertThat(chosen.isDefault()).isTrue();
            assertThat(defaults()).extracting(PaymentMethod::id).containsExactly(sepa.id());
            assertThat(listed()).filteredOn(method -> method.id().equals(card.id())).singleElement()
                    .satisfies(method -> assertThat(method.isDefault()).isFalse());
            assertThat(fixture.events.eventsOf(DefaultPaymentMethodChanged.class)).singleElement()
                    .satisfies(changed -> assertThat(changed.paymentMethodId()).isEqualTo(sepa.id()));
        }

        @Test
        void makingTheDefaultDefaultAgainChangesNothing() {
            PaymentMethod card = added(SetupKind.CARD);
            fixture.events.clear();

            methods.makeDefault(alice, acme.id(), card.id());

            assertThat(defaults()).extracting(PaymentMethod::id).containsExactly(card.id());
            assertThat(fixture.events.events()).isEmpty();
        }

        @Test
        void removingTheDefaultDetachesItAtTheProviderAndPromotesTheMostRecentRemainingOne() {
            PaymentMethod card = added(SetupKind.CARD);
            added(SetupKind.SEPA_DEBIT);
            PaymentMethod ideal = added(SetupKind.SEPA_VIA_IDEAL);
            fixture.events.clear();

            methods.remove(alice, acme.id(), card.id());

            assertThat(fixture.payments.isAttached(card.providerReference())).isFalse();
            assertThat(listed()).extracting(PaymentMethod::id).doesNotContain(card.id()).hasSize(2);
            assertThat(defaults()).extracting(PaymentMethod::id).containsExactly(ideal.id());
            assertThat(fixture.events.events()).map(BillingEvent::type)
                    .containsExactly("PaymentMethodRemoved", "DefaultPaymentMethodChanged");
            assertThat(fixture.events.eventsOf(PaymentMethodRemoved.class)).singleElement()
                    .satisfies(removed -> assertThat(removed.paymentMethodId()).isEqualTo(card.id()));
        }

        @Test
        void removingAMethodThatIsNotTheDefaultKeepsTheDefault() {
            PaymentMethod card = added(SetupKind.CARD);
            PaymentMethod sepa = added(SetupKind.SEPA_DEBIT);
            fixture.events.clear();

            methods.remove(alice, acme.id(), sepa.id());

            assertThat(fixture.payments.isAttached(sepa.providerReference())).isFalse();
            assertThat(defaults()).extracting(PaymentMethod::id).containsExactly(card.id());
            assertThat(fixture.events.events()).map(BillingEvent::type).containsExactly("PaymentMethodRemoved");
        }

        @Test
        void removingTheLastMethodLeavesNoDefault() {
            PaymentMethod card = added(SetupKind.CARD);

            methods.remove(alice, acme.id(), card.id());

            assertThat(listed()).isEmpty();
            assertThat(fixture.payments.isAttached(card.providerReference())).isFalse();
        }
    }

    @Nested
    class AccessRule {

        private Company child;
        private Actor childActor;

        @BeforeEach
        void setUpChild() {
            child = fixture.billing.accounts().registerChild(alice, acme.id(),
                    NewCompany.of("Acme Child", "child@example.com"));
            childActor = actor(child);
        }

        @Test
        void aParentManagesItsChildsMethods() {
            SetupSession session = methods.startSetup(alice, child.id(), SetupKind.CARD);
            SetupOutcome outcome = methods.completeSetup(alice, child.id(), session.id());

            assertThat(outcome).isInstanceOf(SetupOutcome.Added.class);
            assertThat(methods.list(alice, child.id())).hasSize(1);
            assertThat(methods.list(childActor, child.id())).hasSize(1);
        }

        @Test
        void aChildCannotTouchItsParentsMethodsAndIsAnsweredNotFound() {
            PaymentMethod card = added(SetupKind.CARD);

            assertThatThrownBy(() -> methods.list(childActor, acme.id())).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> methods.startSetup(childActor, acme.id(), SetupKind.CARD))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> methods.makeDefault(childActor, acme.id(), card.id()))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> methods.remove(childActor, acme.id(), card.id()))
                    .isInstanceOf(NotFoundException.class);
            assertThat(fixture.payments.isAttached(card.providerReference())).isTrue();
            assertThat(defaults()).extracting(PaymentMethod::id).containsExactly(card.id());
        }

        @Test
        void aChildCannotReachItsParentsMethodThroughItsOwnCompany() {
            PaymentMethod parentCard = added(SetupKind.CARD);

            assertThatThrownBy(() -> methods.remove(childActor, child.id(), parentCard.id()))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> methods.makeDefault(childActor, child.id(), parentCard.id()))
                    .isInstanceOf(NotFoundException.class);
            assertThat(fixture.payments.isAttached(parentCard.providerReference())).isTrue();
        }

        @Test
        void aSetUpOfAnotherCompanyIsNotFound() {
            Company stranger = fixture.root("Stranger");
            SetupSession strangers = methods.startSetup(actor(stranger), stranger.id(), SetupKind.CARD);
            SetupSession parents = methods.startSetup(alice, acme.id(), SetupKind.CARD);

            assertThatThrownBy(() -> methods.completeSetup(alice, acme.id(), strangers.id()))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> methods.completeSetup(alice, child.id(), parents.id()))
                    .as("a set-up belongs to the company it was started for")
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> methods.completeSetup(childActor, acme.id(), parents.id()))
                    .isInstanceOf(NotFoundException.class);
            assertThat(listed()).isEmpty();
            assertThat(methods.list(alice, child.id())).isEmpty();
        }
    }
}
