package org.billingsdk.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.catalog.ProductCode;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.port.ErasureOutcome;
import org.billingsdk.core.port.ProductEnvironments;
import org.billingsdk.core.subscription.EnvironmentId;
import org.billingsdk.core.subscription.SubscriptionId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract of a host's {@link ProductEnvironments}: provisioning names an environment, again
 * the same one for the same subscription (the SDK repeats calls after failures) and a distinct
 * one for every other subscription, also when called from several threads at once; erasing
 * answers {@link ErasureOutcome#ERASED} within {@link #erasureAttempts()} calls (a throw counts
 * as {@link ErasureOutcome#IN_PROGRESS}, as for the SDK) and answers it again when repeated.
 * Run it on an implementation with:
 *
 * <pre>{@code
 * class KubernetesEnvironmentsTest extends ProductEnvironmentsContract {
 *     protected ProductEnvironments environments() { return new KubernetesEnvironments(testCluster()); }
 * }
 * }</pre>
 */
public abstract class ProductEnvironmentsContract {

    private static final int THREADS = 8;
    private static final int PROVISIONS_PER_THREAD = 5;
    private static final long TIMEOUT_SECONDS = 60;

    /** The port under test: new for each test. */
    protected ProductEnvironments environments;

    /** A port to test; called once before each test. */
    protected abstract ProductEnvironments environments();

    /** Releases the port after its test; does nothing unless overridden. */
    protected void release(ProductEnvironments environments) {
    }

    /** The product the suite provisions environments of; {@code edr} unless overridden. */
    protected ProductCode product() {
        return ProductCode.of("edr");
    }

    /** How many calls an erasure may take before it must answer ERASED; 10 unless overridden. */
    protected int erasureAttempts() {
        return 10;
    }

    @BeforeEach
    public final void createEnvironments() {
        environments = environments();
        assertThat(environments).as("environments()").isNotNull();
    }

    @AfterEach
    public final void releaseEnvironments() {
        if (environments != null) {
            release(environments);
        }
    }

    @Test
    public void provisioningNamesAnEnvironment() {
        EnvironmentId environment = environments.provision(SubscriptionId.random(), CompanyId.random(), product());

        assertThat(environment).isNotNull();
    }

    @Test
    public void provisioningAgainForTheSameSubscriptionAnswersTheSameEnvironment() {
        SubscriptionId subscription = SubscriptionId.random();
        CompanyId company = CompanyId.random();

        EnvironmentId first = environments.provision(subscription, company, product());
        EnvironmentId again = environments.provision(subscription, company, product());

        assertThat(again).isEqualTo(first);
    }

    @Test
    public void differentSubscriptionsGetDifferentEnvironments() {
        CompanyId company = CompanyId.random();

        EnvironmentId first = environments.provision(SubscriptionId.random(), company, product());
        EnvironmentId second = environments.provision(SubscriptionId.random(), company, product());
        EnvironmentId ofAnotherCompany = environments.provision(SubscriptionId.random(), CompanyId.random(),
                product());

        assertThat(List.of(first, second, ofAnotherCompany)).doesNotHaveDuplicates();
    }

    @Test
    public void erasureEventuallyAnswersErased() {
        SubscriptionId subscription = SubscriptionId.random();
        EnvironmentId environment = environments.provision(subscription, CompanyId.random(), product());

        assertThat(eraseUntilErased(environment, subscription)).isEqualTo(ErasureOutcome.ERASED);
    }

    @Test
    public void erasingAnErasedEnvironmentAgainAnswersErased() {
        SubscriptionId subscription = SubscriptionId.random();
        EnvironmentId environment = environments.provision(subscription, CompanyId.random(), product());
        eraseUntilErased(environment, subscription);

        assertThat(environments.decommissionAndErase(environment, subscription)).isEqualTo(ErasureOutcome.ERASED);
        assertThat(environments.decommissionAndErase(environment, subscription)).isEqualTo(ErasureOutcome.ERASED);
    }

    @Test
    public void erasingOneEnvironmentLeavesTheOthersToBeErasedOnTheirOwn() {
        CompanyId company = CompanyId.random();
        SubscriptionId kept = SubscriptionId.random();
        SubscriptionId erased = SubscriptionId.random();
        EnvironmentId keptEnvironment = environments.provision(kept, company, product());
        EnvironmentId erasedEnvironment = environments.provision(erased, company, product());

        eraseUntilErased(erasedEnvironment, erased);

        assertThat(environments.provision(kept, company, product())).isEqualTo(keptEnvironment);
        assertThat(eraseUntilErased(keptEnvironment, kept)).isEqualTo(ErasureOutcome.ERASED);
    }

    /** A plan of the contract's product to ask about; override to name one your environments know. */
    protected PlanId plan() {
        return PlanId.of(product().value() + "-monthly");
    }

    @Test
    public void askingAboutAChangeAnswersAReasonOrNoneAndChangesNothing() {
        SubscriptionId subscription = SubscriptionId.random();
        CompanyId company = CompanyId.random();
        EnvironmentId environment = environments.provision(subscription, company, product());
        Instant at = Instant.parse("2026-03-01T00:00:00Z");

        Optional<String> first = environments.refusalToChange(environment, subscription, plan(), 5, at);
        Optional<String> again = environments.refusalToChange(environment, subscription, plan(), 5, at);

        assertThat(first).as("the answer (empty when it can change)").isNotNull();
        assertThat(again).as("asking again answers the same").isEqualTo(first);
        first.ifPresent(reason -> assertThat(reason).as("a refusal's reason").isNotBlank());
        assertThat(environments.provision(subscription, company, product())).as("asking changes nothing")
                .isEqualTo(environment);
        assertThat(eraseUntilErased(environment, subscription)).isEqualTo(ErasureOutcome.ERASED);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    public void concurrentProvisioningGivesEverySubscriptionItsOwnEnvironment() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(THREADS);
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<EnvironmentId>>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                futures.add(executor.submit(() -> {
                    ready.countDown();
                    if (!start.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                        throw new AssertionError("the threads were not started together");
                    }
                    List<EnvironmentId> provisioned = new ArrayList<>();
                    for (int j = 0; j < PROVISIONS_PER_THREAD; j++) {
                        provisioned.add(environments.provision(SubscriptionId.random(), CompanyId.random(), product()));
                    }
                    return provisioned;
                }));
            }
            assertThat(ready.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("all threads ready").isTrue();
            start.countDown();
            List<EnvironmentId> all = new ArrayList<>();
            for (Future<List<EnvironmentId>> future : futures) {
                all.addAll(future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            }

            assertThat(all).hasSize(THREADS * PROVISIONS_PER_THREAD).doesNotContainNull().doesNotHaveDuplicates();
        } finally {
            executor.shutdownNow();
        }
    }

    /**
     * Asks to erase until the port answers ERASED, at most {@link #erasureAttempts()} times; a
     * throw counts as IN_PROGRESS.
     */
    private ErasureOutcome eraseUntilErased(EnvironmentId environment, SubscriptionId subscription) {
        List<String> answers = new ArrayList<>();
        for (int attempt = 1; attempt <= erasureAttempts(); attempt++) {
            try {
                ErasureOutcome outcome = environments.decommissionAndErase(environment, subscription);
                if (outcome == ErasureOutcome.ERASED) {
                    return outcome;
                }
                answers.add(String.valueOf(outcome));
            } catch (RuntimeException e) {
                answers.add(e.toString());
            }
        }
        throw new AssertionError("environment " + environment + " was not erased after " + erasureAttempts()
                + " calls; the port answered " + answers);
    }
}
