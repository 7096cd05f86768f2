package org.billingsdk.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.money.MonetaryAmount;
import javax.sql.DataSource;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.catalog.Product;
import org.billingsdk.core.company.Address;
import org.billingsdk.core.company.BillingDetails;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.contract.ContractData;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceLine;
import org.billingsdk.core.invoice.Party;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.tax.TaxLine;
import org.flywaydb.core.Flyway;

/**
 * Rows as the schema before V4 held them, written with plain SQL, for the migration tests: an
 * invoice with one VAT for the whole invoice and lines with only their amount.
 */
final class OldSchemaRows {

    private OldSchemaRows() {
    }

    /**
     * Writes {@code invoice} (finalized, of tenant {@code root}) as schemas V1 to V3 kept it: its
     * first line's VAT is the invoice's VAT, and its lines keep only their amounts.
     */
    static void insertInvoiceBeforeV4(Connection connection, UUID root, Invoice invoice) throws SQLException {
        TaxLine tax = invoice.lines().get(0).tax();
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO billing_invoice (id, root_company_id, "
                + "company_id, series, sequence_number, state, seller_name, seller_email, seller_vat_number, "
                + "seller_line1, seller_line2, seller_postal_code, seller_city, seller_region, seller_country, "
                + "buyer_name, buyer_email, buyer_vat_number, buyer_line1, buyer_line2, buyer_postal_code, buyer_city, "
                + "buyer_region, buyer_country, currency, subtotal, tax_treatment, tax_country, tax_rate, tax_amount, "
                + "tax_note, total, issued_at, due_at, closed_at, payment_attempts, next_payment_at, version) VALUES ("
                + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + "?, ?, ?, ?, ?)")) {
            int i = 0;
            s.setObject(++i, invoice.id().value());
            s.setObject(++i, root);
            s.setObject(++i, invoice.companyId().value());
            s.setString(++i, invoice.number().series());
            s.setLong(++i, invoice.number().sequence());
            s.setString(++i, invoice.state().name());
            i = party(s, i, invoice.seller());
            i = party(s, i, invoice.buyer());
            s.setString(++i, invoice.total().getCurrency().getCurrencyCode());
            s.setBigDecimal(++i, exact(invoice.subtotal()));
            s.setString(++i, tax.treatment().name());
            s.setString(++i, tax.country() == null ? null : tax.country().value());
            s.setBigDecimal(++i, tax.ratePercent());
            s.setBigDecimal(++i, exact(invoice.taxTotal()));
            s.setString(++i, tax.note());
            s.setBigDecimal(++i, exact(invoice.total()));
            Db.setInstant(s, ++i, invoice.issuedAt());
            Db.setInstant(s, ++i, invoice.dueAt());
            Db.setInstant(s, ++i, invoice.closedAt());
            s.setInt(++i, invoice.paymentAttempts());
            Db.setInstant(s, ++i, invoice.nextPaymentAt());
            s.setLong(++i, invoice.version());
            s.executeUpdate();
        }
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO billing_invoice_line (invoice_id, "
                + "line_number, root_company_id, product_code, description, subscription_id, plan_id, period_start, "
                + "period_end, amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int number = 0; number < invoice.lines().size(); number++) {
                InvoiceLine line = invoice.lines().get(number);
                s.setObject(1, invoice.id().value());
                s.setInt(2, number);
                s.setObject(3, root);
                s.setString(4, line.productCode().value());
                s.setString(5, line.description());
                s.setObject(6, line.subscriptionId().value());
                s.setString(7, line.planId().value());
                Db.setInstant(s, 8, line.periodStart());
                Db.setInstant(s, 9, line.periodEnd());
                s.setBigDecimal(10, exact(line.amount()));
                s.executeUpdate();
            }
        }
    }

    private static int party(PreparedStatement s, int index, Party party) throws SQLException {
        Address address = party.address();
        s.setString(index + 1, party.name());
        s.setString(index + 2, party.email() == null ? null : party.email().toString());
        s.setString(index + 3, party.vatNumber() == null ? null : party.vatNumber().toString());
        s.setString(index + 4, address == null ? null : address.line1());
        s.setString(index + 5, address == null ? null : address.line2());
        s.setString(index + 6, address == null ? null : address.postalCode());
        s.setString(index + 7, address == null ? null : address.city());
        s.setString(index + 8, address == null ? null : address.region());
        s.setString(index + 9, address == null ? null : address.country());
        return index + 9;
    }

    static BigDecimal exact(MonetaryAmount amount) {
        return amount.getNumber().numberValueExact(BigDecimal.class);
    }

    /**
     * A company stored as every schema before V9 keeps one (no payer), answered at version 1: the
     * adapter of today writes the payer's column, which an old schema lacks.
     */
    static Company insertCompanyBeforeV9(DataSource dataSource, Company company) throws SQLException {
        BillingDetails details = company.billingDetails();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement s = connection.prepareStatement("INSERT INTO billing_company (id, root_company_id, "
                        + "parent_id, name, main_email, billing_mode, billing_email, vat_number, billing_line1, "
                        + "billing_line2, billing_postal_code, billing_city, billing_region, billing_country, "
                        + "shipping_line1, shipping_line2, shipping_postal_code, shipping_city, shipping_region, "
                        + "shipping_country, created_at, version) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)")) {
            s.setObject(1, company.id().value());
            s.setObject(2, company.rootId().value());
            s.setObject(3, company.parentId() == null ? null : company.parentId().value());
            s.setString(4, company.name());
            s.setString(5, company.mainEmail().value());
            s.setString(6, company.billingMode().name());
            s.setString(7, details == null ? null : details.billingEmail());
            s.setString(8, details == null ? null : details.vatNumber());
            bindOldAddress(s, 9, details == null ? null : details.billingAddress());
            bindOldAddress(s, 15, details == null ? null : details.shippingAddress());
            s.setObject(21, OffsetDateTime.ofInstant(company.createdAt(), ZoneOffset.UTC));
            s.executeUpdate();
        }
        return company.withVersion(1);
    }

    private static void bindOldAddress(PreparedStatement s, int index, Address address) throws SQLException {
        s.setString(index, address == null ? null : address.line1());
        s.setString(index + 1, address == null ? null : address.line2());
        s.setString(index + 2, address == null ? null : address.postalCode());
        s.setString(index + 3, address == null ? null : address.city());
        s.setString(index + 4, address == null ? null : address.region());
        s.setString(index + 5, address == null ? null : address.country());
    }

    /** A new, empty database of its own, so that it can be migrated step by step. */
    static HikariDataSource newDatabase(String database) throws SQLException {
        String name = "billing_old_" + UUID.randomUUID().toString().replace("-", "");
        HikariConfig config = new HikariConfig();
        if (database.equals("postgres")) {
            try (Connection admin = TestDatabases.postgresServer().getPostgresDatabase().getConnection();
                    Statement create = admin.createStatement()) {
                create.execute("CREATE DATABASE " + name);
            }
            config.setJdbcUrl(TestDatabases.postgresServer().getJdbcUrl("postgres", name));
            config.setUsername("postgres");
            config.setPassword("postgres");
        } else {
            config.setJdbcUrl("jdbc:h2:mem:" + name + "");
            config.setUsername("sa");
        }
        config.setMaximumPoolSize(2);
        return new HikariDataSource(config);
    }

    /** Migrates {@code dataSource} up to and including schema {@code version}, no further. */
    static void migrateTo(DataSource dataSource, String version) {
        Flyway.configure().dataSource(dataSource).locations(JdbcStorage.MIGRATIONS).target(version)
                .load().migrate();
    }

    /**
     * A product and its plan (as {@code ContractData} makes them) stored in {@code storage} as the
     * schema before V7 keeps a plan (no quantities); answers the plan.
     */
    static Plan aStoredPlan(JdbcStorage storage, DataSource dataSource) throws SQLException {
        Product product = ContractData.aProduct();
        storage.catalog().insertProduct(product);
        Plan plan = ContractData.aPlan(product);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement s = connection.prepareStatement("INSERT INTO billing_plan (id, product_code, "
                        + "price_amount, price_currency, billing_interval, trial_days, contract_months) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, plan.id().value());
            s.setString(2, plan.productCode().value());
            s.setBigDecimal(3, exact(plan.price()));
            s.setString(4, plan.price().getCurrency().getCurrencyCode());
            s.setString(5, plan.interval().name());
            s.setInt(6, plan.trialDays());
            s.setInt(7, plan.contractMonths());
            s.executeUpdate();
        }
        return plan;
    }

    /** A new, live subscription stored as the schema before V7 keeps one (no quantity); answers it at version 1. */
    static Subscription insertSubscriptionBeforeV7(DataSource dataSource, UUID root, Subscription subscription)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement s = connection.prepareStatement("INSERT INTO billing_subscription (id, "
                        + "root_company_id, company_id, plan_id, state, environment_id, started_at, billing_anchor, "
                        + "trial_end, contract_end, erasure, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)")) {
            s.setObject(1, subscription.id().value());
            s.setObject(2, root);
            s.setObject(3, subscription.companyId().value());
            s.setString(4, subscription.planId().value());
            s.setString(5, subscription.state().name());
            s.setString(6, subscription.environmentId().value());
            s.setObject(7, OffsetDateTime.ofInstant(subscription.startedAt(), ZoneOffset.UTC));
            s.setObject(8, OffsetDateTime.ofInstant(subscription.billingAnchor(), ZoneOffset.UTC));
            s.setObject(9, subscription.trialEnd() == null ? null
                    : OffsetDateTime.ofInstant(subscription.trialEnd(), ZoneOffset.UTC));
            s.setObject(10, subscription.contractEnd() == null ? null
                    : OffsetDateTime.ofInstant(subscription.contractEnd(), ZoneOffset.UTC));
            s.setString(11, subscription.erasure().name());
            s.executeUpdate();
        }
        return subscription.withVersion(1);
    }
}
