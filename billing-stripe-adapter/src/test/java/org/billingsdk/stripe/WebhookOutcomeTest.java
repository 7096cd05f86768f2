package org.billingsdk.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import org.billingsdk.core.payment.CustomerReference;
import org.billingsdk.core.payment.IdempotencyKey;
import org.billingsdk.core.payment.PaymentMethodReference;
import org.billingsdk.core.payment.SetupId;
import org.billingsdk.core.payment.SetupReference;
import org.junit.jupiter.api.Test;

class WebhookOutcomeTest {

    @Test
    void aSucceededSetUpNamesTheCoresSetUpItBelongsTo() {
        SetupId id = SetupId.random();

        WebhookOutcome.SetupSucceeded ours = new WebhookOutcome.SetupSucceeded("evt_1", SetupReference.of("seti_1"),
                IdempotencyKey.forSetup(id), CustomerReference.of("cus_1"), PaymentMethodReference.of("pm_1"));
        WebhookOutcome.SetupSucceeded foreign = new WebhookOutcome.SetupSucceeded("evt_2", SetupReference.of("seti_2"),
                IdempotencyKey.of("setup-5c1b"), CustomerReference.of("cus_1"), PaymentMethodReference.of("pm_1"));

        assertThat(ours.setupId()).contains(id);
        assertThat(foreign.setupId()).isEmpty();
    }
}
