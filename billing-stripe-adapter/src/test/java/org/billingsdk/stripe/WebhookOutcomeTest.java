package org.billingsdk.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import org.billingsdk.core.payment.SetupId;
import org.junit.jupiter.api.Test;

class WebhookOutcomeTest {

    @Test
    void aSucceededSetUpNamesTheCoresSetUpItBelongsTo() {
        SetupId id = SetupId.random();

        WebhookOutcome.SetupSucceeded ours = new WebhookOutcome.SetupSucceeded("evt_1", "seti_1", "setup-" + id,
                "cus_1", "pm_1");
        WebhookOutcome.SetupSucceeded foreign = new WebhookOutcome.SetupSucceeded("evt_2", "seti_2", "setup-5c1b",
                "cus_1", "pm_1");

        assertThat(ours.setupId()).contains(id);
        assertThat(foreign.setupId()).isEmpty();
    }
}
