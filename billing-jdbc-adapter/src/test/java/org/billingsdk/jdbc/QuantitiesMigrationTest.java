package org.billingsdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingsdk.core.contract.ContractData.NOW;
import static org.billingsdk.core.contract.ContractData.aCompany;
import static org.billingsdk.core.contract.ContractData.aSubscription;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.List;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.subscription.Subscription;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Migration V7 on a database holding rows the previous schema (V6) wrote: a plan then allowed any
 * quantity and a subscription was for one unit; afterwards they read back so, and everything else
 * as it was written.
 */
class QuantitiesMigrationTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgres", "h2"})
    void plansAndSubscriptionsWrittenBeforeQuantitiesReadBackForAnyQuantityAndOneUnit(String database)
            throws SQLException {
        try (HikariDataSource dataSource = OldSchemaRows.newDatabase(database)) {
            OldSchemaRows.migrateTo(dataSource, "6");
            JdbcStorage storage = JdbcStorage.forDataSource(dataSource);
            Company company = OldSchemaRows.insertCompanyBeforeV9(dataSource, aCompany("Acme"));
            Plan plan = OldSchemaRows.aStoredPlan(storage, dataSource);
            Subscription written = OldSchemaRows.insertSubscriptionBeforeV7(dataSource, company.rootId().value(),
                    aSubscription(company, plan, NOW));

            TestDatabases.migrate(dataSource);

            Plan read = storage.catalog().findPlan(plan.id()).orElseThrow();
            assertThat(read.minQuantity()).isEqualTo(1);
            assertThat(read.maxQuantity()).isZero();
            assertThat(read.allows(1_000_000)).isTrue();
            assertThat(read.price()).isEqualTo(plan.price());
            Subscription subscription = storage.subscriptions().findById(written.id()).orElseThrow();
            assertThat(subscription.quantity()).isEqualTo(1);
            assertThat(subscription).usingRecursiveComparison().isEqualTo(written);
            assertThat(storage.subscriptions().findSummaries(List.of(company.id()), true)).singleElement()
                    .satisfies(summary -> assertThat(summary.quantity()).isEqualTo(1));
        }
    }
}
