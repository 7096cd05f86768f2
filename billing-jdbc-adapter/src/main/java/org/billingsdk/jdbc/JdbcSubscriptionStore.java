package org.billingsdk.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.billingsdk.core.ConcurrentUpdateException;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.EntityKind;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.port.CompanyScope;
import org.billingsdk.core.port.SubscriptionStore;
import org.billingsdk.core.subscription.EnvironmentId;
import org.billingsdk.core.subscription.ErasureStatus;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.ScheduledChange;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.subscription.SubscriptionState;
import org.billingsdk.core.subscription.SubscriptionSummary;
import static org.billingsdk.jdbc.Db.getInstant;
import static org.billingsdk.jdbc.Db.placeholders;
import static org.billingsdk.jdbc.Db.setInstant;
import static org.billingsdk.jdbc.Db.setUuid;


/**
 * Subscriptions in {@code billing_subscription}. Each row keeps {@code next_due_at}, the
 * subscription's {@link Subscription#nextDueAt()}, so that the billing run finds what is due
 * through an index.
 */
final class JdbcSubscriptionStore implements SubscriptionStore {

    /** The columns written by {@link #insert}. */
    private static final String COLUMNS = "id, company_id, plan_id, state, environment_id, started_at, billing_anchor, "
            + "trial_end, contract_end, paid_through, cancel_at, cancelled_at, erasure, erased_at, previous_id, "
            + "successor_id, next_due_at, version, quantity, change_plan_id, change_quantity, change_at";

    /**
     * The columns read back, in the order {@link #subscription} reads them: every component of the
     * aggregate; not {@code next_due_at}, which is derived from them.
     */
    private static final String SELECTED = "id, company_id, plan_id, state, environment_id, started_at, "
            + "billing_anchor, trial_end, contract_end, paid_through, cancel_at, cancelled_at, erasure, erased_at, "
            + "previous_id, successor_id, version, quantity, change_plan_id, change_quantity, change_at";

    private final Db db;
    private final Tenants tenants;

    JdbcSubscriptionStore(Db db, Tenants tenants) {
        this.db = db;
        this.tenants = tenants;
    }

    @Override
    public Optional<Subscription> findById(SubscriptionId id) {
        return db.queryOne("subscriptions.findById", "SELECT " + SELECTED + " FROM billing_subscription WHERE id = ?",
                s -> setUuid(s, 1, id.value()), JdbcSubscriptionStore::subscription);
    }

    @Override
    public Subscription insert(Subscription subscription) {
        Subscription stored = subscription.withVersion(1);
        boolean inserted = db.insertUnlessDuplicate("subscriptions.insert",
                "INSERT INTO billing_subscription (" + COLUMNS + ", root_company_id) VALUES (" + placeholders(22)
                        + ", (SELECT root_company_id FROM billing_company WHERE id = ?))",
                s -> {
                    setUuid(s, 1, stored.id().value());
                    setUuid(s, 2, stored.companyId().value());
                    s.setString(3, stored.planId().value());
                    bindState(s, 4, stored);
                    s.setLong(18, 1);
                    s.setInt(19, stored.quantity());
                    bindChange(s, 20, stored.scheduledChange());
                    setUuid(s, 23, stored.companyId().value());
                });
        if (!inserted) {
            throw new DuplicateKeyException(EntityKind.SUBSCRIPTION, subscription.id());
        }
        return stored;
    }

    private static final String UPDATE = "UPDATE billing_subscription SET state = ?, environment_id = ?, "
            + "started_at = ?, billing_anchor = ?, trial_end = ?, contract_end = ?, paid_through = ?, cancel_at = ?, "
            + "cancelled_at = ?, erasure = ?, erased_at = ?, previous_id = ?, successor_id = ?, next_due_at = ?, "
            + "quantity = ?, plan_id = ?, change_plan_id = ?, change_quantity = ?, change_at = ?, "
            + "version = version + 1 WHERE id = ? AND version = ? AND company_id = ?";

    @Override
    public Subscription update(Subscription subscription) {
        if (db.update("subscriptions.update", UPDATE, s -> bindUpdate(s, subscription)) == 0) {
            throw refusedUpdate(subscription);
        }
        return subscription.withVersion(subscription.version() + 1);
    }

    /** Updates the subscriptions as one batch; a stale one fails the batch as {@link #update} would fail. */
    @Override
    public List<Subscription> updateAll(List<Subscription> subscriptions) {
        db.updateEach("subscriptions.updateAll", UPDATE, subscriptions, JdbcSubscriptionStore::bindUpdate, this::refusedUpdate);
        return subscriptions.stream().map(subscription -> subscription.withVersion(subscription.version() + 1))
                .toList();
    }

    private static void bindUpdate(PreparedStatement s, Subscription subscription) throws SQLException {
        bindState(s, 1, subscription);
        s.setInt(15, subscription.quantity());
        s.setString(16, subscription.planId().value());
        bindChange(s, 17, subscription.scheduledChange());
        setUuid(s, 20, subscription.id().value());
        s.setLong(21, subscription.version());
        setUuid(s, 22, subscription.companyId().value());
    }

    /** Binds a scheduled change (or none) to three parameters from {@code first}: plan, quantity, date. */
    private static void bindChange(PreparedStatement s, int first, ScheduledChange change) throws SQLException {
        if (change == null) {
            s.setNull(first, Types.VARCHAR);
            s.setNull(first + 1, Types.INTEGER);
            setInstant(s, first + 2, null);
        } else {
            s.setString(first, change.planId().value());
            s.setInt(first + 1, change.quantity());
            setInstant(s, first + 2, change.effectiveOn());
        }
    }

    /** Reads the scheduled change bound by {@link #bindChange} from the columns at {@code first}. */
    private static ScheduledChange change(ResultSet row, int first) throws SQLException {
        String plan = row.getString(first);
        return plan == null ? null : new ScheduledChange(planId(plan), row.getInt(first + 1),
                getInstant(row, first + 2));
    }

    /** Why an update changed no row: the subscription is missing, moved company, or was changed meanwhile. */
    private RuntimeException refusedUpdate(Subscription subscription) {
        Optional<Subscription> current = findById(subscription.id());
        if (current.isEmpty()) {
            return new NotFoundException(EntityKind.SUBSCRIPTION, subscription.id());
        }
        if (!current.get().companyId().equals(subscription.companyId())) {
            return new IllegalArgumentException("a subscription never changes company");
        }
        return new ConcurrentUpdateException(EntityKind.SUBSCRIPTION, subscription.id(), subscription.version());
    }

    @Override
    public List<Subscription> findAllById(Collection<SubscriptionId> ids) {
        return db.queryIn("subscriptions.findAllById", "SELECT " + SELECTED + " FROM billing_subscription WHERE", "id",
                ids.stream().map(SubscriptionId::value).toList(), JdbcSubscriptionStore::subscription);
    }

    @Override
    public List<Subscription> findByCompanies(Collection<CompanyId> companyIds) {
        if (companyIds.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = companyIds.stream().map(CompanyId::value).distinct().toList();
        // Sorted here rather than by the database: its sort of the whole rows cost more than this one.
        List<Subscription> found = db.query("subscriptions.findByCompanies", "SELECT " + SELECTED
                + " FROM billing_subscription WHERE " + db.oneOf("company_id", ids.size()),
                s -> db.bindOneOf(s, 1, ids), JdbcSubscriptionStore::subscription);
        found.sort(BY_START);
        return found;
    }

    /** The columns {@link #findSummaries} reads, in the order {@link #summary} reads them. */
    private static final String SUMMARY = "id, company_id, plan_id, state, environment_id, started_at, "
            + "billing_anchor, trial_end, contract_end, cancel_at, cancelled_at, erasure, quantity, change_plan_id, "
            + "change_quantity, change_at";

    /**
     * Only the columns a summary shows, unsorted (the caller orders them), and the cancelled ones
     * left out by the query unless asked for.
     */
    @Override
    public List<SubscriptionSummary> findSummaries(Collection<CompanyId> companyIds, boolean withCancelled) {
        if (companyIds.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = companyIds.stream().map(CompanyId::value).distinct().toList();
        return db.query("subscriptions.findSummaries", "SELECT " + SUMMARY + " FROM billing_subscription WHERE "
                + db.oneOf("company_id", ids.size()) + (withCancelled ? "" : " AND state <> ?"), s -> {
                    int next = db.bindOneOf(s, 1, ids);
                    if (!withCancelled) {
                        s.setString(next, SubscriptionState.CANCELLED.name());
                    }
                }, JdbcSubscriptionStore::summary);
    }

    /** Reads a row selected with {@link #SUMMARY}, in that order. */
    private static SubscriptionSummary summary(ResultSet row) throws SQLException {
        SubscriptionState state = Db.constant(STATES, row.getString(4));
        return new SubscriptionSummary(new SubscriptionId(row.getObject(1, UUID.class)),
                new CompanyId(row.getObject(2, UUID.class)), planId(row.getString(3)), row.getInt(13), state,
                EnvironmentId.of(row.getString(5)), getInstant(row, 6), getInstant(row, 7), getInstant(row, 8),
                getInstant(row, 9), state == SubscriptionState.CANCELLED ? null : getInstant(row, 10),
                change(row, 14), getInstant(row, 11), Db.constant(ERASURES, row.getString(12)));
    }

    /** {@link #SUMMARY}'s columns of the subscription table aliased {@code s}. */
    private static final String SUMMARY_OF_S = "s." + SUMMARY.replace(", ", ", s.");

    /** Whether a subscription is cancelled as of the first parameter ({@link SubscriptionSummary#stateAt}). */
    private static final String CANCELLED_AS_OF = "(s.state = 'CANCELLED' OR s.cancel_at <= ?)";

    /** Its state as of the two parameters (both the same instant), as {@link SubscriptionSummary#stateAt} gives it. */
    private static final String STATE_AS_OF = "CASE WHEN " + CANCELLED_AS_OF + " THEN 'CANCELLED'"
            + " WHEN s.state = 'TRIALING' AND s.trial_end <= ? THEN 'ACTIVE' ELSE s.state END";

    /**
     * Whether a cancellation or a change is still to come as of the two parameters (both the same
     * instant), as {@link SubscriptionSummary#hasScheduledAt} tells: a cancellation whose date has
     * come has taken effect, and so has a change.
     */
    private static final String SCHEDULED_AS_OF = "s.state <> 'CANCELLED'"
            + " AND (s.cancel_at > ? OR s.cancel_at IS NULL AND s.change_at > ?)";

    /**
     * One query for the page. On PostgreSQL a tenant's companies are walked in name order through
     * {@code billing_company_tenant_name} (V13), and a subtree inside a tenant is walked down from
     * its top with the companies' names; each company's subscriptions are read through
     * {@code billing_subscription_company_start} by a lateral subquery, which {@code OFFSET 0} keeps
     * from being flattened into a join that hashes the whole table; the page stops the walk once
     * full. What the listing selects is checked on each row. {@code ScopedReadPlanTest} checks the
     * plans. A read of more than {@value #PAGE_WALKED} rows (the SDK's {@code active} and {@code all},
     * which read the whole list) joins a tenant's companies and subscriptions through their tenant
     * indexes and sorts them instead: at 30,000 rows two thirds of the walk's time. H2 joins the
     * tables.
     */
    @Override
    public List<Listed> findListedBelow(CompanyScope scope, Listing listing, ListPosition after, int limit) {
        if (!scope.withDescendants() || limit <= 0) {
            return List.of();
        }
        ListedFrom from = listedFrom(scope, limit > PAGE_WALKED);
        List<String> states = listing.states().stream().map(Enum::name).sorted().toList();
        String sql = from.with() + "SELECT " + SUMMARY_OF_S + ", c.name, c.payer_id FROM " + from.tables()
                + " WHERE " + from.where() + "c.id <> ? AND c.billing_mode = 'DIRECT'" + selection(listing)
                + " AND " + STATE_AS_OF + " IN (" + placeholders(states.size()) + ")"
                + (after == null ? ""
                        : " AND (c.name, c.id) >= (?, ?) AND (c.id <> ? OR (s.started_at, s.id) > (?, ?))")
                + " ORDER BY c.name, c.id, s.started_at, s.id LIMIT ?";
        return db.query("subscriptions.findListedBelow", sql, s -> {
            int i = from.scope().bindWith(s, 1);
            i = from.bindWhere(s, i);
            setUuid(s, i++, scope.companyId().value());
            i = bindSelection(s, i, listing);
            setInstant(s, i++, listing.now());
            setInstant(s, i++, listing.now());
            for (String state : states) {
                s.setString(i++, state);
            }
            if (after != null) {
                s.setString(i++, after.companyName());
                setUuid(s, i++, after.companyId().value());
                setUuid(s, i++, after.companyId().value());
                setInstant(s, i++, after.startedAt());
                setUuid(s, i++, after.subscriptionId().value());
            }
            s.setInt(i, limit);
        }, row -> {
            UUID payer = row.getObject(18, UUID.class);
            SubscriptionSummary summary = summary(row);
            return new Listed(summary, row.getString(17), payer == null ? summary.companyId() : new CompanyId(payer));
        });
    }

    /**
     * One aggregate query over the scope's subscriptions: each one's state as of the listing's time
     * worked out in the query, counted by it. On PostgreSQL a tenant's subscriptions are read
     * through their own tenant index ({@code billing_subscription_tenant}, V13) and joined to its
     * companies, rather than looked up company by company; other scopes are read as
     * {@link #findListedBelow} reads them.
     */
    @Override
    public Map<SubscriptionState, Long> countListed(CompanyScope scope, Listing listing) {
        ListedFrom from = listedFrom(scope, true);
        String sql = from.with() + "SELECT seen, COUNT(*) FROM (SELECT " + STATE_AS_OF + " AS seen FROM "
                + from.tables() + " WHERE " + from.where() + "c.billing_mode = 'DIRECT'" + selection(listing)
                + ") listed GROUP BY seen";
        Map<SubscriptionState, Long> counts = new EnumMap<>(SubscriptionState.class);
        db.query("subscriptions.countListed", sql, s -> {
            // The state's two parameters come between the walk's and the condition's, as in the text.
            int i = from.scope().bindWith(s, 1);
            setInstant(s, i++, listing.now());
            setInstant(s, i++, listing.now());
            bindSelection(s, from.bindWhere(s, i), listing);
        }, row -> counts.put(Db.constant(STATES, row.getString(1)), row.getLong(2)));
        return counts;
    }

    /**
     * Where a listing's rows come from: the walk to start with (or nothing), the tables ({@code c},
     * the companies; {@code s}, their subscriptions) and the scope's condition (ending in
     * {@code AND}, or nothing when the walk keeps to the scope).
     */
    private record ListedFrom(ScopeSql scope, String with, String tables, String where, int conditions) {

        /** Binds the condition's parameters (the scope's, once for each time it is named); answers the next index. */
        int bindWhere(PreparedStatement statement, int index) throws SQLException {
            int next = index;
            for (int i = 0; i < conditions; i++) {
                next = scope.bindWhere(statement, next);
            }
            return next;
        }
    }

    /** The most rows {@link #findListedBelow} reads by walking the indexes in order; more are joined and sorted. */
    private static final int PAGE_WALKED = 1_000;

    /** The companies of the scope and their subscriptions, joined. */
    private static final String JOINED = "billing_company c JOIN billing_subscription s ON s.company_id = c.id";

    /**
     * The rows of the scope's companies ({@code c}), each with its subscriptions ({@code s}), for a
     * page of {@link #findListedBelow} or, {@code whole}, for {@link #countListed} and a read of the
     * whole list.
     */
    private ListedFrom listedFrom(CompanyScope scope, boolean whole) {
        ScopeSql covered = ScopeSql.of(db.dialect(), tenants, scope, "c.root_company_id", "c.id");
        if (db.dialect() != Dialect.POSTGRESQL) {
            return new ListedFrom(covered, covered.with(), JOINED, covered.where() + " AND ", 1);
        }
        if (whole && covered.kind() == ScopeSql.Kind.TENANT) {
            return new ListedFrom(covered, "", JOINED, covered.where() + " AND s.root_company_id = ? AND ", 2);
        }
        String subscriptions = " CROSS JOIN LATERAL (SELECT " + SUMMARY
                + " FROM billing_subscription WHERE company_id = c.id OFFSET 0) s";
        if (covered.kind() == ScopeSql.Kind.SUBTREE) {
            return new ListedFrom(covered, JdbcCompanyStore.subtree(db.dialect(), ScopeSql.TREE,
                    "id, name, payer_id, billing_mode") + " ", ScopeSql.TREE + " c" + subscriptions, "", 0);
        }
        return new ListedFrom(covered, "", "billing_company c" + subscriptions, covered.where() + " AND ", 1);
    }

    /** The listing's plans, schedule and name text, for a query over {@code s} and {@code c}; not its states. */
    private String selection(Listing listing) {
        return (listing.plans() == null ? "" : " AND " + (listing.plans().isEmpty() ? "1 = 0"
                : db.oneOf("s.plan_id", listing.plans().size())))
                + (listing.scheduledOnly() ? " AND " + SCHEDULED_AS_OF : "")
                + (listing.nameContains() == null ? "" : " AND LOWER(c.name) LIKE LOWER(?) ESCAPE '!'");
    }

    /** Binds {@link #selection}'s parameters from {@code index} on; answers the next index. */
    private int bindSelection(PreparedStatement s, int index, Listing listing) throws SQLException {
        int i = index;
        if (listing.plans() != null && !listing.plans().isEmpty()) {
            i = db.bindOneOf(s, i, listing.plans().stream().map(PlanId::value).sorted().toList());
        }
        if (listing.scheduledOnly()) {
            setInstant(s, i++, listing.now());
            setInstant(s, i++, listing.now());
        }
        if (listing.nameContains() != null) {
            s.setString(i++, "%" + listing.nameContains().replace("!", "!!").replace("%", "!%").replace("_", "!_")
                    + "%");
        }
        return i;
    }

    /** The order of {@link #findByCompanies}: by start, then by id as the database orders uuids. */
    private static final Comparator<Subscription> BY_START = (a, b) -> {
        int started = a.startedAt().compareTo(b.startedAt());
        return started != 0 ? started : a.id().compareTo(b.id());
    };

    @Override
    public List<Subscription> findDue(Instant now, SubscriptionId after, int limit) {
        return page("subscriptions.findDue", "next_due_at <= ?", s -> setInstant(s, 1, now), after, limit, "");
    }

    /**
     * The next due subscriptions, locked until the caller's transaction (the billing run's page)
     * ends, with {@code FOR UPDATE SKIP LOCKED} on PostgreSQL: another node's claim skips them
     * meanwhile and takes the next ones, and a customer's change to one waits for the page. On H2
     * (the embedded, single-node database) the claim takes no lock: there, a {@code FOR UPDATE}
     * would make every other transaction reading the table wait for the page, and the workers of
     * one node already take pages of their own.
     */
    @Override
    public List<Subscription> claimDue(Instant now, SubscriptionId after, int limit) {
        return page("subscriptions.claimDue", "next_due_at <= ?", s -> setInstant(s, 1, now), after, limit,
                db.dialect() == Dialect.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "");
    }

    @Override
    public List<Subscription> findAwaitingErasure(SubscriptionId after, int limit) {
        return page("subscriptions.findAwaitingErasure", "erasure = ?",
                s -> s.setString(1, ErasureStatus.PENDING.name()), after, limit, "");
    }

    /**
     * A page of the subscriptions meeting {@code condition} (whose one parameter {@code binder}
     * binds), ordered by id after {@code after}, read with {@code lock} (a locking clause, or "").
     */
    private List<Subscription> page(String operation, String condition, Db.Binder binder, SubscriptionId after,
            int limit, String lock) {
        String sql = "SELECT " + SELECTED + " FROM billing_subscription WHERE " + condition
                + (after == null ? "" : " AND id > ?") + " ORDER BY id LIMIT ?" + lock;
        return db.query(operation, sql, s -> {
            binder.bind(s);
            int next = 2;
            if (after != null) {
                setUuid(s, next++, after.value());
            }
            s.setInt(next, limit);
        }, JdbcSubscriptionStore::subscription);
    }

    /** Binds state up to next_due_at (14 values) from {@code index} on. */
    private static void bindState(PreparedStatement s, int index, Subscription subscription) throws SQLException {
        s.setString(index, subscription.state().name());
        s.setString(index + 1, subscription.environmentId().value());
        setInstant(s, index + 2, subscription.startedAt());
        setInstant(s, index + 3, subscription.billingAnchor());
        setInstant(s, index + 4, subscription.trialEnd());
        setInstant(s, index + 5, subscription.contractEnd());
        setInstant(s, index + 6, subscription.invoicedThrough());
        setInstant(s, index + 7, subscription.cancelAt());
        setInstant(s, index + 8, subscription.cancelledAt());
        s.setString(index + 9, subscription.erasure().name());
        setInstant(s, index + 10, subscription.erasedAt());
        setUuid(s, index + 11, subscription.previousId() == null ? null : subscription.previousId().value());
        setUuid(s, index + 12, subscription.successorId() == null ? null : subscription.successorId().value());
        setInstant(s, index + 13, subscription.nextDueAt().orElse(null));
    }

    /** Reads a row selected with {@link #SELECTED}, in that order (by index: reading by name is slower). */
    private static Subscription subscription(ResultSet row) throws SQLException {
        return new Subscription(new SubscriptionId(row.getObject(1, UUID.class)),
                new CompanyId(row.getObject(2, UUID.class)), planId(row.getString(3)), row.getInt(18),
                Db.constant(STATES, row.getString(4)), EnvironmentId.of(row.getString(5)),
                getInstant(row, 6), getInstant(row, 7), getInstant(row, 8), getInstant(row, 9), getInstant(row, 10),
                getInstant(row, 11), change(row, 19), getInstant(row, 12), Db.constant(ERASURES, row.getString(13)),
                getInstant(row, 14), optionalId(row, 15), optionalId(row, 16), row.getLong(17));
    }

    /** Plan ids read so far: a catalog has few plans, and a page of subscriptions repeats them. */
    private static final Map<String, PlanId> PLAN_IDS = new ConcurrentHashMap<>();

    private static PlanId planId(String value) {
        PlanId known = PLAN_IDS.get(value);
        if (known != null) {
            return known;
        }
        PlanId parsed = PlanId.of(value);
        if (PLAN_IDS.size() < 10_000) {
            PLAN_IDS.put(value, parsed);
        }
        return parsed;
    }

    private static final SubscriptionState[] STATES = SubscriptionState.values();
    private static final ErasureStatus[] ERASURES = ErasureStatus.values();

    private static SubscriptionId optionalId(ResultSet row, int column) throws SQLException {
        UUID value = row.getObject(column, UUID.class);
        return value == null ? null : new SubscriptionId(value);
    }

}
