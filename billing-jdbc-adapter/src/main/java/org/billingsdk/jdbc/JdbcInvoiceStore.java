package org.billingsdk.jdbc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import org.billingsdk.core.ConcurrentUpdateException;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.EntityKind;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.StorageException;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.catalog.ProductCode;
import org.billingsdk.core.company.Address;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.company.CountryCode;
import org.billingsdk.core.company.EmailAddress;
import org.billingsdk.core.company.VatNumber;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.invoice.InvoiceLine;
import org.billingsdk.core.invoice.InvoiceNumber;
import org.billingsdk.core.invoice.InvoiceState;
import org.billingsdk.core.invoice.Party;
import org.billingsdk.core.port.CompanyScope;
import org.billingsdk.core.port.InvoiceStore;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.tax.TaxLine;
import org.billingsdk.core.tax.VatTreatment;
import org.javamoney.moneta.Money;
import static org.billingsdk.jdbc.Db.getInstant;
import static org.billingsdk.jdbc.Db.getReference;
import static org.billingsdk.jdbc.Db.getUuid;
import static org.billingsdk.jdbc.Db.placeholders;
import static org.billingsdk.jdbc.Db.setInstant;
import static org.billingsdk.jdbc.Db.setReference;
import static org.billingsdk.jdbc.Db.setString;
import static org.billingsdk.jdbc.Db.setUuid;


/** Invoices in {@code billing_invoice} and their lines in {@code billing_invoice_line}. */
final class JdbcInvoiceStore implements InvoiceStore {

    private static final String COLUMNS = "id, company_id, series, sequence_number, state, "
            + "seller_name, seller_email, seller_vat_number, seller_line1, seller_line2, seller_postal_code, "
            + "seller_city, seller_region, seller_country, "
            + "buyer_name, buyer_email, buyer_vat_number, buyer_line1, buyer_line2, buyer_postal_code, "
            + "buyer_city, buyer_region, buyer_country, "
            + "currency, subtotal, tax_amount, total, credit_applied, amount_due, "
            + "issued_at, due_at, closed_at, payment_attempts, next_payment_at, version";

    /** The decimals the schema keeps of an amount ({@code NUMERIC(30, 10)}) and a VAT rate ({@code NUMERIC(10, 4)}). */
    private static final int AMOUNT_SCALE = 10;
    static final int RATE_SCALE = 4;

    private final Db db;
    private final Tenants tenants;

    JdbcInvoiceStore(Db db, Tenants tenants) {
        this.db = db;
        this.tenants = tenants;
    }

    /** An invoice row read before its lines. */
    private record Header(InvoiceId id, CurrencyUnit currency, Function<List<InvoiceLine>, Invoice> withLines) {
    }

    @Override
    public Invoice insert(Invoice invoice) {
        requireStorable(invoice);
        Invoice stored = invoice.withVersion(1);
        db.run("invoices.insert", connection -> {
            UUID root = tenants.rootOf(stored.companyId().value());
            Savepoint savepoint = connection.setSavepoint();
            try {
                insertRow(connection, stored, root);
            } catch (SQLException e) {
                throw refused(connection, savepoint, e, () -> findById(stored.id()).isPresent()
                        ? new DuplicateKeyException(EntityKind.INVOICE, stored.id())
                        : new DuplicateKeyException(EntityKind.INVOICE_NUMBER, stored.number()));
            }
            try {
                insertLines(connection, stored, root);
            } catch (SQLException e) {
                throw refused(connection, savepoint, e, () -> periodBilledTwice(stored));
            }
            connection.releaseSavepoint(savepoint);
            return stored;
        });
        return stored;
    }

    /** Inserts the invoices and then their lines, each as one batch, under a savepoint: all or none. */
    @Override
    public List<Invoice> insertAll(List<Invoice> invoices) {
        invoices.forEach(JdbcInvoiceStore::requireStorable);
        List<Invoice> stored = invoices.stream().map(invoice -> invoice.withVersion(1)).toList();
        if (stored.isEmpty()) {
            return stored;
        }
        List<Map.Entry<Invoice, Integer>> lines = new ArrayList<>();
        for (Invoice invoice : stored) {
            for (int number = 0; number < invoice.lines().size(); number++) {
                lines.add(Map.entry(invoice, number));
            }
        }
        return db.underSavepoint("invoices.insertAll", connection -> {
            Map<UUID, UUID> roots = tenants.rootsOf(stored.stream().map(invoice -> invoice.companyId().value())
                    .toList());
            Db.insertRows(connection, INSERT_INTO, ROW, stored,
                    (s, first, invoice) -> bindRow(s, first, invoice, roots.get(invoice.companyId().value())));
            Db.insertRows(connection, INSERT_LINE_INTO, LINE_ROW, lines, (s, first, line) -> bindLine(s, first,
                    line.getKey(), line.getValue(), roots.get(line.getKey().companyId().value())));
            return stored;
        }, () -> duplicateIn(stored));
    }

    /** The exception naming a key of {@code invoices} that is taken: an id, a billed period, or else a number. */
    private DuplicateKeyException duplicateIn(List<Invoice> invoices) {
        Set<InvoiceId> ids = new HashSet<>();
        for (Invoice invoice : invoices) {
            if (!ids.add(invoice.id()) || findById(invoice.id()).isPresent()) {
                return new DuplicateKeyException(EntityKind.INVOICE, invoice.id());
            }
        }
        Set<List<Object>> periods = new HashSet<>();
        for (Invoice invoice : invoices) {
            for (InvoiceLine line : invoice.lines()) {
                if (line.kind() == InvoiceLine.Kind.PERIOD && (!periods.add(List.of(line.subscriptionId(),
                        line.periodStart())) || existsForPeriod(line.subscriptionId(), line.periodStart()))) {
                    return new DuplicateKeyException(EntityKind.INVOICE_LINE, "of subscription "
                            + line.subscriptionId() + " for the period starting " + line.periodStart());
                }
            }
        }
        return new DuplicateKeyException(EntityKind.INVOICE_NUMBER,
                "of one of " + invoices.stream().map(Invoice::number).toList());
    }

    private static final String UPDATE = "UPDATE billing_invoice SET state = ?, amount_due = ?, closed_at = ?, "
            + "payment_attempts = ?, next_payment_at = ?, version = version + 1 WHERE id = ? AND version = ?";

    @Override
    public Invoice update(Invoice invoice) {
        if (db.update("invoices.update", UPDATE, s -> bindUpdate(s, invoice)) == 0) {
            throw refusedUpdate(invoice);
        }
        return invoice.withVersion(invoice.version() + 1);
    }

    @Override
    public List<Invoice> updateAll(List<Invoice> invoices) {
        db.updateEach("invoices.updateAll", UPDATE, invoices, JdbcInvoiceStore::bindUpdate, this::refusedUpdate);
        return invoices.stream().map(invoice -> invoice.withVersion(invoice.version() + 1)).toList();
    }

    private static void bindUpdate(PreparedStatement s, Invoice invoice) throws SQLException {
        s.setString(1, invoice.state().name());
        s.setBigDecimal(2, decimal(invoice.amountDue()));
        setInstant(s, 3, invoice.closedAt());
        s.setInt(4, invoice.paymentAttempts());
        setInstant(s, 5, invoice.nextPaymentAt());
        setUuid(s, 6, invoice.id().value());
        s.setLong(7, invoice.version());
    }

    private RuntimeException refusedUpdate(Invoice invoice) {
        return findById(invoice.id()).isEmpty()
                ? new NotFoundException(EntityKind.INVOICE, invoice.id())
                : new ConcurrentUpdateException(EntityKind.INVOICE, invoice.id(), invoice.version());
    }

    @Override
    public List<Invoice> findAllById(Collection<InvoiceId> ids) {
        List<Invoice> found = new ArrayList<>(ids.size());
        List<InvoiceId> distinct = ids.stream().distinct().toList();
        for (int from = 0; from < distinct.size(); from += Db.MAX_IN_LIST) {
            List<InvoiceId> chunk = distinct.subList(from, Math.min(distinct.size(), from + Db.MAX_IN_LIST));
            found.addAll(find("invoices.findAllById", "WHERE " + db.oneOf("id", chunk.size()),
                    s -> db.bindOneOf(s, 1, chunk.stream().map(InvoiceId::value).toList())));
        }
        return found;
    }

    @Override
    public Optional<Invoice> findById(InvoiceId id) {
        return find("invoices.findById", "WHERE id = ?", s -> setUuid(s, 1, id.value())).stream().findFirst();
    }

    @Override
    public List<Invoice> findByCompanies(Collection<CompanyId> companyIds, Cursor after, int limit) {
        List<CompanyId> companies = companyIds.stream().distinct().toList();
        if (companies.isEmpty() || limit == 0) {
            return List.of();
        }
        Db.Clause page = db.newestFirst(companies.stream().map(CompanyId::value).toList(),
                after == null ? null : after.issuedAt(), after == null ? 0 : after.sequence(),
                after == null ? null : after.id().value(), limit);
        return find("invoices.findByCompanies", page.sql(), page.binder());
    }

    /**
     * The page read from the scope, not a list of its companies: a tenant root's invoices through the
     * index on the tenant and the issue time (V13), another company's subtree from a walk down it
     * ({@link Db#newestFirstInScope}).
     */
    @Override
    public List<Invoice> findInScope(CompanyScope scope, Cursor after, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        ScopeSql covered = ScopeSql.of(db.dialect(), tenants, scope, "root_company_id", "company_id");
        Db.Clause page = db.newestFirstInScope(covered, "billing_invoice", COLUMNS,
                after == null ? null : after.issuedAt(), after == null ? 0 : after.sequence(),
                after == null ? null : after.id().value(), limit);
        return findSelected("invoices.findInScope", page.sql(), page.binder());
    }

    @Override
    public Optional<Invoice> findByBilledPeriod(SubscriptionId subscription, Instant periodStart) {
        return find("invoices.findByBilledPeriod",
                "WHERE id IN (SELECT invoice_id FROM billing_invoice_line"
                        + " WHERE subscription_id = ? AND billed_period_start = ?)",
                s -> {
                    setUuid(s, 1, subscription.value());
                    setInstant(s, 2, periodStart);
                }).stream().findFirst();
    }

    @Override
    public List<Invoice> findBySubscriptionPeriodEnd(SubscriptionId subscription, Instant periodEnd) {
        List<Invoice> found = new ArrayList<>(find("invoices.findBySubscriptionPeriodEnd",
                "WHERE id IN (SELECT invoice_id FROM billing_invoice_line"
                        + " WHERE subscription_id = ? AND period_end = ?)",
                s -> {
                    setUuid(s, 1, subscription.value());
                    setInstant(s, 2, periodEnd);
                }));
        found.sort(ISSUE_ORDER);
        return found;
    }

    @Override
    public List<Invoice> findOpenBySubscription(SubscriptionId subscription) {
        return find("invoices.findOpenBySubscription",
                "WHERE state = ? AND id IN (SELECT invoice_id FROM billing_invoice_line WHERE subscription_id = ?)",
                s -> {
                    s.setString(1, InvoiceState.OPEN.name());
                    setUuid(s, 2, subscription.value());
                });
    }

    /** One query per {@link Db#MAX_IN_LIST} subscriptions; an invoice that bills several of them once. */
    @Override
    public List<Invoice> findOpenBySubscriptions(Collection<SubscriptionId> subscriptions) {
        Map<InvoiceId, Invoice> found = new LinkedHashMap<>();
        List<UUID> distinct = subscriptions.stream().map(SubscriptionId::value).distinct().toList();
        for (int from = 0; from < distinct.size(); from += Db.MAX_IN_LIST) {
            List<UUID> chunk = distinct.subList(from, Math.min(distinct.size(), from + Db.MAX_IN_LIST));
            find("invoices.findOpenBySubscriptions", "WHERE state = ? AND id IN (SELECT invoice_id FROM "
                    + "billing_invoice_line WHERE " + db.oneOf("subscription_id", chunk.size()) + ")", s -> {
                        s.setString(1, InvoiceState.OPEN.name());
                        db.bindOneOf(s, 2, chunk);
                    }).forEach(invoice -> found.putIfAbsent(invoice.id(), invoice));
        }
        return List.copyOf(found.values());
    }

    /** Whether an invoice already bills {@code subscription} for the period starting at {@code periodStart}. */
    private boolean existsForPeriod(SubscriptionId subscription, Instant periodStart) {
        return db.queryOne("invoices.existsForPeriod",
                "SELECT 1 FROM billing_invoice_line WHERE subscription_id = ? AND billed_period_start = ?",
                s -> {
                    setUuid(s, 1, subscription.value());
                    setInstant(s, 2, periodStart);
                }, row -> Boolean.TRUE).isPresent();
    }

    @Override
    public List<Invoice> findPaymentDue(Instant now, InvoiceId after, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        String where = "WHERE state = ? AND next_payment_at <= ?" + (after == null ? "" : " AND id > ?")
                + " ORDER BY id LIMIT ?";
        return find("invoices.findPaymentDue", where, s -> {
            int i = 0;
            s.setString(++i, InvoiceState.OPEN.name());
            setInstant(s, ++i, now);
            if (after != null) {
                setUuid(s, ++i, after.value());
            }
            s.setInt(++i, limit);
        });
    }

    /** The invoices {@code where} selects, in its order, with their lines read in one more query. */
    private List<Invoice> find(String operation, String where, Db.Binder binder) {
        return findSelected(operation, "SELECT " + COLUMNS + " FROM billing_invoice " + where, binder);
    }

    /** The same, {@code select} the whole statement that reads the headers' {@link #COLUMNS}. */
    private List<Invoice> findSelected(String operation, String select, Db.Binder binder) {
        List<Header> headers = db.query(operation, select, binder,
                JdbcInvoiceStore::header);
        if (headers.isEmpty()) {
            return List.of();
        }
        Map<InvoiceId, List<InvoiceLine>> lines = linesOf(operation, headers);
        return headers.stream().map(header -> header.withLines().apply(lines.get(header.id()))).toList();
    }

    /**
     * The lines of the invoices, by invoice, in their order; amounts in the currency of their
     * invoice. Sorted here rather than by the query, so that the database looks the invoices up by
     * key instead of walking the whole index in order.
     */
    private Map<InvoiceId, List<InvoiceLine>> linesOf(String operation, List<Header> invoices) {
        Map<InvoiceId, CurrencyUnit> currencies = new HashMap<>();
        invoices.forEach(header -> currencies.put(header.id(), header.currency()));
        record Numbered(InvoiceId invoice, int number, InvoiceLine line) {
        }
        return db.query(operation, "SELECT invoice_id, line_number, product_code, description, subscription_id, "
                        + "plan_id, period_start, period_end, quantity, unit_price, amount, tax_treatment, "
                        + "tax_country, tax_rate, tax_amount, tax_note, kind, company_id, company_name "
                        + "FROM billing_invoice_line "
                        + "WHERE " + db.oneOf("invoice_id", invoices.size()),
                s -> db.bindOneOf(s, 1, invoices.stream().map(header -> header.id().value()).toList()), row -> {
                    InvoiceId invoice = new InvoiceId(getUuid(row, "invoice_id"));
                    CurrencyUnit currency = currencies.get(invoice);
                    UUID company = getUuid(row, "company_id");
                    return new Numbered(invoice, row.getInt("line_number"), new InvoiceLine(
                            ProductCode.of(row.getString("product_code")), row.getString("description"),
                            new SubscriptionId(getUuid(row, "subscription_id")), PlanId.of(row.getString("plan_id")),
                            getInstant(row, "period_start"), getInstant(row, "period_end"), row.getInt("quantity"),
                            money(row.getBigDecimal("unit_price"), currency),
                            money(row.getBigDecimal("amount"), currency), tax(row, currency),
                            Db.constant(KINDS, row.getString("kind")),
                            company == null ? null : new CompanyId(company), row.getString("company_name")));
                })
                .stream()
                .sorted(Comparator.comparingInt(Numbered::number))
                .collect(Collectors.groupingBy(Numbered::invoice, Collectors.mapping(Numbered::line,
                        Collectors.toList())));
    }

    private static final String INSERT_INTO = "INSERT INTO billing_invoice (root_company_id, " + COLUMNS + ") VALUES";
    private static final String ROW = "(" + placeholders(36) + ")";

    private static final String INSERT_LINE_INTO = "INSERT INTO billing_invoice_line (invoice_id, line_number, "
            + "root_company_id, product_code, description, subscription_id, plan_id, period_start, period_end, "
            + "quantity, unit_price, amount, tax_treatment, tax_country, tax_rate, tax_amount, tax_note, kind, "
            + "billed_period_start, company_id, company_name) VALUES";
    private static final String LINE_ROW = "(" + placeholders(21) + ")";

    /** The kinds of line, by the name their rows keep. */
    private static final InvoiceLine.Kind[] KINDS = InvoiceLine.Kind.values();

    private static void insertRow(Connection connection, Invoice invoice, UUID root) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(INSERT_INTO + " " + ROW)) {
            bindRow(s, 1, invoice, root);
            s.executeUpdate();
        }
    }

    /** Binds the invoice's row, of tenant {@code root}, from parameter {@code first} on. */
    private static void bindRow(PreparedStatement s, int first, Invoice invoice, UUID root) throws SQLException {
        int i = first - 1;
        setUuid(s, ++i, root);
        setUuid(s, ++i, invoice.id().value());
        setUuid(s, ++i, invoice.companyId().value());
        s.setString(++i, invoice.number().series());
        s.setLong(++i, invoice.number().sequence());
        s.setString(++i, invoice.state().name());
        i = bindParty(s, i, invoice.seller());
        i = bindParty(s, i, invoice.buyer());
        s.setString(++i, invoice.total().getCurrency().getCurrencyCode());
        s.setBigDecimal(++i, decimal(invoice.subtotal()));
        s.setBigDecimal(++i, decimal(invoice.taxTotal()));
        s.setBigDecimal(++i, decimal(invoice.total()));
        s.setBigDecimal(++i, decimal(invoice.creditApplied()));
        s.setBigDecimal(++i, decimal(invoice.amountDue()));
        setInstant(s, ++i, invoice.issuedAt());
        setInstant(s, ++i, invoice.dueAt());
        setInstant(s, ++i, invoice.closedAt());
        s.setInt(++i, invoice.paymentAttempts());
        setInstant(s, ++i, invoice.nextPaymentAt());
        s.setLong(++i, invoice.version());
    }

    private static void insertLines(Connection connection, Invoice invoice, UUID root) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(INSERT_LINE_INTO + " " + LINE_ROW)) {
            for (int number = 0; number < invoice.lines().size(); number++) {
                bindLine(s, 1, invoice, number, root);
                s.executeUpdate();
            }
        }
    }

    /** Binds line {@code number} of the invoice, of tenant {@code root}, from parameter {@code first} on. */
    private static void bindLine(PreparedStatement s, int first, Invoice invoice, int number, UUID root)
            throws SQLException {
        InvoiceLine line = invoice.lines().get(number);
        setUuid(s, first, invoice.id().value());
        s.setInt(first + 1, number);
        setUuid(s, first + 2, root);
        s.setString(first + 3, line.productCode().value());
        s.setString(first + 4, line.description());
        setUuid(s, first + 5, line.subscriptionId().value());
        s.setString(first + 6, line.planId().value());
        setInstant(s, first + 7, line.periodStart());
        setInstant(s, first + 8, line.periodEnd());
        s.setInt(first + 9, line.quantity());
        s.setBigDecimal(first + 10, decimal(line.unitPrice()));
        s.setBigDecimal(first + 11, decimal(line.amount()));
        TaxLine tax = line.tax();
        s.setString(first + 12, tax.treatment().name());
        setString(s, first + 13, tax.country() == null ? null : tax.country().value());
        s.setBigDecimal(first + 14, fitting(tax.ratePercent(), RATE_SCALE, "a VAT rate"));
        s.setBigDecimal(first + 15, decimal(tax.amount()));
        s.setString(first + 16, tax.note());
        s.setString(first + 17, line.kind().name());
        // Keyed only for a period's line: no period is billed twice, and changes prorate within one.
        setInstant(s, first + 18, line.kind() == InvoiceLine.Kind.PERIOD ? line.periodStart() : null);
        setUuid(s, first + 19, line.companyId() == null ? null : line.companyId().value());
        setString(s, first + 20, line.companyName());
    }

    /**
     * A line's VAT as its row keeps it (an invoice's or a credit note's), in {@code currency}; a
     * treatment or country the types refuse is an {@link SQLException} naming its column.
     */
    static TaxLine tax(ResultSet row, CurrencyUnit currency) throws SQLException {
        return new TaxLine(getReference(row, "tax_treatment", VatTreatment::valueOf),
                getReference(row, "tax_country", CountryCode::of), row.getBigDecimal("tax_rate").stripTrailingZeros(),
                money(row.getBigDecimal("tax_amount"), currency), row.getString("tax_note"));
    }

    /** Binds a party's name, email, VAT number and address (9 values) after {@code index}; answers the last index. */
    static int bindParty(PreparedStatement s, int index, Party party) throws SQLException {
        Address address = party.address();
        s.setString(index + 1, party.name());
        setReference(s, index + 2, party.email(), EmailAddress::value);
        setReference(s, index + 3, party.vatNumber(), VatNumber::value);
        setString(s, index + 4, address == null ? null : address.line1());
        setString(s, index + 5, address == null ? null : address.line2());
        setString(s, index + 6, address == null ? null : address.postalCode());
        setString(s, index + 7, address == null ? null : address.city());
        setString(s, index + 8, address == null ? null : address.region());
        setString(s, index + 9, address == null ? null : address.country());
        return index + 9;
    }

    /** Refuses, before anything is written, an invoice the schema cannot keep as it is. */
    private static void requireStorable(Invoice invoice) {
        if (invoice.state() == InvoiceState.DRAFT) {
            throw new StorageException("invoices.insert", "a draft is never stored; finalize it first", null);
        }
        for (InvoiceLine line : invoice.lines()) {
            if (!line.amount().getCurrency().equals(invoice.total().getCurrency())) {
                throw new StorageException("invoices.insert", "an invoice's lines are in its currency", null);
            }
            decimal(line.unitPrice());
            decimal(line.amount());
            decimal(line.tax().amount());
            fitting(line.tax().ratePercent(), RATE_SCALE, "a VAT rate");
        }
        decimal(invoice.subtotal());
        decimal(invoice.taxTotal());
        decimal(invoice.total());
        decimal(invoice.creditApplied());
        decimal(invoice.amountDue());
    }

    /**
     * Rolls the insert back to {@code savepoint} when a unique constraint refused it, so that the
     * caller's transaction goes on, and answers the exception naming the key taken.
     */
    private static DuplicateKeyException refused(Connection connection, Savepoint savepoint, SQLException e,
            Supplier<DuplicateKeyException> duplicate) throws SQLException {
        if (!Db.isUniqueViolation(e)) {
            throw e;
        }
        connection.rollback(savepoint);
        return duplicate.get();
    }

    /** The exception naming the first line of {@code invoice} whose period is billed already, by it or another. */
    private DuplicateKeyException periodBilledTwice(Invoice invoice) {
        Set<List<Object>> seen = new HashSet<>();
        for (InvoiceLine line : invoice.lines()) {
            if (line.kind() == InvoiceLine.Kind.PERIOD && (!seen.add(List.of(line.subscriptionId(), line.periodStart()))
                    || existsForPeriod(line.subscriptionId(), line.periodStart()))) {
                return new DuplicateKeyException(EntityKind.INVOICE_LINE, "of subscription "
                        + line.subscriptionId() + " for the period starting " + line.periodStart());
            }
        }
        return new DuplicateKeyException(EntityKind.INVOICE_LINE, "of invoice " + invoice.id());
    }

    private static Header header(ResultSet row) throws SQLException {
        InvoiceId id = new InvoiceId(getUuid(row, "id"));
        CompanyId company = new CompanyId(getUuid(row, "company_id"));
        InvoiceNumber number = new InvoiceNumber(row.getString("series"), row.getLong("sequence_number"));
        InvoiceState state = InvoiceState.valueOf(row.getString("state"));
        Party seller = party(row, "seller_");
        Party buyer = party(row, "buyer_");
        CurrencyUnit currency = Monetary.getCurrency(row.getString("currency"));
        MonetaryAmount subtotal = money(row.getBigDecimal("subtotal"), currency);
        MonetaryAmount taxTotal = money(row.getBigDecimal("tax_amount"), currency);
        MonetaryAmount total = money(row.getBigDecimal("total"), currency);
        MonetaryAmount creditApplied = money(row.getBigDecimal("credit_applied"), currency);
        MonetaryAmount amountDue = money(row.getBigDecimal("amount_due"), currency);
        Instant issuedAt = getInstant(row, "issued_at");
        Instant dueAt = getInstant(row, "due_at");
        Instant closedAt = getInstant(row, "closed_at");
        int attempts = row.getInt("payment_attempts");
        Instant nextPaymentAt = getInstant(row, "next_payment_at");
        long version = row.getLong("version");
        return new Header(id, currency, lines -> new Invoice(id, company, number, state, seller, buyer, lines,
                subtotal, taxTotal, total, creditApplied, amountDue, issuedAt, dueAt, closedAt, attempts, nextPaymentAt,
                version));
    }

    static Party party(ResultSet row, String prefix) throws SQLException {
        String line1 = row.getString(prefix + "line1");
        String city = row.getString(prefix + "city");
        String country = row.getString(prefix + "country");
        Address address = line1 == null && city == null && country == null ? null
                : new Address(line1, row.getString(prefix + "line2"), row.getString(prefix + "postal_code"), city,
                        row.getString(prefix + "region"), country);
        return new Party(row.getString(prefix + "name"), getReference(row, prefix + "email", EmailAddress::of),
                getReference(row, prefix + "vat_number", VatNumber::of), address);
    }

    /** An amount's exact value, as the schema's {@code NUMERIC} columns keep it. */
    static BigDecimal decimal(MonetaryAmount amount) {
        return decimal(amount, "invoices.insert");
    }

    /** {@link #decimal(MonetaryAmount)}, refused as a failure of {@code operation}. */
    static BigDecimal decimal(MonetaryAmount amount, String operation) {
        return fitting(amount.getNumber().numberValueExact(BigDecimal.class), AMOUNT_SCALE, "an amount", operation);
    }

    /** An amount read back: its exact value, with at least its currency's decimals ({@code EUR 49.00}). */
    static Money money(BigDecimal value, CurrencyUnit currency) {
        BigDecimal stripped = value.stripTrailingZeros();
        return Money.of(stripped.setScale(Math.max(stripped.scale(), currency.getDefaultFractionDigits())), currency);
    }

    /** {@code value}, refused rather than rounded when it has more decimals than its column keeps. */
    static BigDecimal fitting(BigDecimal value, int scale, String what) {
        return fitting(value, scale, what, "invoices.insert");
    }

    /** {@link #fitting(BigDecimal, int, String)}, refused as a failure of {@code operation}. */
    static BigDecimal fitting(BigDecimal value, int scale, String what, String operation) {
        if (value.stripTrailingZeros().scale() > scale) {
            throw new StorageException(operation, what + " is stored with at most " + scale + " decimals, was " + value,
                    null);
        }
        return value;
    }
}
