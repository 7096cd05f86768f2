package org.billingsdk.core.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.PageRequest;
import org.billingsdk.core.RefusalCode;
import org.billingsdk.core.RefusedException;
import org.billingsdk.core.Scope;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.Address;
import org.billingsdk.core.company.BillingDetails;
import org.billingsdk.core.company.BillingMode;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.company.NewCompany;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.payment.Payment;
import org.billingsdk.core.payment.PaymentMethod;
import org.billingsdk.core.payment.PaymentMethodId;
import org.billingsdk.core.payment.SetupId;
import org.billingsdk.core.payment.SetupKind;
import org.billingsdk.core.subscription.DataErasure;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.testing.BillingFixture;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The access rule on random forests of companies: an actor reaches its own company and its
 * descendants and nothing else, anything out of reach is answered exactly like something that
 * does not exist (and changes nothing), and moving companies never makes a cycle. The expected
 * answers come from the parent links the test generated, never from the SDK's own tree walk.
 */
class AccessRuleProperties {

    private static final int EXAMPLES = 120;
    private static final int SHRINK_CYCLES = 200;
    private static final int MAX_COMPANIES = 25;
    /** Levels below a root: a root and five more make a depth of six. */
    private static final int MAX_DEPTH = 5;
    private static final BillingDetails DETAILS = BillingDetails.builder()
            .billingAddress(Address.of("Damrak 1", "1012 LG", "Amsterdam", "NL"))
            .build();

    /** {@code find} answers a company exactly when it is the actor's or below it; {@code tree} lists those. */
    @Test
    void anActorReachesExactlyItsOwnCompanyAndItsDescendants() {
        qt().withExamples(EXAMPLES).withShrinkCycles(SHRINK_CYCLES).forAll(cases()).checkAssert(c -> {
            World world = new World(c.forest());
            int actor = world.actorIndex(c.actorPick());
            Actor acting = world.actor(actor);
            for (int target = 0; target < world.size(); target++) {
                boolean expected = world.reaches(actor, target);
                CompanyId id = world.id(target);
                Object answer = world.attempt(() -> world.f.billing.accounts().find(acting, id));
                if (expected) {
                    assertThat(answer).as("%s reaches %s in %s", world.name(actor), world.name(target), world)
                            .isInstanceOf(Company.class);
                    assertThat(((Company) answer).id()).isEqualTo(id);
                } else {
                    assertThat(answer).as("%s does not reach %s in %s", world.name(actor), world.name(target), world)
                            .isInstanceOf(NotFoundException.class);
                }
            }
            if (world.exists(actor)) {
                Set<CompanyId> tree = world.f.billing.accounts().tree(acting, world.id(actor)).stream()
                        .map(Company::id).collect(Collectors.toSet());
                assertThat(tree).as("the tree of %s in %s", world.name(actor), world)
                        .isEqualTo(world.ids(world.sameOrDescendants(actor)));
            }
        });
    }

    /**
     * Every operation that takes an actor, on a company out of reach or on what such a company owns
     * (subscription, invoice, payment method, payment-method set-up), throws the
     * {@link NotFoundException} it throws for an id that does not exist: same kind, code and
     * message but for the id. Neither call changes the storage, the events, the audit trail or
     * calls the environments or payment ports.
     */
    @Test
    void aTargetOutOfReachIsAnsweredExactlyLikeOneThatDoesNotExistAndNothingIsStored() {
        qt().withExamples(EXAMPLES).withShrinkCycles(SHRINK_CYCLES).forAll(cases()).checkAssert(c -> {
            World world = new World(c.forest());
            int actor = world.actorIndex(c.actorPick());
            List<Integer> outOfReach = world.outOfReach(actor);
            if (outOfReach.isEmpty()) {
                return;
            }
            int target = outOfReach.get(c.targetPick() % outOfReach.size());
            for (Probe<?> probe : world.probes(actor, true)) {
                world.owner(probe, outOfReach, target, c.ownerPick())
                        .ifPresent(owner -> world.assertAnsweredAsMissing(probe, actor, owner));
            }
        });
    }

    /** The same operations on targets in reach succeed or are refused for a business reason, never "not found". */
    @Test
    void aTargetInReachIsNeverAnsweredNotFound() {
        qt().withExamples(EXAMPLES).withShrinkCycles(SHRINK_CYCLES).forAll(cases()).checkAssert(c -> {
            World world = new World(c.forest());
            int actor = world.actorIndex(c.actorPick());
            if (!world.exists(actor)) {
                return;
            }
            List<Integer> inReach = world.sameOrDescendants(actor).stream().sorted().toList();
            int target = inReach.get(c.targetPick() % inReach.size());
            for (Probe<?> probe : world.probes(actor, false)) {
                world.owner(probe, inReach, target, c.ownerPick())
                        .ifPresent(owner -> world.assertAnsweredInReach(probe, actor, owner));
            }
            world.assertStoredTreeIsTheModel();
        });
    }

    /**
     * Random moves by random actors do what the model of the tree predicts (not found, refused for
     * a partner-billed party, refused with {@code HIERARCHY_CYCLE}, or moved), and afterwards the
     * stored parent links are the model's and lead every company up to its root.
     */
    @Test
    void movingNeverCreatesACycleAndAMoveUnderItsOwnDescendantIsRefused() {
        qt().withExamples(EXAMPLES).withShrinkCycles(SHRINK_CYCLES).forAll(forests(), lists().of(moves())
                .ofSizeBetween(1, 30)).checkAssert((forest, moves) -> {
                    World world = new World(forest);
                    StringBuilder trace = new StringBuilder();
                    for (Move move : moves) {
                        String outcome;
                        try {
                            outcome = world.move(move);
                            trace.append("  ").append(move).append(": ").append(outcome).append('\n');
                            world.assertStoredTreeIsTheModel();
                        } catch (AssertionError | RuntimeException e) {
                            throw new AssertionError("after " + move + " in " + world + "\ntrace:\n" + trace, e);
                        }
                    }
                });
    }

    // ----------------------------------------------------------------------------------------
    // Generated forests

    /**
     * One company of a generated forest. A company after the roots hangs under an earlier one
     * ({@code parentPick}, among those less than {@link #MAX_DEPTH} deep) and is registered by its
     * parent or one of its ancestors ({@code creatorPick}). A partner-billed company (never a root)
     * gets no children (the portal cannot register any under it) and no subscription.
     */
    record CompanySpec(int parentPick, int creatorPick, boolean partner, boolean trialPlan, boolean cancelled) {
    }

    record Forest(int roots, List<CompanySpec> companies) {

        int size() {
            return companies.size();
        }

        /** The parent index of each company, -1 for a root. */
        List<Integer> parents() {
            List<Integer> parents = new ArrayList<>();
            List<Integer> depths = new ArrayList<>();
            for (int i = 0; i < companies.size(); i++) {
                if (i < roots) {
                    parents.add(-1);
                    depths.add(0);
                    continue;
                }
                List<Integer> eligible = new ArrayList<>();
                for (int j = 0; j < i; j++) {
                    if (depths.get(j) < MAX_DEPTH && !partner(j)) {
                        eligible.add(j);
                    }
                }
                int parent = eligible.get(companies.get(i).parentPick() % eligible.size());
                parents.add(parent);
                depths.add(depths.get(parent) + 1);
            }
            return parents;
        }


        /** Roots are direct customers, so that every later company has a parent to hang under. */
        boolean partner(int i) {
            return i >= roots && companies.get(i).partner();
        }

        @Override
        public String toString() {
            List<Integer> parents = parents();
            StringBuilder out = new StringBuilder("forest[");
            for (int i = 0; i < companies.size(); i++) {
                CompanySpec spec = companies.get(i);
                out.append(i == 0 ? "" : ", ").append('c').append(i)
                        .append(parents.get(i) < 0 ? " root" : "<-c" + parents.get(i))
                        .append(partner(i) ? " partner" : (spec.trialPlan() ? " trial" : " monthly")
                                + (spec.cancelled() ? " cancelled" : ""));
            }
            return out.append(']').toString();
        }
    }

    /**
     * An actor and a target company picked in a forest; operations on what a company owns (a
     * subscription, an invoice, a payment method) pick their owner with {@code ownerPick}.
     */
    record Case(Forest forest, int actorPick, int targetPick, int ownerPick) {
        @Override
        public String toString() {
            return forest + ", actor pick " + actorPick + ", target pick " + targetPick + ", owner pick " + ownerPick;
        }
    }

    /** A move of company {@code companyPick} under {@code parentPick}, requested by {@code actorPick}. */
    record Move(int actorPick, int companyPick, int parentPick, boolean withinReach) {
        @Override
        public String toString() {
            return "move(actor " + actorPick + ", company " + companyPick + ", under " + parentPick
                    + (withinReach ? ", picked in reach)" : ", picked anywhere)");
        }
    }

    private static Gen<Forest> forests() {
        Gen<CompanySpec> spec = integers().between(0, 999).zip(integers().between(0, 999),
                integers().between(0, 5), booleans().all(), integers().between(0, 3),
                (parent, creator, partner, trial, cancelled) -> new CompanySpec(parent, creator, partner == 0, trial,
                        cancelled == 0));
        return integers().between(1, 3).zip(lists().of(spec).ofSizeBetween(1, MAX_COMPANIES),
                (roots, companies) -> new Forest(Math.min(roots, companies.size()), companies));
    }

    private static Gen<Case> cases() {
        return forests().zip(integers().between(0, 999), integers().between(0, 999), integers().between(0, 999),
                Case::new);
    }

    private static Gen<Move> moves() {
        return integers().between(0, 999).zip(integers().between(0, 999), integers().between(0, 999),
                integers().between(0, 4), (actor, company, parent, anywhere) -> new Move(actor, company, parent,
                        anywhere != 0));
    }

    // ----------------------------------------------------------------------------------------
    // The world: a fixture with the forest built through the API, and the model of its tree

    /**
     * An operation that takes an actor and a target of type {@code T}: a company, or something a
     * company owns. {@code ownedBy} gives the target a company (by index) owns, or {@code null};
     * {@code ghost} makes an id of the same kind that nothing has.
     */
    record Probe<T>(String name, String kind, IntFunction<T> ownedBy, Supplier<T> ghost,
            BiFunction<Actor, T, Object> call) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** What an operation answered: a result or the exception it threw. */
    @FunctionalInterface
    interface Call {
        Object run();
    }

    /** What a refused or out-of-reach request may not change. */
    record Snapshot(Set<Company> companies, Set<Subscription> subscriptions, Map<CompanyId, Integer> auditRecords,
            Set<PaymentMethod> paymentMethods, Set<SetupId> setups, Set<Invoice> invoices, Set<Payment> payments,
            int undelivered, int eventsDelivered, int provisioned, int erased, int providerCalls) {
    }

    private static final class World {

        final BillingFixture f = BillingFixture.inMemory();
        private final Forest forest;
        private final List<CompanyId> ids = new ArrayList<>();
        private final List<Integer> parents;
        private final List<Boolean> partners = new ArrayList<>();
        private final Map<Integer, SubscriptionId> subscriptions = new HashMap<>();
        private final Map<Integer, PaymentMethodId> paymentMethods = new HashMap<>();
        private final Map<Integer, SetupId> setups = new HashMap<>();
        private final Map<Integer, InvoiceId> invoices = new HashMap<>();
        private final CompanyId ghostActor = CompanyId.random();

        World(Forest forest) {
            this.forest = forest;
            List<Integer> layout = forest.parents();
            this.parents = new ArrayList<>(layout);
            for (int i = 0; i < forest.size(); i++) {
                CompanySpec spec = forest.companies().get(i);
                boolean partner = forest.partner(i);
                NewCompany company = NewCompany.of("Company " + i, "c" + i + "@example.com")
                        .withBillingMode(partner ? BillingMode.PARTNER_MANAGED : BillingMode.DIRECT);
                Company saved;
                if (layout.get(i) < 0) {
                    saved = f.billing.accounts().register(company);
                } else {
                    List<Integer> creators = new ArrayList<>(ancestorsOrSelf(layout.get(i)));
                    int creator = creators.get(spec.creatorPick() % creators.size());
                    saved = f.billing.accounts().registerChild(actorFor(ids.get(creator)), ids.get(layout.get(i)),
                            company);
                }
                ids.add(saved.id());
                partners.add(partner);
            }
            for (int i = 0; i < forest.size(); i++) {
                if (partners.get(i)) {
                    continue;
                }
                CompanySpec spec = forest.companies().get(i);
                Company company = f.storage.companies().findById(ids.get(i)).orElseThrow();
                paymentMethods.put(i, f.addCard(company, company).id());
                setups.put(i, f.billing.paymentMethods().startSetup(actor(i), ids.get(i), SetupKind.CARD).id());
                Plan plan = spec.trialPlan() ? f.trial : f.monthly;
                Subscription s = f.billing.subscriptions().subscribe(actor(i), ids.get(i), plan.id());
                if (spec.cancelled()) {
                    f.billing.subscriptions().cancel(actor(i), s.id(), DataErasure.ACKNOWLEDGED);
                }
                subscriptions.put(i, s.id());
            }
            f.billing.run(f.clock.instant());
            for (int i = 0; i < size(); i++) {
                int owner = i;
                f.storage.invoices().findByCompanies(List.of(ids.get(i)), null, 1).stream().findFirst()
                        .map(Invoice::id).ifPresent(invoice -> invoices.put(owner, invoice));
            }
        }

        int size() {
            return ids.size();
        }

        /** A company of the forest or, one time in {@code size + 1}, a company that does not exist. */
        int actorIndex(int pick) {
            return pick % (size() + 1);
        }

        boolean exists(int index) {
            return index < size();
        }

        CompanyId id(int index) {
            return exists(index) ? ids.get(index) : ghostActor;
        }

        Set<CompanyId> ids(Set<Integer> indexes) {
            return indexes.stream().map(this::id).collect(Collectors.toSet());
        }

        String name(int index) {
            return exists(index) ? "c" + index : "a company that does not exist";
        }

        Actor actor(int index) {
            return actorFor(id(index));
        }

        private static Actor actorFor(CompanyId id) {
            return Actor.of(id, "admin@example.com");
        }

        /** The company that owns a payment method or a set-up, by the world's records. */
        private CompanyId ownerOf(Map<Integer, ?> owned, Object thing) {
            return owned.entrySet().stream().filter(e -> e.getValue().equals(thing)).findFirst()
                    .map(e -> id(e.getKey())).orElseThrow();
        }

        /** The payment method of a company, or a fresh id for a company that has none or does not exist. */
        private PaymentMethodId methodOf(CompanyId company) {
            int index = ids.indexOf(company);
            return index >= 0 && paymentMethods.containsKey(index) ? paymentMethods.get(index)
                    : PaymentMethodId.random();
        }

        /** The pending set-up of a company, or a fresh id for a company that has none or does not exist. */
        private SetupId setupOf(CompanyId company) {
            int index = ids.indexOf(company);
            return index >= 0 && setups.containsKey(index) ? setups.get(index) : SetupId.random();
        }

        /**
         * The company whose target a probe is given: the target itself for operations on companies,
         * otherwise one of the candidates that owns a target of the probe's kind, if any does.
         */
        Optional<Integer> owner(Probe<?> probe, List<Integer> candidates, int target, int pick) {
            if (probe.kind().equals("company")) {
                return Optional.of(target);
            }
            List<Integer> owners = candidates.stream().filter(i -> probe.ownedBy().apply(i) != null).toList();
            return owners.isEmpty() ? Optional.empty() : Optional.of(owners.get(pick % owners.size()));
        }

        // ---- the model

        /** Whether {@code actor} is {@code target} or one of its ancestors, by the model's parent links. */
        boolean reaches(int actor, int target) {
            if (!exists(actor)) {
                return false;
            }
            return ancestorsOrSelf(target).contains(actor);
        }

        private List<Integer> ancestorsOrSelf(int index) {
            List<Integer> chain = new ArrayList<>();
            for (int at = index; at >= 0; at = parents.get(at)) {
                if (chain.contains(at) || chain.size() > parents.size()) {
                    throw new IllegalStateException("the model has a cycle at c" + at);
                }
                chain.add(at);
            }
            return chain;
        }

        Set<Integer> sameOrDescendants(int index) {
            Set<Integer> result = new LinkedHashSet<>();
            for (int i = 0; i < size(); i++) {
                if (reaches(index, i)) {
                    result.add(i);
                }
            }
            return result;
        }

        List<Integer> outOfReach(int actor) {
            List<Integer> result = new ArrayList<>();
            for (int i = 0; i < size(); i++) {
                if (!reaches(actor, i)) {
                    result.add(i);
                }
            }
            return result;
        }

        private int root(int index) {
            List<Integer> chain = ancestorsOrSelf(index);
            return chain.get(chain.size() - 1);
        }

        // ---- the operations

        /**
         * Every operation that takes an actor, with its target: a company (the one operated on, or
         * the new parent of a move), a subscription, an invoice, a payment method or a set-up.
         *
         * <p>A payment method or a set-up is named together with a company. Out of reach, it is
         * named both under its own company (the company is then not found) and under the actor's
         * own company (the method is then not found: it is not the actor's); in reach, under its own
         * company. The other company a move needs is the actor's own, when the actor may manage it.
         */
        List<Probe<?>> probes(int actor, boolean outOfReach) {
            var accounts = f.billing.accounts();
            var subs = f.billing.subscriptions();
            var methods = f.billing.paymentMethods();
            var bills = f.billing.invoices();
            IntFunction<CompanyId> company = this::id;
            Supplier<CompanyId> noCompany = CompanyId::random;
            List<Probe<?>> probes = new ArrayList<>(List.of(
                    new Probe<>("accounts().find", "company", company, noCompany, accounts::find),
                    new Probe<>("accounts().tree", "company", company, noCompany, accounts::tree),
                    new Probe<>("accounts().changeMainEmail", "company", company, noCompany,
                            (a, t) -> accounts.changeMainEmail(a, t, "changed@example.com")),
                    new Probe<>("accounts().updateBillingDetails", "company", company, noCompany,
                            (a, t) -> accounts.updateBillingDetails(a, t, DETAILS)),
                    new Probe<>("accounts().registerChild", "company", company, noCompany,
                            (a, t) -> accounts.registerChild(a, t, NewCompany.of("Newcomer", "new@example.com"))),
                    new Probe<>("accounts().auditTrail", "company", company, noCompany,
                            (a, t) -> f.billing.audit().ofCompany(a, t, 100)),
                    new Probe<>("subscriptions().subscribe", "company", company, noCompany,
                            (a, t) -> subs.subscribe(a, t, f.monthly.id())),
                    new Probe<>("subscriptions().active(COMPANY_ONLY)", "company", company, noCompany,
                            (a, t) -> subs.active(a, t, Scope.COMPANY_ONLY)),
                    new Probe<>("subscriptions().active(WITH_DESCENDANTS)", "company", company, noCompany,
                            (a, t) -> subs.active(a, t, Scope.WITH_DESCENDANTS)),
                    new Probe<>("subscriptions().all(COMPANY_ONLY)", "company", company, noCompany,
                            (a, t) -> subs.all(a, t, Scope.COMPANY_ONLY)),
                    new Probe<>("subscriptions().all(WITH_DESCENDANTS)", "company", company, noCompany,
                            (a, t) -> subs.all(a, t, Scope.WITH_DESCENDANTS)),
                    new Probe<>("paymentMethods().startSetup", "company", company, noCompany,
                            (a, t) -> methods.startSetup(a, t, SetupKind.CARD)),
                    new Probe<>("paymentMethods().list", "company", company, noCompany, methods::list),
                    new Probe<>("invoices().history(COMPANY_ONLY)", "company", company, noCompany,
                            (a, t) -> bills.history(a, t, Scope.COMPANY_ONLY, PageRequest.first(10))),
                    new Probe<>("invoices().history(WITH_DESCENDANTS)", "company", company, noCompany,
                            (a, t) -> bills.history(a, t, Scope.WITH_DESCENDANTS, PageRequest.first(10)))));
            if (exists(actor) && !partners.get(actor)) {
                CompanyId own = id(actor);
                probes.add(new Probe<>("accounts().move(target, under the actor's company)", "company", company,
                        noCompany, (a, t) -> accounts.move(a, t, own)));
                probes.add(new Probe<>("accounts().move(the actor's company, under target)", "company", company,
                        noCompany, (a, t) -> accounts.move(a, own, t)));
            }
            if (outOfReach) {
                probes.add(new Probe<>("paymentMethods().makeDefault(target, its method)", "company", company,
                        noCompany, (a, t) -> methods.makeDefault(a, t, methodOf(t))));
                probes.add(new Probe<>("paymentMethods().remove(target, its method)", "company", company, noCompany,
                        (a, t) -> {
                            methods.remove(a, t, methodOf(t));
                            return null;
                        }));
                probes.add(new Probe<>("paymentMethods().completeSetup(target, its set-up)", "company", company,
                        noCompany, (a, t) -> methods.completeSetup(a, t, setupOf(t))));
            }

            IntFunction<SubscriptionId> subscription = subscriptions::get;
            Supplier<SubscriptionId> noSubscription = SubscriptionId::random;
            probes.addAll(List.of(
                    new Probe<>("subscriptions().find", "subscription", subscription, noSubscription, subs::find),
                    new Probe<>("invoices().preview", "subscription", subscription, noSubscription, bills::preview),
                    new Probe<>("subscriptions().cancel(NOT_ACKNOWLEDGED)", "subscription", subscription,
                            noSubscription, (a, s) -> subs.cancel(a, s, DataErasure.NOT_ACKNOWLEDGED)),
                    new Probe<>("subscriptions().cancel(ACKNOWLEDGED)", "subscription", subscription, noSubscription,
                            (a, s) -> subs.cancel(a, s, DataErasure.ACKNOWLEDGED)),
                    new Probe<>("subscriptions().removeScheduledCancellation", "subscription", subscription,
                            noSubscription, subs::removeScheduledCancellation),
                    new Probe<>("subscriptions().reactivate", "subscription", subscription, noSubscription,
                            subs::reactivate)));

            IntFunction<InvoiceId> invoice = invoices::get;
            Supplier<InvoiceId> noInvoice = InvoiceId::random;
            probes.addAll(List.of(
                    new Probe<>("invoices().find", "invoice", invoice, noInvoice, bills::find),
                    new Probe<>("invoices().document", "invoice", invoice, noInvoice, bills::document),
                    new Probe<>("invoices().payNow", "invoice", invoice, noInvoice, bills::payNow)));

            if (!outOfReach || (exists(actor) && !partners.get(actor))) {
                Function<Object, CompanyId> under = thing -> outOfReach ? id(actor)
                        : thing instanceof SetupId ? ownerOf(setups, thing) : ownerOf(paymentMethods, thing);
                IntFunction<PaymentMethodId> method = paymentMethods::get;
                Supplier<PaymentMethodId> noMethod = PaymentMethodId::random;
                String where = outOfReach ? "the actor's company" : "its company";
                probes.addAll(List.of(
                        new Probe<>("paymentMethods().makeDefault(" + where + ", method)", "payment method", method,
                                noMethod, (a, m) -> methods.makeDefault(a, under.apply(m), m)),
                        new Probe<>("paymentMethods().remove(" + where + ", method)", "payment method", method,
                                noMethod, (a, m) -> {
                                    methods.remove(a, under.apply(m), m);
                                    return null;
                                }),
                        new Probe<>("paymentMethods().completeSetup(" + where + ", set-up)", "payment setup",
                                setups::get, SetupId::random, (a, s) -> methods.completeSetup(a, under.apply(s), s))));
            }
            return probes;
        }

        Object attempt(Call call) {
            try {
                return call.run();
            } catch (RuntimeException e) {
                return e;
            }
        }

        /**
         * The operation answers the out-of-reach target that {@code owner} has exactly as a missing
         * one: a {@link NotFoundException} of the same kind, code and message (but for the id it
         * names), and neither call stores anything.
         */
        <T> void assertAnsweredAsMissing(Probe<T> probe, int actor, int owner) {
            T target = probe.ownedBy().apply(owner);
            T ghost = probe.ghost().get();
            String kind = probe.kind();
            String what = name(actor) + " on " + (kind.equals("company") ? "" : "the " + kind + " of ") + name(owner);
            Actor acting = actor(actor);
            Snapshot before = snapshot();
            Object outOfReach = attempt(() -> probe.call().apply(acting, target));
            assertThat(snapshot()).as("%s out of reach (%s) stores nothing, in %s", probe, what, this)
                    .isEqualTo(before);
            Object missing = attempt(() -> probe.call().apply(acting, ghost));
            assertThat(snapshot()).as("%s on a missing %s stores nothing, in %s", probe, kind, this).isEqualTo(before);

            assertThat(outOfReach).as("%s out of reach (%s), in %s", probe, what, this)
                    .isInstanceOf(NotFoundException.class);
            assertThat(missing).as("%s on a missing %s", probe, kind).isInstanceOf(NotFoundException.class);
            NotFoundException hidden = (NotFoundException) outOfReach;
            NotFoundException absent = (NotFoundException) missing;
            assertThat(hidden.kind().label()).as("%s (%s): kind", probe, what).isEqualTo(kind)
                    .isEqualTo(absent.kind().label());
            assertThat(hidden.code()).as("%s (%s): code", probe, what).isEqualTo(absent.code());
            assertThat(hidden.id()).as("%s (%s): id", probe, what).isEqualTo(target.toString());
            assertThat(absent.id()).as("%s: id", probe).isEqualTo(ghost.toString());
            assertThat(hidden.getMessage().replace(target.toString(), "<id>"))
                    .as("%s (%s): the message of an out-of-reach %s is that of a missing one", probe, what, kind)
                    .isEqualTo(absent.getMessage().replace(ghost.toString(), "<id>"));
            assertThat(hidden.getCause() == null).as("%s: cause", probe).isEqualTo(absent.getCause() == null);
        }

        /**
         * The operation on the target that {@code owner} has, in reach, succeeds or is refused for a
         * business reason, never answered "not found". The model follows what it did to the tree.
         */
        <T> void assertAnsweredInReach(Probe<T> probe, int actor, int owner) {
            T target = probe.ownedBy().apply(owner);
            String what = name(actor) + " on " + (probe.kind().equals("company") ? "" : "the " + probe.kind() + " of ")
                    + name(owner);
            Object answer = attempt(() -> probe.call().apply(actor(actor), target));
            if (answer instanceof RefusedException refused) {
                assertThat(refused.refusal().code()).as("%s in reach (%s): refused for a business reason, in %s",
                        probe, what, this).isIn(RefusalCode.PARTNER_MANAGED, RefusalCode.HIERARCHY_CYCLE);
                return;
            }
            if (answer instanceof RuntimeException e) {
                fail(probe + " in reach (" + what + ") threw, in " + this, e);
            }
            if (answer instanceof Company company) {
                follow(company);
            }
        }

        /** Keeps the model's parent links in step with a company an operation answered. */
        private void follow(Company company) {
            int index = ids.indexOf(company.id());
            if (index < 0) {
                ids.add(company.id());
                partners.add(false);
                parents.add(ids.indexOf(company.parentId()));
            } else if (company.parentId() != null) {
                parents.set(index, ids.indexOf(company.parentId()));
            }
        }

        /**
         * Performs a move as the model predicts it. The company moved is checked first, then the new
         * parent: out of reach is not found, a partner-billed party is refused, a new parent inside
         * the moved subtree is a cycle, anything else moves.
         */
        String move(Move move) {
            int actor = move.actorPick() % size();
            List<Integer> pool = move.withinReach() ? new ArrayList<>(sameOrDescendants(actor)) : allIndexes();
            int company = pool.get(move.companyPick() % pool.size());
            int parent = pool.get(move.parentPick() % pool.size());
            String what = name(actor) + " moves " + name(company) + " under " + name(parent);
            Snapshot before = snapshot();
            Object answer = attempt(() -> f.billing.accounts().move(actor(actor), id(company), id(parent)));
            String outcome;
            if (!reaches(actor, company)) {
                assertThat(answer).as("%s: the company is out of reach", what).isInstanceOf(NotFoundException.class);
                assertThat(((NotFoundException) answer).id()).isEqualTo(id(company).toString());
                outcome = "not found";
            } else if (partners.get(actor) || partners.get(company)) {
                assertRefused(answer, RefusalCode.PARTNER_MANAGED, what);
                outcome = "refused: partner-billed";
            } else if (!reaches(actor, parent)) {
                assertThat(answer).as("%s: the new parent is out of reach", what)
                        .isInstanceOf(NotFoundException.class);
                assertThat(((NotFoundException) answer).id()).isEqualTo(id(parent).toString());
                outcome = "not found";
            } else if (partners.get(parent)) {
                assertRefused(answer, RefusalCode.PARTNER_MANAGED, what);
                outcome = "refused: partner-billed";
            } else if (reaches(company, parent)) {
                assertRefused(answer, RefusalCode.HIERARCHY_CYCLE, what + " would make it its own ancestor");
                outcome = "refused: cycle";
            } else {
                assertThat(answer).as("%s", what).isInstanceOf(Company.class);
                assertThat(((Company) answer).parentId()).isEqualTo(id(parent));
                parents.set(company, parent);
                return what + " -> moved";
            }
            assertThat(snapshot()).as("%s stores nothing", what).isEqualTo(before);
            return what + " -> " + outcome;
        }

        private static void assertRefused(Object answer, RefusalCode code, String what) {
            assertThat(answer).as("%s: refused", what).isInstanceOf(RefusedException.class);
            assertThat(((RefusedException) answer).refusal().code()).as("%s: refused", what).isEqualTo(code);
        }

        private List<Integer> allIndexes() {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < size(); i++) {
                all.add(i);
            }
            return all;
        }

        /**
         * Walking up the stored parent links from every company ends at a root, within as many steps
         * as there are companies, at the root of its tree and as the model says.
         */
        void assertStoredTreeIsTheModel() {
            for (int i = 0; i < size(); i++) {
                Company company = f.storage.companies().findById(ids.get(i)).orElseThrow();
                assertThat(company.parentId()).as("parent of c%d in %s", i, this)
                        .isEqualTo(parents.get(i) < 0 ? null : ids.get(parents.get(i)));
                Set<CompanyId> seen = new HashSet<>();
                Company at = company;
                while (at.parentId() != null) {
                    assertThat(seen.add(at.id())).as("walking up from c%d meets c%d twice: a cycle, in %s", i,
                            ids.indexOf(at.id()), this).isTrue();
                    at = f.storage.companies().findById(at.parentId()).orElseThrow();
                }
                assertThat(at.id()).as("c%d ends at its root", i).isEqualTo(ids.get(root(i)));
                assertThat(company.rootId()).as("root of c%d", i).isEqualTo(at.id());
            }
        }

        Snapshot snapshot() {
            Set<Company> companies = new HashSet<>();
            Map<CompanyId, Integer> audit = new HashMap<>();
            Set<PaymentMethod> methods = new HashSet<>();
            for (CompanyId id : ids) {
                f.storage.companies().findById(id).ifPresent(companies::add);
                companies.addAll(f.storage.companies().findChildren(id));
                audit.put(id, f.storage.audit().findByCompany(id, 1000).size());
                methods.addAll(f.storage.paymentMethods().findByCompany(id));
            }
            Set<SetupId> openSetups = setups.values().stream()
                    .filter(setup -> f.storage.paymentSetups().findById(setup).isPresent())
                    .collect(Collectors.toSet());
            Set<Subscription> subs = new HashSet<>(f.storage.subscriptions().findByCompanies(ids));
            List<Invoice> bills = f.storage.invoices().findByCompanies(ids, null, 10_000);
            Set<Payment> payments = new HashSet<>(
                    f.storage.payments().findByInvoices(bills.stream().map(Invoice::id).toList()));
            return new Snapshot(companies, subs, audit, methods, openSetups, new HashSet<>(bills), payments,
                    f.storage.outbox().findUndelivered(10_000).size(), f.events.events().size(),
                    f.environments.provisionedCount(), f.environments.erased().size(), f.payments.calls().size());
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder("tree[");
            for (int i = 0; i < size(); i++) {
                out.append(i == 0 ? "" : ", ").append('c').append(i)
                        .append(parents.get(i) < 0 ? " root" : "<-c" + parents.get(i))
                        .append(partners.get(i) ? " partner" : "");
            }
            return out.append(']').toString();
        }
    }
}
