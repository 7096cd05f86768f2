package org.billingsdk.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.billingsdk.core.ConcurrentUpdateException;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.EntityKind;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.company.Address;
import org.billingsdk.core.company.BillingDay;
import org.billingsdk.core.company.BillingDetails;
import org.billingsdk.core.company.BillingMode;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.company.EmailAddress;
import org.billingsdk.core.company.VatCheck;
import org.billingsdk.core.port.CompanyStore;
import static org.billingsdk.jdbc.Db.getInstant;
import static org.billingsdk.jdbc.Db.getReference;
import static org.billingsdk.jdbc.Db.setInstant;
import static org.billingsdk.jdbc.Db.setString;
import static org.billingsdk.jdbc.Db.setUuid;


/**
 * Companies in {@code billing_company}; a tenant root's subtree is read by its tenant column, any
 * other company's with one recursive query.
 */
final class JdbcCompanyStore implements CompanyStore {

    private static final String COLUMNS = "id, root_company_id, parent_id, name, main_email, billing_mode, "
            + "billing_email, vat_number, billing_line1, billing_line2, billing_postal_code, billing_city, "
            + "billing_region, billing_country, shipping_line1, shipping_line2, shipping_postal_code, shipping_city, "
            + "shipping_region, shipping_country, created_at, version, payer_id, billing_day, vat_check_status, "
            + "vat_checked_at, vat_consultation, vat_registered_name, vat_registered_address, vat_check_failure, "
            + "vat_checked_number";

    /** Deeper than any real hierarchy; stops a walk over corrupt data that loops. */
    private static final int MAX_DEPTH = 1000;

    /** A tenant root's whole tenant, through the tenant's index; nothing for a company with a parent. */
    static final String TENANT_OF_ROOT = "SELECT " + COLUMNS + " FROM billing_company WHERE root_company_id = ("
            + "SELECT id FROM billing_company WHERE id = ? AND parent_id IS NULL)";

    /**
     * A company's subtree walked down from it, on PostgreSQL. The walk carries the rows it reads (a
     * join of the tree back to the table afterwards read the table a second time), and each step
     * reads one company's children through the parent index: a lateral subquery, kept from being
     * flattened into a join by {@code OFFSET 0}, since PostgreSQL cannot know how few rows a level
     * has and would otherwise hash the whole table at each level ({@code CompanyTreePlanTest}).
     */
    static final String SUBTREE_WALK = walkDown("tree t CROSS JOIN LATERAL (SELECT " + COLUMNS
            + " FROM billing_company WHERE parent_id = t.id OFFSET 0) c");

    /** The same walk on H2, which has no lateral subqueries and looks the children up by the index itself. */
    private static final String SUBTREE_WALK_H2 = walkDown("billing_company c JOIN tree t ON c.parent_id = t.id");

    /** Whether the second company is on the first's way up to its root: the walk up stops at the root. */
    static final String LINEAGE_HOLDS = "WITH RECURSIVE up (id, parent_id, depth) AS ("
            + " SELECT id, parent_id, 0 FROM billing_company WHERE id = ?"
            + " UNION ALL SELECT c.id, c.parent_id, u.depth + 1 FROM billing_company c"
            + " JOIN up u ON c.id = u.parent_id WHERE u.depth < " + MAX_DEPTH + ")"
            + " SELECT 1 FROM up WHERE id = ?";

    private final Db db;
    private final Tenants tenants;

    JdbcCompanyStore(Db db, Tenants tenants) {
        this.db = db;
        this.tenants = tenants;
    }

    @Override
    public Optional<Company> findById(CompanyId id) {
        return db.queryOne("companies.findById", "SELECT " + COLUMNS + " FROM billing_company WHERE id = ?",
                s -> setUuid(s, 1, id.value()), this::company);
    }

    @Override
    public List<Company> findAllById(Collection<CompanyId> ids) {
        return db.queryIn("companies.findAllById", "SELECT " + COLUMNS + " FROM billing_company WHERE", "id",
                ids.stream().map(CompanyId::value).toList(), this::company);
    }

    @Override
    public Company insert(Company company) {
        Company stored = company.withVersion(1);
        boolean inserted = db.insertUnlessDuplicate("companies.insert",
                "INSERT INTO billing_company (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                        + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                s -> {
                    setUuid(s, 1, stored.id().value());
                    setUuid(s, 2, stored.rootId().value());
                    bindFields(s, 3, stored);
                    setInstant(s, 21, stored.createdAt());
                    s.setLong(22, 1);
                    setUuid(s, 23, stored.payerId() == null ? null : stored.payerId().value());
                    setBillingDay(s, 24, stored.billingDay());
                    bindVatCheck(s, 25, stored.vatCheck());
                });
        if (!inserted) {
            throw new DuplicateKeyException(EntityKind.COMPANY, company.id());
        }
        return stored;
    }

    @Override
    public Company update(Company company) {
        int rows = db.update("companies.update", "UPDATE billing_company SET parent_id = ?, name = ?, main_email = ?, "
                + "billing_mode = ?, billing_email = ?, vat_number = ?, billing_line1 = ?, billing_line2 = ?, "
                + "billing_postal_code = ?, billing_city = ?, billing_region = ?, billing_country = ?, "
                + "shipping_line1 = ?, shipping_line2 = ?, shipping_postal_code = ?, shipping_city = ?, "
                + "shipping_region = ?, shipping_country = ?, payer_id = ?, billing_day = ?, vat_check_status = ?, "
                + "vat_checked_at = ?, vat_consultation = ?, vat_registered_name = ?, vat_registered_address = ?, "
                + "vat_check_failure = ?, vat_checked_number = ?, version = version + 1"
                + " WHERE id = ? AND version = ?",
                s -> {
                    bindFields(s, 1, company);
                    setUuid(s, 19, company.payerId() == null ? null : company.payerId().value());
                    setBillingDay(s, 20, company.billingDay());
                    bindVatCheck(s, 21, company.vatCheck());
                    setUuid(s, 28, company.id().value());
                    s.setLong(29, company.version());
                });
        if (rows == 0) {
            if (findById(company.id()).isEmpty()) {
                throw new NotFoundException(EntityKind.COMPANY, company.id());
            }
            throw new ConcurrentUpdateException(EntityKind.COMPANY, company.id(), company.version());
        }
        return company.withVersion(company.version() + 1);
    }

    @Override
    public List<Company> findChildren(CompanyId parentId) {
        return db.query("companies.findChildren", "SELECT " + COLUMNS + " FROM billing_company WHERE parent_id = ?",
                s -> setUuid(s, 1, parentId.value()), this::company);
    }

    /**
     * A tenant root's tenant, or the tree walked by {@code WITH RECURSIVE}, unsorted: the company
     * is moved to the front here, which costs less than the database's sort of the whole rows.
     */
    @Override
    public List<Company> findSubtree(CompanyId rootId) {
        // A company without a parent is the root of its tenant: its subtree is every company of the
        // tenant, read through the tenant's index (a root never moves, and a company moves only
        // within its tree). Any other company's subtree is walked down from it.
        List<Company> subtree = db.query("companies.findSubtree", TENANT_OF_ROOT,
                s -> setUuid(s, 1, rootId.value()), this::company);
        if (subtree.isEmpty()) {
            subtree = db.query("companies.findSubtree",
                    db.dialect() == Dialect.POSTGRESQL ? SUBTREE_WALK : SUBTREE_WALK_H2,
                    s -> setUuid(s, 1, rootId.value()), this::company);
        }
        for (int i = 0; i < subtree.size(); i++) {
            if (subtree.get(i).id().equals(rootId)) {
                Collections.swap(subtree, 0, i);
                break;
            }
        }
        return subtree;
    }

    @Override
    public boolean isSameOrDescendant(CompanyId ancestor, CompanyId candidate) {
        return db.queryOne("companies.isSameOrDescendant", LINEAGE_HOLDS,
                s -> {
                    setUuid(s, 1, candidate.value());
                    setUuid(s, 2, ancestor.value());
                }, row -> Boolean.TRUE).isPresent();
    }

    /** The companies' rows are walked by their primary key, the filter checked on each row. */
    @Override
    public List<Company> findUnconfirmedVatNumbers(CompanyId after, int limit) {
        return db.query("companies.findUnconfirmedVatNumbers", "SELECT " + COLUMNS + " FROM billing_company"
                + " WHERE vat_number IS NOT NULL AND (vat_check_status IS NULL OR vat_check_status = 'UNAVAILABLE')"
                + (after == null ? "" : " AND id > ?") + " ORDER BY id LIMIT ?",
                s -> {
                    int index = 1;
                    if (after != null) {
                        setUuid(s, index++, after.value());
                    }
                    s.setInt(index, limit);
                }, this::company);
    }

    /**
     * A company's subtree walked down from it as {@link #SUBTREE_WALK} walks (on H2, as its join
     * does), carrying {@code columns} of each company: a common table expression named {@code name}
     * with the columns and {@code depth}, the company's id its one parameter, for a statement that
     * keeps its rows to the subtree.
     */
    static String subtree(Dialect dialect, String name, String columns) {
        String children = dialect == Dialect.POSTGRESQL
                ? name + " t CROSS JOIN LATERAL (SELECT " + columns + " FROM billing_company"
                        + " WHERE parent_id = t.id OFFSET 0) c"
                : "billing_company c JOIN " + name + " t ON c.parent_id = t.id";
        return "WITH RECURSIVE " + name + " (" + columns + ", depth) AS (SELECT " + columns + ", 0 FROM billing_company"
                + " WHERE id = ? UNION ALL SELECT " + prefixed("c", columns) + ", t.depth + 1 FROM " + children
                + " WHERE t.depth < " + MAX_DEPTH + ")";
    }

    /**
     * The walk down from the company {@code ?}, each step reading the children {@code c} of the
     * companies {@code t} reached so far from {@code children} (a FROM clause).
     */
    private static String walkDown(String children) {
        return "WITH RECURSIVE tree (" + COLUMNS + ", depth) AS ("
                + " SELECT " + COLUMNS + ", 0 FROM billing_company WHERE id = ?"
                + " UNION ALL SELECT " + prefixed("c") + ", t.depth + 1 FROM " + children
                + " WHERE t.depth < " + MAX_DEPTH + ")"
                + " SELECT " + COLUMNS + " FROM tree";
    }

    private static String prefixed(String alias) {
        return prefixed(alias, COLUMNS);
    }

    private static String prefixed(String alias, String columns) {
        return alias + "." + columns.replace(", ", ", " + alias + ".");
    }

    /** Binds parent_id up to shipping_country (18 values) from {@code index} on. */
    private static void bindFields(PreparedStatement s, int index, Company company) throws SQLException {
        setUuid(s, index, company.parentId() == null ? null : company.parentId().value());
        s.setString(index + 1, company.name());
        s.setString(index + 2, company.mainEmail().value());
        s.setString(index + 3, company.billingMode().name());
        BillingDetails details = company.billingDetails();
        setString(s, index + 4, details == null ? null : details.billingEmail());
        setString(s, index + 5, details == null ? null : details.vatNumber());
        bindAddress(s, index + 6, details == null ? null : details.billingAddress());
        bindAddress(s, index + 12, details == null ? null : details.shippingAddress());
    }

    /** Binds vat_check_status up to vat_checked_number (7 values) from {@code index} on. */
    private static void bindVatCheck(PreparedStatement s, int index, VatCheck check) throws SQLException {
        setString(s, index, check == null ? null : check.status().name());
        setInstant(s, index + 1, check == null ? null : check.checkedAt());
        setString(s, index + 2, check == null ? null : check.consultationNumber());
        setString(s, index + 3, check == null ? null : check.registeredName());
        setString(s, index + 4, check == null ? null : check.registeredAddress());
        setString(s, index + 5, check == null ? null : check.failure());
        setString(s, index + 6, check == null ? null : check.number().value());
    }

    private static void bindAddress(PreparedStatement s, int index, Address address) throws SQLException {
        setString(s, index, address == null ? null : address.line1());
        setString(s, index + 1, address == null ? null : address.line2());
        setString(s, index + 2, address == null ? null : address.postalCode());
        setString(s, index + 3, address == null ? null : address.city());
        setString(s, index + 4, address == null ? null : address.region());
        setString(s, index + 5, address == null ? null : address.country());
    }

    /** Reads a company, and remembers its tenant for the rows written of it later. */
    private Company company(ResultSet row) throws SQLException {
        Company company = read(row);
        tenants.remember(company.id(), company.rootId());
        return company;
    }

    /** Reads a row selected with {@link #COLUMNS}, in that order (by index: reading by name is slower). */
    private static Company read(ResultSet row) throws SQLException {
        UUID parent = row.getObject(3, UUID.class);
        UUID payer = row.getObject(23, UUID.class);
        int day = row.getInt(24);
        BillingDay billingDay = row.wasNull() ? null : BillingDay.of(day);
        Address billing = address(row, 9);
        BillingDetails details = billing == null ? null : new BillingDetails(row.getString(7), row.getString(8),
                billing, address(row, 15));
        String status = row.getString(25);
        String checked = row.getString(31);
        // A check of another number than the company's (changed outside the SDK) is no evidence for it.
        VatCheck check = status == null || details == null || !checked.equals(details.vatNumber()) ? null
                : new VatCheck(details.vat().orElseThrow(), Db.constant(VAT_CHECK_STATUSES, status),
                        getInstant(row, 26), row.getString(27), row.getString(28), row.getString(29),
                        row.getString(30));
        return new Company(new CompanyId(row.getObject(1, UUID.class)), row.getString(4),
                parent == null ? null : new CompanyId(parent), new CompanyId(row.getObject(2, UUID.class)),
                getReference(row, 5, "main_email", EmailAddress::of), details,
                Db.constant(BILLING_MODES, row.getString(6)), payer == null ? null : new CompanyId(payer),
                billingDay, check, getInstant(row, 21), row.getLong(22));
    }

    private static void setBillingDay(PreparedStatement statement, int index, BillingDay day) throws SQLException {
        if (day == null) {
            statement.setNull(index, Types.SMALLINT);
        } else {
            statement.setShort(index, (short) day.dayOfMonth());
        }
    }

    /** The address in the six columns from {@code first} on (line1 to country), or null without a country. */
    private static Address address(ResultSet row, int first) throws SQLException {
        String country = row.getString(first + 5);
        if (country == null) {
            return null;
        }
        return new Address(row.getString(first), row.getString(first + 1), row.getString(first + 2),
                row.getString(first + 3), row.getString(first + 4), country);
    }

    private static final BillingMode[] BILLING_MODES = BillingMode.values();
    private static final VatCheck.Status[] VAT_CHECK_STATUSES = VatCheck.Status.values();
}
