package org.billingsdk.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import org.billingsdk.core.payment.CustomerReference;
import org.billingsdk.core.payment.IdempotencyKey;
import org.billingsdk.core.payment.MandateReference;
import org.billingsdk.core.payment.PaymentMethodReference;
import org.billingsdk.core.payment.SetupId;
import org.billingsdk.core.payment.SetupReference;
import org.junit.jupiter.api.Test;

class WebhookOutcomeTest {

    @Test
    void aSucceededSetUpNamesTheCoresSetUpItBelongsTo() {
        SetupId id = SetupId.random();

        WebhookOutcome.SetupSucceeded ours = new WebhookOutcome.SetupSucceeded(EventId.of("evt_1"),
                SetupReference.of("seti_1"), IdempotencyKey.forSetup(id), CustomerReference.of("cus_1"),
                PaymentMethodReference.of("pm_1"));
        WebhookOutcome.SetupSucceeded foreign = new WebhookOutcome.SetupSucceeded(EventId.of("evt_2"),
                SetupReference.of("seti_2"), IdempotencyKey.of("setup-5c1b"), CustomerReference.of("cus_1"),
                PaymentMethodReference.of("pm_1"));

        assertThat(ours.setupId()).contains(id);
        assertThat(foreign.setupId()).isEmpty();
    }

    @Test
    void everyIgnoredReasonSaysWhatItMeans() {
        assertThat(WebhookOutcome.IgnoredReason.values()).extracting(WebhookOutcome.IgnoredReason::description)
                .doesNotContainNull().doesNotHaveDuplicates().allSatisfy(text -> assertThat(text).isNotBlank());
        assertThat(WebhookOutcome.IgnoredReason.NOT_ACTED_ON.description())
                .isEqualTo("not an event the billing acts on");
    }

    @Test
    void everyOutcomeNamesItsEventAndAMandateUpdateItsMandate() {
        WebhookOutcome.MandateUpdated inactive = new WebhookOutcome.MandateUpdated(EventId.of("evt_7"),
                MandateReference.of("mandate_1"), null, "inactive");
        WebhookOutcome ignored = new WebhookOutcome.Ignored(EventId.of("evt_9"), "customer.updated",
                WebhookOutcome.IgnoredReason.NOT_ACTED_ON);

        assertThat(inactive.eventId()).isEqualTo(EventId.of("evt_7"));
        assertThat(inactive.mandateReference()).isEqualTo(MandateReference.of("mandate_1"));
        assertThat(inactive.isInactive()).isTrue();
        assertThat(ignored.eventId()).isEqualTo(EventId.of("evt_9"));
        assertThat(ignored).hasToString("Ignored[eventId=evt_9, type=customer.updated, reason=NOT_ACTED_ON]");
    }
}
