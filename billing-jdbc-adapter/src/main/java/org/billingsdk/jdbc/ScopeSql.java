package org.billingsdk.jdbc;

import static org.billingsdk.jdbc.Db.setUuid;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import org.billingsdk.core.port.CompanyScope;

/**
 * How a query keeps to a scope's companies ({@link CompanyScope}) on a table with a company column
 * and the tenant column {@code root_company_id}, so that a page costs its rows rather than the tree:
 * <ul>
 *   <li>{@link Kind#COMPANY}, the company alone: its company column;
 *   <li>{@link Kind#TENANT}, a tenant's root with its descendants: the tenant column, the whole
 *       tenant, through the table's index that leads with it;
 *   <li>{@link Kind#SUBTREE}, any other company with its descendants: the tenant column and the ids
 *       of a walk down the tree from the company ({@link JdbcCompanyStore#subtree}), which reads
 *       about the subtree.
 * </ul>
 * The walk is a common table expression, {@link #with()}, which the statement puts first; its
 * parameter is bound first ({@link #bindWith}), then the condition's ({@link #bindWhere}).
 */
final class ScopeSql {

    /** The shapes a scope takes. */
    enum Kind { COMPANY, TENANT, SUBTREE }

    /** The name the walk's rows go by in the statement. */
    static final String TREE = "scope_tree";

    private final Kind kind;
    private final Dialect dialect;
    private final UUID company;
    private final UUID tenant;
    private final String tenantColumn;
    private final String companyColumn;

    private ScopeSql(Kind kind, Dialect dialect, UUID company, UUID tenant, String tenantColumn,
            String companyColumn) {
        this.kind = kind;
        this.dialect = dialect;
        this.company = company;
        this.tenant = tenant;
        this.tenantColumn = tenantColumn;
        this.companyColumn = companyColumn;
    }

    /**
     * The scope's shape, with its condition on the given columns.
     *
     * @param dialect the database's
     * @param tenants where the company's tenant is known or read
     * @param scope the scope
     * @param tenantColumn the tenant column, qualified as the statement needs ({@code c.root_company_id})
     * @param companyColumn the company column ({@code c.id} on the company table, {@code company_id} elsewhere)
     */
    static ScopeSql of(Dialect dialect, Tenants tenants, CompanyScope scope, String tenantColumn,
            String companyColumn) {
        UUID company = scope.companyId().value();
        UUID tenant = scope.withDescendants() ? tenants.rootOf(company) : null;
        // The company alone, or one that does not exist (then its column finds nothing).
        Kind kind = tenant == null ? Kind.COMPANY : tenant.equals(company) ? Kind.TENANT : Kind.SUBTREE;
        return new ScopeSql(kind, dialect, company, tenant, tenantColumn, companyColumn);
    }

    /** {@return the scope's shape} */
    Kind kind() {
        return kind;
    }

    /**
     * The walk down the subtree, with the ids of its companies, or nothing for another shape.
     *
     * @return the common table expression the statement starts with, ending in a space, or nothing
     */
    String with() {
        return kind == Kind.SUBTREE ? JdbcCompanyStore.subtree(dialect, TREE, "id") + " " : "";
    }

    /** {@return the condition, for a {@code WHERE} clause} */
    String where() {
        return switch (kind) {
            case COMPANY -> companyColumn + " = ?";
            case TENANT -> tenantColumn + " = ?";
            case SUBTREE -> tenantColumn + " = ? AND " + companyColumn + " IN (SELECT id FROM " + TREE + ")";
        };
    }

    /**
     * Binds the walk's parameter (if any) and the condition's, from {@code index} on: for a
     * statement with no parameter between the two.
     *
     * @return the index of the next parameter
     */
    int bind(PreparedStatement statement, int index) throws SQLException {
        return bindWhere(statement, bindWith(statement, index));
    }

    /**
     * Binds the walk's parameter, the company's id, if there is a walk, at {@code index}.
     *
     * @return the index of the next parameter
     */
    int bindWith(PreparedStatement statement, int index) throws SQLException {
        if (kind == Kind.SUBTREE) {
            setUuid(statement, index, company);
            return index + 1;
        }
        return index;
    }

    /**
     * Binds the condition's parameter at {@code index}.
     *
     * @return the index of the next parameter
     */
    int bindWhere(PreparedStatement statement, int index) throws SQLException {
        setUuid(statement, index, kind == Kind.COMPANY ? company : tenant);
        return index + 1;
    }
}
