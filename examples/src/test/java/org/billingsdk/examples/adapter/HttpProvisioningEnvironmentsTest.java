package org.billingsdk.examples.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import org.billingsdk.core.catalog.ProductCode;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.subscription.CancelResult;
import org.billingsdk.core.subscription.DataErasure;
import org.billingsdk.core.subscription.EnvironmentId;
import org.billingsdk.core.subscription.ErasureStatus;
import org.billingsdk.core.subscription.Subscription;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.testing.BillingFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpProvisioningEnvironmentsTest {

    private static final String TOKEN = "prov_live_9f8e7d6c5b4a";

    private final ProvisioningServiceStub service = ProvisioningServiceStub.start(TOKEN);
    private final HttpProvisioningEnvironments environments = HttpProvisioningEnvironments.builder()
            .baseUri(service.baseUri())
            .token(TOKEN)
            .timeout(Duration.ofSeconds(5))
            .build();

    @AfterEach
    void stopService() {
        service.close();
    }

    @Test
    void theTokenIsSentAsAHeaderButNeverShown() {
        environments.provision(SubscriptionId.random(), CompanyId.random(), ProductCode.of("edr"));
        service.failNextWith(503);
        ProvisioningException failure = catchThrowableOfType(ProvisioningException.class,
                () -> environments.provision(SubscriptionId.random(), CompanyId.random(), ProductCode.of("edr")));
        HttpProvisioningEnvironments wrongToken = HttpProvisioningEnvironments.builder()
                .baseUri(service.baseUri()).token("not-" + TOKEN).build();
        ProvisioningException refused = catchThrowableOfType(ProvisioningException.class,
                () -> wrongToken.provision(SubscriptionId.random(), CompanyId.random(), ProductCode.of("edr")));

        assertThat(service.authorizations()).first().isEqualTo("Bearer " + TOKEN);
        assertThat(environments.toString()).contains(service.baseUri().toString()).doesNotContain(TOKEN);
        assertThat(wrongToken.toString()).doesNotContain(TOKEN);
        assertThat(failure).hasMessageContaining("503").hasMessageNotContaining(TOKEN);
        assertThat(refused.httpStatus()).isEqualTo(401);
        assertThat(refused).hasMessageNotContaining(TOKEN);
    }

    @Test
    void aServerErrorBecomesAnExceptionNamingTheStatus() {
        SubscriptionId subscription = SubscriptionId.random();
        EnvironmentId environment = environments.provision(subscription, CompanyId.random(), ProductCode.of("edr"));
        service.failNextWith(500);

        ProvisioningException failure = catchThrowableOfType(ProvisioningException.class,
                () -> environments.decommissionAndErase(environment, subscription));

        assertThat(failure.httpStatus()).isEqualTo(500);
        assertThat(failure.code()).isEqualTo(org.billingsdk.core.ErrorCode.PORT_FAILURE);
        assertThat(failure.operation()).isEqualTo("DELETE /environments/" + environment.value());
        assertThat(failure).hasMessageContaining("HTTP 500").hasMessageContaining(failure.operation());
        assertThat(service.isLive(environment.value())).isTrue();
    }

    @Test
    void aSubscriptionIsProvisionedAndItsCancellationErasedThroughHttp() {
        BillingFixture fixture = BillingFixture.builder().environments(fake -> environments).build();
        Company acme = fixture.root("Acme");

        Subscription subscription = fixture.billing.subscriptions()
                .subscribe(BillingFixture.actor(acme), acme.id(), fixture.monthly.id());
        String environment = subscription.environmentId().value();
        assertThat(service.isLive(environment)).isTrue();

        CancelResult cancelled = fixture.billing.subscriptions()
                .cancel(BillingFixture.actor(acme), subscription.id(), DataErasure.ACKNOWLEDGED);
        assertThat(cancelled).isInstanceOfSatisfying(CancelResult.Cancelled.class,
                result -> assertThat(result.erasure()).isEqualTo(ErasureStatus.PENDING));
        assertThat(service.isLive(environment)).isTrue();

        fixture.advance(Duration.ofMinutes(5));
        fixture.billing.run(fixture.clock.instant());

        assertThat(fixture.storage.subscriptions().findById(subscription.id()).orElseThrow().erasure())
                .isEqualTo(ErasureStatus.CONFIRMED);
        assertThat(service.isLive(environment)).isFalse();
        assertThat(service.requests()).containsExactly("POST /environments",
                "DELETE /environments/" + environment, "DELETE /environments/" + environment);
    }
}
