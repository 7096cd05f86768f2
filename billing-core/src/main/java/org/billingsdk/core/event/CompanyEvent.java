package org.billingsdk.core.event;

import org.billingsdk.core.company.CompanyId;

/** An event about one company or one of its subscriptions. */
public sealed interface CompanyEvent extends BillingEvent permits
        CompanyRegistered, MainEmailChanged, BillingDetailsChanged, CompanyMoved, SubscriptionStarted,
        CancellationScheduled, CancellationRevoked, SubscriptionCancelled, SubscriptionDataErased,
        SubscriptionReactivated, TrialEnded, ContractRenewed, PaymentMethodAdded, PaymentMethodRemoved,
        DefaultPaymentMethodChanged, InvoiceIssued, InvoicePaid, InvoiceVoided, InvoiceUncollectible, PaymentSucceeded,
        PaymentPending, PaymentFailed, SubscriptionPastDue, SubscriptionRecovered, PaymentRefunded,
        PaymentRefundPending, PaymentRefundFailed, CreditNoteIssued, CreditBalanceChanged, SubscriptionChanged,
        ChangeScheduled, ScheduledChangeRevoked, PayerChanged, BillingDayChanged, VatNumberChecked {

    /** {@return the company concerned: for an event about a subscription or an invoice, the company that holds it} */
    CompanyId companyId();
}
