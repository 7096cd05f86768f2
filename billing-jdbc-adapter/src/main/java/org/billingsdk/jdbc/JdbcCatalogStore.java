package org.billingsdk.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.money.Monetary;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.EntityKind;
import org.billingsdk.core.catalog.BillingInterval;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.catalog.Product;
import org.billingsdk.core.catalog.ProductCode;
import org.billingsdk.core.port.CatalogStore;
import org.javamoney.moneta.Money;

/** Products and plans in {@code billing_product} and {@code billing_plan}; shared by every tenant. */
final class JdbcCatalogStore implements CatalogStore {

    private final Db db;
    private final String byCode;

    JdbcCatalogStore(Db db) {
        this.db = db;
        this.byCode = db.dialect() == Dialect.POSTGRESQL ? " COLLATE \"C\"" : "";
    }

    @Override
    public void insertProduct(Product product) {
        if (!db.insertUnlessDuplicate("catalog.insertProduct",
                "INSERT INTO billing_product (code, name, description) VALUES (?, ?, ?)", s -> {
                    s.setString(1, product.code().value());
                    s.setString(2, product.name());
                    s.setString(3, product.description());
                })) {
            throw new DuplicateKeyException(EntityKind.PRODUCT, product.code());
        }
    }

    @Override
    public Optional<Product> findProduct(ProductCode code) {
        return db.queryOne("catalog.findProduct", "SELECT code, name, description FROM billing_product WHERE code = ?",
                s -> s.setString(1, code.value()), JdbcCatalogStore::product);
    }

    @Override
    public List<Product> findAllProducts() {
        return db.query("catalog.findAllProducts",
                "SELECT code, name, description FROM billing_product ORDER BY code" + byCode, s -> { },
                JdbcCatalogStore::product);
    }

    @Override
    public void insertPlan(Plan plan) {
        if (!db.insertUnlessDuplicate("catalog.insertPlan", "INSERT INTO billing_plan (id, product_code, price_amount, "
                + "price_currency, billing_interval, trial_days, contract_months, min_quantity, max_quantity) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", s -> {
                    s.setString(1, plan.id().value());
                    s.setString(2, plan.productCode().value());
                    s.setBigDecimal(3, JdbcInvoiceStore.decimal(plan.price()));
                    s.setString(4, plan.price().getCurrency().getCurrencyCode());
                    s.setString(5, plan.interval().name());
                    s.setInt(6, plan.trialDays());
                    s.setInt(7, plan.contractMonths());
                    s.setInt(8, plan.minQuantity());
                    s.setInt(9, plan.maxQuantity());
                })) {
            throw new DuplicateKeyException(EntityKind.PLAN, plan.id());
        }
    }

    @Override
    public Optional<Plan> findPlan(PlanId id) {
        return db.queryOne("catalog.findPlan", "SELECT * FROM billing_plan WHERE id = ?", s -> s.setString(1, id.value()),
                JdbcCatalogStore::plan);
    }

    @Override
    public List<Plan> findPlans(ProductCode productCode) {
        return db.query("catalog.findPlans",
                "SELECT * FROM billing_plan WHERE product_code = ? ORDER BY id" + byCode,
                s -> s.setString(1, productCode.value()), JdbcCatalogStore::plan);
    }

    private static Product product(ResultSet row) throws SQLException {
        return new Product(ProductCode.of(row.getString("code")), row.getString("name"), row.getString("description"));
    }

    private static Plan plan(ResultSet row) throws SQLException {
        Money price = JdbcInvoiceStore.money(row.getBigDecimal("price_amount"),
                Monetary.getCurrency(row.getString("price_currency")));
        return new Plan(PlanId.of(row.getString("id")), ProductCode.of(row.getString("product_code")), price,
                BillingInterval.valueOf(row.getString("billing_interval")), row.getInt("trial_days"),
                row.getInt("contract_months"), row.getInt("min_quantity"), row.getInt("max_quantity"));
    }
}
