package org.billingsdk.examples.reliability;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.billingsdk.core.event.BillingEvent;
import org.billingsdk.core.event.CancellationRevoked;
import org.billingsdk.core.event.CancellationScheduled;
import org.billingsdk.core.event.CompanyRegistered;
import org.billingsdk.core.event.ContractRenewed;
import org.billingsdk.core.event.InvoiceIssued;
import org.billingsdk.core.event.InvoicePaid;
import org.billingsdk.core.event.PaymentFailed;
import org.billingsdk.core.event.PaymentMethodAdded;
import org.billingsdk.core.event.PaymentSucceeded;
import org.billingsdk.core.event.SubscriptionCancelled;
import org.billingsdk.core.event.SubscriptionDataErased;
import org.billingsdk.core.event.SubscriptionPastDue;
import org.billingsdk.core.event.SubscriptionReactivated;
import org.billingsdk.core.event.SubscriptionRecovered;
import org.billingsdk.core.event.SubscriptionStarted;
import org.billingsdk.core.event.TrialEnded;

/**
 * Every state change the database holds has its event among those delivered to the host's sink,
 * exactly once (repeated deliveries of one event count once), and every delivered event of those
 * kinds describes a change the database holds: a company registered, a payment method added, a
 * subscription started or reactivated, cancelled, erased, its trial ended and its contract renewed
 * as often as its dates say, an invoice issued and paid, a payment attempt succeeded or failed.
 * For live subscriptions, past-due and recovered events, and scheduled and revoked cancellations,
 * alternate up to the state the database holds. Nothing is left in the outbox.
 */
final class EventCoverage {

    private EventCoverage() {
    }

    /** What does not match, by kind of event, with how many aggregates; empty when everything does. */
    static List<String> violations(DataSource db, List<BillingEvent> delivered, Instant ranAt) {
        Map<UUID, BillingEvent> unique = new LinkedHashMap<>();
        delivered.forEach(event -> unique.putIfAbsent(event.eventId(), event));
        Map<String, Integer> actual = new HashMap<>();
        for (BillingEvent event : unique.values()) {
            String key = key(event);
            if (key != null) {
                actual.merge(key, 1, Integer::sum);
            }
        }
        Map<String, Integer> expected = new HashMap<>();
        Map<String, Integer> wrong = new TreeMap<>();
        for (String id : Sql.strings(db, "SELECT id FROM billing_company")) {
            expected.put("CompanyRegistered " + id, 1);
        }
        for (String id : Sql.strings(db, "SELECT id FROM billing_payment_method")) {
            expected.put("PaymentMethodAdded " + id, 1);
        }
        for (Map<String, Object> invoice : Sql.rows(db, "SELECT id, state FROM billing_invoice")) {
            expected.put("InvoiceIssued " + invoice.get("id"), 1);
            expected.put("InvoicePaid " + invoice.get("id"), "PAID".equals(invoice.get("state")) ? 1 : 0);
        }
        for (Map<String, Object> payment : Sql.rows(db, "SELECT invoice_id, attempt, status FROM billing_payment")) {
            String attempt = payment.get("invoice_id") + "#" + payment.get("attempt");
            expected.put("PaymentSucceeded " + attempt, "SUCCEEDED".equals(payment.get("status")) ? 1 : 0);
            expected.put("PaymentFailed " + attempt, "DECLINED".equals(payment.get("status")) ? 1 : 0);
        }
        for (Map<String, Object> s : Sql.rows(db, "SELECT s.id, s.previous_id, s.state, s.cancel_at, s.erasure,"
                + " s.billing_anchor, s.trial_end, s.contract_end, s.cancelled_at, p.contract_months"
                + " FROM billing_subscription s JOIN billing_plan p ON p.id = s.plan_id")) {
            String id = s.get("id").toString();
            boolean reactivated = s.get("previous_id") != null;
            boolean cancelled = "CANCELLED".equals(s.get("state"));
            expected.put("SubscriptionStarted " + id, reactivated ? 0 : 1);
            expected.put("SubscriptionReactivated " + id, reactivated ? 1 : 0);
            expected.put("SubscriptionCancelled " + id, cancelled ? 1 : 0);
            expected.put("SubscriptionDataErased " + id, "CONFIRMED".equals(s.get("erasure")) ? 1 : 0);
            Instant trialEnd = instant(s.get("trial_end"));
            Instant cancelledAt = instant(s.get("cancelled_at"));
            boolean trialEnded = trialEnd != null && !trialEnd.isAfter(ranAt)
                    && (cancelledAt == null || cancelledAt.isAfter(trialEnd));
            expected.put("TrialEnded " + id, trialEnded ? 1 : 0);
            expected.put("ContractRenewed " + id, renewals(instant(s.get("billing_anchor")),
                    instant(s.get("contract_end")), ((Number) s.get("contract_months")).intValue()));
            if (!cancelled) {
                int pastDue = actual.getOrDefault("SubscriptionPastDue " + id, 0)
                        - actual.getOrDefault("SubscriptionRecovered " + id, 0);
                if (pastDue != ("PAST_DUE".equals(s.get("state")) ? 1 : 0)) {
                    wrong.merge("SubscriptionPastDue/SubscriptionRecovered", 1, Integer::sum);
                }
                int scheduled = actual.getOrDefault("CancellationScheduled " + id, 0)
                        - actual.getOrDefault("CancellationRevoked " + id, 0);
                if (scheduled != (s.get("cancel_at") != null ? 1 : 0)) {
                    wrong.merge("CancellationScheduled/CancellationRevoked", 1, Integer::sum);
                }
            }
        }
        Set<String> keys = new HashSet<>(expected.keySet());
        actual.keySet().stream().filter(EventCoverage::exactlyCounted).forEach(keys::add);
        for (String key : keys) {
            if (!actual.getOrDefault(key, 0).equals(expected.getOrDefault(key, 0))) {
                wrong.merge(key.substring(0, key.indexOf(' ')), 1, Integer::sum);
            }
        }
        List<String> found = new ArrayList<>();
        wrong.forEach((kind, count) -> found.add("events " + kind + " not matching the database: " + count));
        long undelivered = Sql.count(db, "SELECT count(*) FROM billing_outbox");
        if (undelivered != 0) {
            found.add("events still undelivered in the outbox: " + undelivered);
        }
        return found;
    }

    /** How many renewals took a contract from its first end ({@code anchor + term}) to {@code contractEnd}. */
    private static int renewals(Instant anchor, Instant contractEnd, int termMonths) {
        if (contractEnd == null) {
            return 0;
        }
        ZonedDateTime start = ZonedDateTime.ofInstant(anchor, ZoneOffset.UTC);
        for (int terms = 1; terms <= 1_000; terms++) {
            if (start.plusMonths((long) terms * termMonths).toInstant().equals(contractEnd)) {
                return terms - 1;
            }
        }
        return -1;
    }

    private static boolean exactlyCounted(String key) {
        return !key.startsWith("SubscriptionPastDue ") && !key.startsWith("SubscriptionRecovered ")
                && !key.startsWith("CancellationScheduled ") && !key.startsWith("CancellationRevoked ");
    }

    /** The aggregate (and attempt) an event is about, prefixed with its type; null for kinds not checked. */
    private static String key(BillingEvent event) {
        String about;
        if (event instanceof CompanyRegistered e) {
            about = e.companyId().toString();
        } else if (event instanceof PaymentMethodAdded e) {
            about = e.paymentMethodId().toString();
        } else if (event instanceof InvoiceIssued e) {
            about = e.invoiceId().toString();
        } else if (event instanceof InvoicePaid e) {
            about = e.invoiceId().toString();
        } else if (event instanceof PaymentSucceeded e) {
            about = e.invoiceId() + "#" + e.attempt();
        } else if (event instanceof PaymentFailed e) {
            about = e.invoiceId() + "#" + e.attempt();
        } else if (event instanceof SubscriptionStarted e) {
            about = e.subscriptionId().toString();
        } else if (event instanceof SubscriptionReactivated e) {
            about = e.subscriptionId().toString();
        } else if (event instanceof SubscriptionCancelled e) {
            about = e.subscriptionId().toString();
        } else if (event instanceof SubscriptionDataErased e) {
            about = e.subscriptionId().toString();
        } else if (event instanceof TrialEnded e) {
            about = e.subscriptionId().toString();
        } else if (event instanceof ContractRenewed e) {
            about = e.subscriptionId().toString();
        } else if (event instanceof SubscriptionPastDue e) {
            about = e.subscriptionId().toString();
        } else if (event instanceof SubscriptionRecovered e) {
            about = e.subscriptionId().toString();
        } else if (event instanceof CancellationScheduled e) {
            about = e.subscriptionId().toString();
        } else if (event instanceof CancellationRevoked e) {
            about = e.subscriptionId().toString();
        } else {
            return null;
        }
        return event.type() + " " + about;
    }

    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof Timestamp time) {
            return time.toInstant();
        }
        return null;
    }
}
