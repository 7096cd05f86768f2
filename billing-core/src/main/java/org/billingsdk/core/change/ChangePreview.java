package org.billingsdk.core.change;

import java.util.List;
import java.util.Objects;
import javax.money.MonetaryAmount;
import org.billingsdk.core.Refusal;
import org.billingsdk.core.credit.CreditDestination;
import org.billingsdk.core.credit.CreditNoteLine;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.invoice.InvoiceNumber;
import org.billingsdk.core.subscription.ScheduledChange;
import org.billingsdk.core.subscription.SubscriptionId;

/**
 * What a change would do if it were made at the time of the preview, worked out without writing:
 * the same decision, and for an immediate change the same lines, VAT, totals and credit as the
 * change would issue at that instant.
 */
public sealed interface ChangePreview {

    /** {@return the subscription the preview is of} */
    SubscriptionId subscriptionId();

    /**
     * The change would take effect now.
     *
     * @param subscriptionId the subscription
     * @param invoice the invoice it would issue, as a draft (unnumbered) with the credit from the
     *     balance it would apply, or {@code null} when it would issue none
     * @param creditNote the credit note it would issue, or {@code null} when none
     */
    record Immediate(SubscriptionId subscriptionId, Invoice invoice, Credit creditNote) implements ChangePreview {
        /**
         * Checks the components.
         *
         * @param subscriptionId not null
         * @param invoice may be null
         * @param creditNote may be null
         */
        public Immediate {
            Objects.requireNonNull(subscriptionId, "subscriptionId");
        }
    }

    /**
     * The credit note an immediate change would issue, when the unused time it credits is worth
     * more than what it charges.
     *
     * @param invoiceId the invoice it would credit: the one that charged the unused time
     * @param invoiceNumber that invoice's number
     * @param destination where its amount would go: the credit balance, or the amount due
     * @param lines its lines, with their VAT
     * @param total their sum with VAT
     */
    record Credit(InvoiceId invoiceId, InvoiceNumber invoiceNumber, CreditDestination destination,
            List<CreditNoteLine> lines, MonetaryAmount total) {
        /**
         * Checks the components and copies the lines.
         *
         * @param invoiceId not null
         * @param invoiceNumber not null
         * @param destination not null
         * @param lines at least one
         * @param total not null
         */
        public Credit {
            Objects.requireNonNull(invoiceId, "invoiceId");
            Objects.requireNonNull(invoiceNumber, "invoiceNumber");
            Objects.requireNonNull(destination, "destination");
            lines = List.copyOf(lines);
            Objects.requireNonNull(total, "total");
            if (lines.isEmpty()) {
                throw new IllegalArgumentException("a credit note has at least one line");
            }
        }
    }

    /**
     * The change would wait for its date; nothing would be issued now.
     *
     * @param subscriptionId the subscription
     * @param change what would change, and when
     */
    record Scheduled(SubscriptionId subscriptionId, ScheduledChange change) implements ChangePreview {
        /**
         * Checks the components.
         *
         * @param subscriptionId not null
         * @param change not null
         */
        public Scheduled {
            Objects.requireNonNull(subscriptionId, "subscriptionId");
            Objects.requireNonNull(change, "change");
        }
    }

    /**
     * The change would be refused.
     *
     * @param subscriptionId the subscription
     * @param reason the refusal the change would answer (but {@code ENVIRONMENT_REFUSED}: a preview
     *     does not ask the environments port)
     */
    record Refused(SubscriptionId subscriptionId, Refusal reason) implements ChangePreview {
        /**
         * Checks the components.
         *
         * @param subscriptionId not null
         * @param reason not null
         */
        public Refused {
            Objects.requireNonNull(subscriptionId, "subscriptionId");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
