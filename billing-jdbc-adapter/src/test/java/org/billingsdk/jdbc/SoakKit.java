package org.billingsdk.jdbc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import javax.money.Monetary;
import javax.sql.DataSource;
import org.billingsdk.core.Billing;
import org.billingsdk.core.catalog.BillingInterval;
import org.billingsdk.core.catalog.NewPlan;
import org.billingsdk.core.catalog.NewProduct;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.BillingDetails;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.company.NewCompany;
import org.billingsdk.core.subscription.SubscriptionId;
import org.javamoney.moneta.Money;

/**
 * What the soaks share (this module's {@code SoakTest} and the examples' reliability suite): the
 * catalog they sell, the company trees they start from, the subscriptions' owners at the start of
 * a step, and a step's tasks started at one moment. Published in this module's test jar.
 */
public final class SoakKit {

    /** The plans {@link #addCatalog} adds: monthly, after a trial, under a contract, both. */
    public static final List<PlanId> PLANS = List.of(PlanId.of("edr-monthly"), PlanId.of("edr-trial"),
            PlanId.of("edr-contract"), PlanId.of("edr-trial-contract"));

    private SoakKit() {
    }

    /**
     * Adds the EDR product at 49.00 EUR a month, as {@link #PLANS}: plain, after a 14-day trial,
     * under a contract of {@code contractMonths}, and after a 30-day trial under a contract twice
     * as long.
     */
    public static void addCatalog(Billing billing, int contractMonths) {
        billing.catalog().addProduct(new NewProduct("edr", "Endpoint Detection & Response", "EDR"));
        Money price = Money.of(new BigDecimal("49.00"), Monetary.getCurrency("EUR"));
        billing.catalog().addPlan(NewPlan.of("edr-monthly", "edr", price, BillingInterval.MONTHLY));
        billing.catalog().addPlan(NewPlan.of("edr-trial", "edr", price, BillingInterval.MONTHLY).withTrialDays(14));
        billing.catalog().addPlan(NewPlan.of("edr-contract", "edr", price, BillingInterval.MONTHLY)
                .withContractMonths(contractMonths));
        billing.catalog().addPlan(NewPlan.of("edr-trial-contract", "edr", price, BillingInterval.MONTHLY)
                .withTrialDays(30).withContractMonths(2 * contractMonths));
    }

    /**
     * Registers companies "Customer 0" to "Customer {@code count - 1}" with {@code details.apply(n)}:
     * the first third at the roots of their trees, each other one the child of a company
     * registered before it, chosen with {@code random}.
     */
    public static List<Company> registerTrees(Billing billing, int count, Random random,
            IntFunction<BillingDetails> details) {
        List<Company> companies = new ArrayList<>(count);
        for (int c = 0; c < count; c++) {
            NewCompany input = NewCompany.of("Customer " + c, "it@c" + c + ".example")
                    .withBillingDetails(details.apply(c));
            if (c < count / 3) {
                companies.add(billing.accounts().register(input));
            } else {
                Company parent = companies.get(random.nextInt(companies.size()));
                companies.add(billing.accounts().registerChild(Actor.of(parent.id(), "seed"), parent.id(), input));
            }
        }
        return companies;
    }

    /** Each subscription's company, as the database holds them now. */
    public static Map<SubscriptionId, CompanyId> owners(DataSource db) {
        Map<SubscriptionId, CompanyId> owners = new HashMap<>();
        try (Connection connection = db.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT id, company_id FROM billing_subscription");
                ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                owners.put(SubscriptionId.of(row.getString(1)), CompanyId.of(row.getString(2)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the subscriptions' owners", e);
        }
        return owners;
    }

    /**
     * Starts every task at the same moment on {@code executor} (which needs a thread for each) and
     * waits until all are done, two minutes at most.
     *
     * @throws java.util.concurrent.ExecutionException if a task threw
     */
    public static void runTogether(ExecutorService executor, List<Callable<Void>> tasks) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Void>> running = new ArrayList<>(tasks.size());
        for (Callable<Void> task : tasks) {
            running.add(executor.submit(() -> {
                go.await();
                return task.call();
            }));
        }
        go.countDown();
        for (Future<Void> task : running) {
            task.get(2, TimeUnit.MINUTES);
        }
    }
}
