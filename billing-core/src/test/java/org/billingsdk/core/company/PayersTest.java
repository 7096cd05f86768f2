package org.billingsdk.core.company;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.billingsdk.core.testing.BillingFixture.actor;

import java.util.List;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.RefusalCode;
import org.billingsdk.core.RefusedException;
import org.billingsdk.core.audit.AuditRecord;
import org.billingsdk.core.event.PayerChanged;
import org.billingsdk.core.testing.OnEveryStorage;
import org.billingsdk.core.testing.Threads;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who pays for a company's subscriptions ({@code Accounts.setPayer}, {@code Accounts.payer}): the
 * company itself by default, or an ancestor that pays for itself, set by an actor who reaches both;
 * undone for a company that a move takes out of its payer's subtree.
 */
public class PayersTest extends OnEveryStorage {

    private Accounts accounts;
    private Company holding;
    private Company europe;
    private Company berlin;
    private Company paris;
    private Company americas;

    @BeforeEach
    void aTree() {
        accounts = fixture.billing.accounts();
        holding = fixture.root("Acme Holding");
        europe = fixture.child(holding, "Acme Europe");
        berlin = fixture.child(europe, "Acme Berlin");
        paris = fixture.child(europe, "Acme Paris");
        americas = fixture.child(holding, "Acme Americas");
    }

    @Test
    void aCompanyPaysForItselfByDefault() {
        assertThat(berlin.payer()).isEqualTo(berlin.id());
        assertThat(berlin.isPaidForByAnother()).isFalse();
        assertThat(accounts.payer(actor(berlin), berlin.id())).isEqualTo(new Payer(berlin.id(), "Acme Berlin", true));
    }

    @Test
    void anAncestorAtAnyLevelPaysOnceSetAndTheChildSeesItsNameThoughItDoesNotReachIt() {
        Company set = accounts.setPayer(actor(holding), berlin.id(), holding.id());

        assertThat(set.payer()).isEqualTo(holding.id());
        assertThat(accounts.find(actor(berlin), berlin.id()).payerId()).isEqualTo(holding.id());
        assertThat(accounts.payer(actor(berlin), berlin.id()))
                .isEqualTo(new Payer(holding.id(), "Acme Holding", false));
        assertThatThrownBy(() -> accounts.find(actor(berlin), holding.id())).isInstanceOf(NotFoundException.class);
        assertThat(fixture.events.eventsOf(PayerChanged.class)).singleElement().satisfies(event -> {
            assertThat(event.companyId()).isEqualTo(berlin.id());
            assertThat(event.fromPayerId()).isEqualTo(berlin.id());
            assertThat(event.toPayerId()).isEqualTo(holding.id());
            assertThat(event.why()).isEqualTo(PayerChanged.Why.SET);
        });
        assertThat(fixture.billing.audit().ofCompany(actor(holding), berlin.id(), 10)).extracting(AuditRecord::action)
                .contains(PayerChanged.TYPE);
    }

    @Test
    void settingThePayerInForceChangesNothingAndTheCompanyItselfUndoesIt() {
        accounts.setPayer(actor(holding), berlin.id(), europe.id());
        Company again = accounts.setPayer(actor(holding), berlin.id(), europe.id());
        assertThat(fixture.events.eventsOf(PayerChanged.class)).hasSize(1);

        Company itself = accounts.setPayer(actor(berlin), berlin.id(), berlin.id());

        assertThat(again.payer()).isEqualTo(europe.id());
        assertThat(itself.payerId()).isNull();
        assertThat(itself.payer()).isEqualTo(berlin.id());
        assertThat(fixture.events.eventsOf(PayerChanged.class)).hasSize(2).last()
                .satisfies(event -> assertThat(event.toPayerId()).isEqualTo(berlin.id()));
    }

    @Test
    void aPayerThatIsNoAncestorIsRefusedAndNothingIsStored() {
        refused(() -> accounts.setPayer(actor(holding), berlin.id(), paris.id()), RefusalCode.PAYER_NOT_AN_ANCESTOR,
                "Acme Paris", "Acme Berlin");
        refused(() -> accounts.setPayer(actor(holding), europe.id(), berlin.id()), RefusalCode.PAYER_NOT_AN_ANCESTOR,
                "Acme Berlin", "Acme Europe");
        refused(() -> accounts.setPayer(actor(holding), europe.id(), americas.id()),
                RefusalCode.PAYER_NOT_AN_ANCESTOR, "Acme Americas");
    }

    @Test
    void aPayerPaidForByAnotherIsRefusedAndSoIsAPayerForACompanyThatPaysForOthers() {
        accounts.setPayer(actor(holding), europe.id(), holding.id());
        refused(() -> accounts.setPayer(actor(holding), berlin.id(), europe.id()),
                RefusalCode.PAYER_PAID_FOR_BY_ANOTHER, "Acme Europe");

        accounts.setPayer(actor(holding), europe.id(), europe.id());
        accounts.setPayer(actor(holding), berlin.id(), europe.id());
        refused(() -> accounts.setPayer(actor(holding), europe.id(), holding.id()), RefusalCode.PAYS_FOR_OTHERS,
                "Acme Europe");
    }

    @Test
    void theActorMustReachBothCompanies() {
        assertThatThrownBy(() -> accounts.setPayer(actor(berlin), berlin.id(), europe.id()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> accounts.setPayer(actor(paris), berlin.id(), paris.id()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> accounts.payer(actor(paris), berlin.id())).isInstanceOf(NotFoundException.class);
        assertThat(accounts.find(actor(holding), berlin.id()).payerId()).isNull();
        assertThat(fixture.events.eventsOf(PayerChanged.class)).isEmpty();
    }

    @Test
    void aMoveOutOfThePayersSubtreeHasTheCompanyPayForItselfWhileAPayerStillAboveOrMovedAlongKeepsPaying() {
        Company potsdam = fixture.child(berlin, "Acme Potsdam");
        Company spandau = fixture.child(berlin, "Acme Spandau");
        accounts.setPayer(actor(holding), berlin.id(), europe.id());     // Europe stays behind: undone
        accounts.setPayer(actor(holding), potsdam.id(), holding.id());   // the root is still above
        accounts.setPayer(actor(holding), paris.id(), europe.id());      // not moved
        fixture.events.clear();

        // Spandau's payer, Berlin, moves along; but Berlin is paid for by Europe so it cannot pay:
        // it pays for itself from the move on, and then may pay for Spandau.
        Company moved = accounts.move(actor(holding), berlin.id(), americas.id());
        accounts.setPayer(actor(holding), spandau.id(), berlin.id());

        assertThat(moved.payerId()).isNull();
        assertThat(accounts.find(actor(holding), berlin.id()).payer()).isEqualTo(berlin.id());
        assertThat(accounts.find(actor(holding), potsdam.id()).payer()).isEqualTo(holding.id());
        assertThat(accounts.find(actor(holding), paris.id()).payer()).isEqualTo(europe.id());
        assertThat(accounts.find(actor(holding), spandau.id()).payer()).isEqualTo(berlin.id());
        assertThat(fixture.events.eventsOf(PayerChanged.class)).hasSize(2).first().satisfies(event -> {
            assertThat(event.companyId()).isEqualTo(berlin.id());
            assertThat(event.fromPayerId()).isEqualTo(europe.id());
            assertThat(event.toPayerId()).isEqualTo(berlin.id());
            assertThat(event.why()).isEqualTo(PayerChanged.Why.MOVED);
        });
    }

    @Test
    void aPayerMovedAlongWithTheCompaniesItPaysForKeepsPaying() {
        Company potsdam = fixture.child(berlin, "Acme Potsdam");
        accounts.setPayer(actor(holding), potsdam.id(), berlin.id());

        accounts.move(actor(holding), berlin.id(), americas.id());

        assertThat(accounts.find(actor(holding), potsdam.id()).payer()).isEqualTo(berlin.id());
    }

    @Test
    void concurrentChoicesOfPayersNeverLeaveAPayerThatIsPaidForByAnother() throws Exception {
        for (int round = 0; round < 15; round++) {
            // At once: Europe gets the holding as its payer, Berlin gets Europe. One of them must lose.
            Threads.concurrently(2, thread -> {
                try {
                    return thread == 0 ? accounts.setPayer(actor(holding), europe.id(), holding.id())
                            : accounts.setPayer(actor(holding), berlin.id(), europe.id());
                } catch (RefusedException refusal) {
                    return null;
                }
            });

            List<Company> tree = accounts.tree(actor(holding), holding.id());
            for (Company company : tree) {
                if (company.isPaidForByAnother()) {
                    Company payer = tree.stream().filter(c -> c.id().equals(company.payerId())).findFirst()
                            .orElseThrow();
                    assertThat(payer.isPaidForByAnother()).as("round %d: %s pays for %s and is paid for", round,
                            payer.name(), company.name()).isFalse();
                }
            }
            accounts.setPayer(actor(holding), berlin.id(), berlin.id());
            accounts.setPayer(actor(holding), europe.id(), europe.id());
        }
    }

    private void refused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, RefusalCode code,
            String... named) {
        List<Company> before = accounts.tree(actor(holding), holding.id());
        int events = fixture.events.events().size();

        RefusedException e = catchThrowableOfType(RefusedException.class, call);

        assertThat(e).isNotNull();
        assertThat(e.refusal().code()).isEqualTo(code);
        assertThat(e.refusal().message()).contains(named);
        assertThat(accounts.tree(actor(holding), holding.id())).isEqualTo(before);
        assertThat(fixture.events.events()).hasSize(events);
    }
}
