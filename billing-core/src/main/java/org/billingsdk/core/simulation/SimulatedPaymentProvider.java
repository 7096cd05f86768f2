package org.billingsdk.core.simulation;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.money.MonetaryAmount;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.payment.ChargeOutcome;
import org.billingsdk.core.payment.ChargeReference;
import org.billingsdk.core.payment.ClientSecret;
import org.billingsdk.core.payment.CustomerReference;
import org.billingsdk.core.payment.DeclineCode;
import org.billingsdk.core.payment.IdempotencyKey;
import org.billingsdk.core.payment.Last4;
import org.billingsdk.core.payment.MandateReference;
import org.billingsdk.core.payment.MethodDetails;
import org.billingsdk.core.payment.PaymentMethodReference;
import org.billingsdk.core.payment.RefundOutcome;
import org.billingsdk.core.payment.RefundReference;
import org.billingsdk.core.payment.SetupKind;
import org.billingsdk.core.payment.SetupReference;
import org.billingsdk.core.port.PaymentProvider;

/**
 * A payment provider in memory, scripted by tests and examples: charges succeed unless told to
 * decline, stay pending, or time out. Like a real provider it keeps each idempotency key's first
 * result: asking again with the same key never charges again and answers the settled outcome; a
 * refund never gives back more than its charge has left (a refund under way holds its amount until
 * it ends), and a set-up completed again answers the same payment method. It keeps
 * {@code PaymentProviderContract}. Thread-safe.
 */
public final class SimulatedPaymentProvider implements PaymentProvider {

    /** What the provider does with the next new charge. */
    public enum Behaviour {
        /** Takes the money. */
        SUCCEED,
        /** Declines with {@code card_declined}. */
        DECLINE,
        /** Declines with {@code insufficient_funds}. */
        DECLINE_INSUFFICIENT_FUNDS,
        /** Answers pending; asked again with the same key it has settled and succeeded (SEPA). */
        PENDING_THEN_SUCCEED,
        /** Answers pending; asked again with the same key it has failed. */
        PENDING_THEN_DECLINE,
        /** Takes the money but the answer is lost: unknown; asked again with the same key it answers succeeded. */
        TIMEOUT_AFTER_CHARGE,
        /** Fails before charging and the answer is lost: unknown; asked again with the same key it charges. */
        TIMEOUT_BEFORE_CHARGE
    }

    /** What the provider does with the next new refund. */
    public enum RefundBehaviour {
        /** Gives the money back at once. */
        SUCCEED,
        /** Answers pending (a SEPA refund): it ends when {@link #endRefund} says how. */
        PENDING,
        /** Gives the money back but the answer is lost: unknown; asked again with the same key it answers succeeded. */
        TIMEOUT_AFTER_REFUND
    }

    private record Charge(ChargeReference reference, InvoiceId invoiceId, MonetaryAmount amount, Behaviour behaviour,
            boolean captured) {
    }

    /** A refund made: its reference, the charge it gives back from, its amount, and how it stands. */
    private record Refund(RefundReference reference, ChargeReference charge, InvoiceId invoiceId, BigDecimal amount,
            RefundOutcome standing) {
    }

    private final Deque<Behaviour> script = new ArrayDeque<>();
    private final Deque<RefundBehaviour> refundScript = new ArrayDeque<>();
    private final Map<IdempotencyKey, Charge> chargesByKey = new HashMap<>();
    private final Map<String, CustomerReference> customersByCompany = new HashMap<>();
    private final Map<SetupReference, SetupKind> setups = new HashMap<>();
    private final Set<PaymentMethodReference> attachedMethods = new HashSet<>();
    private final Deque<SetupResult> setupScript = new ArrayDeque<>();
    private final List<String> calls = new ArrayList<>();
    private final Map<IdempotencyKey, Refund> refunds = new HashMap<>();
    private final Map<InvoiceId, BigDecimal> refundedByInvoice = new HashMap<>();
    /** What each charge (by its reference) has given back so far. */
    private final Map<ChargeReference, BigDecimal> refundedByCharge = new HashMap<>();
    /** The answer of each set-up completed, so that completing it again answers the same method. */
    private final Map<SetupReference, SetupResult.Completed> completedSetups = new HashMap<>();
    private Behaviour defaultBehaviour = Behaviour.SUCCEED;
    private int sequence;

    /**
     * Makes the next new charges behave as given, in order; then the default applies again. A
     * charge asked again under a known key takes nothing from this script.
     *
     * @param behaviours what the next new charges do, one each; no nulls
     * @return this provider
     */
    public synchronized SimulatedPaymentProvider thenCharges(Behaviour... behaviours) {
        script.addAll(List.of(behaviours));
        return this;
    }

    /**
     * What new charges do when nothing is scripted; {@link Behaviour#SUCCEED} at first.
     *
     * @param behaviour what they do; not null
     * @return this provider
     */
    public synchronized SimulatedPaymentProvider chargesByDefault(Behaviour behaviour) {
        this.defaultBehaviour = Objects.requireNonNull(behaviour);
        return this;
    }

    /**
     * Makes the next new refunds behave as given, in order; then they succeed at once again. A
     * refund asked again under a known key takes nothing from this script.
     *
     * @param behaviours what the next new refunds do, one each; no nulls
     * @return this provider
     */
    public synchronized SimulatedPaymentProvider thenRefunds(RefundBehaviour... behaviours) {
        refundScript.addAll(List.of(behaviours));
        return this;
    }

    /**
     * Ends a refund under way ({@link RefundBehaviour#PENDING}), as the bank would days later, and
     * answers what the provider would report of it: hand that to
     * {@code Billing.payments().recordRefundOutcome}, as a webhook endpoint would. A failed refund
     * gives its amount back to the charge.
     *
     * @param reference the refund, as its pending answer named it
     * @param succeeded whether the money went back
     * @return the report: succeeded, or declined with {@code refund_failed}
     * @throws IllegalArgumentException if no refund has that reference
     * @throws IllegalStateException if the refund is not under way
     */
    public synchronized RefundOutcome endRefund(RefundReference reference, boolean succeeded) {
        Map.Entry<IdempotencyKey, Refund> entry = refunds.entrySet().stream()
                .filter(e -> e.getValue().reference().equals(reference)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no refund " + reference));
        Refund refund = entry.getValue();
        if (!(refund.standing() instanceof RefundOutcome.Pending)) {
            throw new IllegalStateException("refund " + reference + " is not under way");
        }
        RefundOutcome end = succeeded ? new RefundOutcome.Succeeded(reference)
                : new RefundOutcome.Declined(reference, DeclineCode.of("refund_failed"),
                        "The bank returned the refund.");
        refunds.put(entry.getKey(), new Refund(reference, refund.charge(), refund.invoiceId(), refund.amount(), end));
        if (!succeeded) {
            refundedByCharge.merge(refund.charge(), refund.amount().negate(), BigDecimal::add);
            refundedByInvoice.merge(refund.invoiceId(), refund.amount().negate(), BigDecimal::add);
        }
        return end;
    }

    /**
     * Makes the next set-up end this way instead of completing; several calls queue up in order.
     *
     * @param result how the next completed set-up ends, such as a failure; not null
     * @return this provider
     */
    public synchronized SimulatedPaymentProvider thenSetupEnds(SetupResult result) {
        setupScript.add(Objects.requireNonNull(result));
        return this;
    }

    @Override
    public synchronized CustomerReference syncCustomer(CustomerProfile profile,
            Optional<CustomerReference> existingReference) {
        calls.add("syncCustomer " + profile.companyId());
        if (existingReference.isPresent()) {
            return existingReference.get();
        }
        return customersByCompany.computeIfAbsent(profile.companyId().toString(),
                id -> CustomerReference.of("cus_sim_" + next()));
    }

    @Override
    public synchronized SetupStart startSetup(CustomerReference customerReference, SetupKind kind,
            IdempotencyKey idempotencyKey) {
        calls.add("startSetup " + kind);
        SetupReference reference = SetupReference.of("seti_sim_" + next());
        setups.put(reference, kind);
        URI redirect = kind == SetupKind.SEPA_VIA_IDEAL ? URI.create("https://bank.example/ideal/" + reference) : null;
        return new SetupStart(reference, ClientSecret.of(reference + "_secret_sim"), redirect);
    }

    @Override
    public synchronized SetupResult completeSetup(CustomerReference customerReference,
            SetupReference setupReference) {
        calls.add("completeSetup " + setupReference);
        SetupKind kind = setups.get(setupReference);
        if (kind == null) {
            return new SetupResult.Failed("no such set-up");
        }
        SetupResult.Completed done = completedSetups.get(setupReference);
        if (done != null) {
            return done;
        }
        if (!setupScript.isEmpty()) {
            return setupScript.poll();
        }
        PaymentMethodReference method = PaymentMethodReference.of("pm_sim_" + next());
        attachedMethods.add(method);
        MethodDetails details = switch (kind) {
            case CARD -> new MethodDetails.Card("visa", Last4.of("4242"), 12, 2030);
            case SEPA_DEBIT -> new MethodDetails.SepaDebit("Simulated Bank", Last4.of("3000"),
                    MandateReference.of("SIM-MANDATE-" + sequence), false);
            case SEPA_VIA_IDEAL -> new MethodDetails.SepaDebit("Simulated iDEAL Bank", Last4.of("5264"),
                    MandateReference.of("SIM-MANDATE-" + sequence), true);
        };
        SetupResult.Completed completed = new SetupResult.Completed(method, details);
        completedSetups.put(setupReference, completed);
        return completed;
    }

    @Override
    public synchronized void detach(PaymentMethodReference paymentMethodReference) {
        calls.add("detach " + paymentMethodReference);
        attachedMethods.remove(paymentMethodReference);
    }

    @Override
    public synchronized void makeDefault(CustomerReference customerReference,
            PaymentMethodReference paymentMethodReference) {
        calls.add("makeDefault " + paymentMethodReference);
    }

    @Override
    public synchronized ChargeOutcome charge(ChargeRequest request) {
        calls.add("charge " + request.idempotencyKey());
        Charge known = chargesByKey.get(request.idempotencyKey());
        if (known != null) {
            return settle(request.idempotencyKey(), known);
        }
        if (!attachedMethods.contains(request.paymentMethodReference())) {
            return new ChargeOutcome.Declined(null, DeclineCode.of("payment_method_unavailable"),
                    "The payment method is not attached.");
        }
        Behaviour behaviour = script.isEmpty() ? defaultBehaviour : script.poll();
        ChargeReference reference = ChargeReference.of("pi_sim_" + next());
        boolean captured = behaviour == Behaviour.SUCCEED || behaviour == Behaviour.TIMEOUT_AFTER_CHARGE;
        chargesByKey.put(request.idempotencyKey(),
                new Charge(reference, request.invoiceId(), request.amount(), behaviour, captured));
        return switch (behaviour) {
            case SUCCEED -> new ChargeOutcome.Succeeded(reference);
            case DECLINE -> new ChargeOutcome.Declined(reference, DeclineCode.of("card_declined"),
                    "Your card was declined.");
            case DECLINE_INSUFFICIENT_FUNDS -> new ChargeOutcome.Declined(reference,
                    DeclineCode.of("insufficient_funds"), "Your card has insufficient funds.");
            case PENDING_THEN_SUCCEED, PENDING_THEN_DECLINE -> new ChargeOutcome.Pending(reference);
            case TIMEOUT_AFTER_CHARGE, TIMEOUT_BEFORE_CHARGE -> new ChargeOutcome.Unknown("read timed out");
        };
    }

    @Override
    public synchronized RefundOutcome refund(RefundRequest request) {
        calls.add("refund " + request.idempotencyKey());
        Refund known = refunds.get(request.idempotencyKey());
        if (known != null) {
            if (known.standing() instanceof RefundOutcome.Unknown) {
                Refund made = new Refund(known.reference(), known.charge(), known.invoiceId(), known.amount(),
                        new RefundOutcome.Succeeded(known.reference()));
                refunds.put(request.idempotencyKey(), made);
                return made.standing();
            }
            return known.standing();
        }
        Charge charge = chargesByKey.values().stream()
                .filter(c -> c.reference().equals(request.paymentReference()) && c.captured())
                .findFirst().orElse(null);
        if (charge == null) {
            return new RefundOutcome.Declined(null, DeclineCode.of("charge_not_refundable"),
                    "No captured charge " + request.paymentReference());
        }
        BigDecimal asked = request.amount().getNumber().numberValueExact(BigDecimal.class);
        BigDecimal left = charge.amount().getNumber().numberValueExact(BigDecimal.class)
                .subtract(refundedByCharge.getOrDefault(charge.reference(), BigDecimal.ZERO));
        if (!request.amount().getCurrency().equals(charge.amount().getCurrency()) || asked.compareTo(left) > 0) {
            return new RefundOutcome.Declined(null, DeclineCode.of("amount_too_large"), "Refund of "
                    + request.amount() + " is more than the " + left + " left of charge " + charge.reference());
        }
        RefundReference reference = RefundReference.of("re_sim_" + next());
        RefundBehaviour behaviour = refundScript.isEmpty() ? RefundBehaviour.SUCCEED : refundScript.poll();
        RefundOutcome answer = switch (behaviour) {
            case SUCCEED -> new RefundOutcome.Succeeded(reference);
            case PENDING -> new RefundOutcome.Pending(reference);
            case TIMEOUT_AFTER_REFUND -> new RefundOutcome.Unknown("read timed out");
        };
        refunds.put(request.idempotencyKey(), new Refund(reference, charge.reference(), charge.invoiceId(), asked,
                answer));
        refundedByCharge.merge(charge.reference(), asked, BigDecimal::add);
        refundedByInvoice.merge(charge.invoiceId(), asked, BigDecimal::add);
        return answer;
    }

    /**
     * The money given back for an invoice, over all refund keys: a double refund shows here. A
     * refund under way counts until it fails.
     *
     * @param invoice the invoice whose charges were refunded
     * @return the sum, in the invoice's currency; zero when nothing was refunded
     */
    public synchronized BigDecimal refundedFor(InvoiceId invoice) {
        return refundedByInvoice.getOrDefault(invoice, BigDecimal.ZERO);
    }

    /** The outcome of a charge asked again under its key; settles pending and lost answers. */
    private ChargeOutcome settle(IdempotencyKey key, Charge charge) {
        switch (charge.behaviour()) {
            case SUCCEED, TIMEOUT_AFTER_CHARGE:
                return new ChargeOutcome.Succeeded(charge.reference());
            case PENDING_THEN_SUCCEED, TIMEOUT_BEFORE_CHARGE:
                chargesByKey.put(key, new Charge(charge.reference(), charge.invoiceId(), charge.amount(),
                        Behaviour.SUCCEED, true));
                return new ChargeOutcome.Succeeded(charge.reference());
            case PENDING_THEN_DECLINE:
                return new ChargeOutcome.Declined(charge.reference(), DeclineCode.of("insufficient_funds"),
                        "The direct debit was returned: insufficient funds.");
            default:
                return new ChargeOutcome.Declined(charge.reference(), DeclineCode.of("card_declined"),
                        "Your card was declined.");
        }
    }

    /**
     * The money taken for an invoice, over all its keys: a double charge shows here.
     *
     * @param invoice the invoice charged
     * @return the sum of the captured charges, in the invoice's currency; refunds are not deducted
     */
    public synchronized BigDecimal capturedFor(InvoiceId invoice) {
        return chargesByKey.values().stream()
                .filter(charge -> charge.captured() && charge.invoiceId().equals(invoice))
                .map(charge -> charge.amount().getNumber().numberValueExact(BigDecimal.class))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /**
     * {@return how many distinct idempotency keys were charged, whatever the outcome} A charge to a
     * payment method that is not attached does not count.
     */
    public synchronized int distinctCharges() {
        return chargesByKey.size();
    }

    /** {@return every call made, in order, as {@code "charge <key>"}, {@code "detach <ref>"}, ...} */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    /**
     * Whether a payment method is attached (set up and not detached).
     *
     * @param paymentMethodReference the provider's reference, as its set-up answered ({@code pm_sim_...})
     * @return true between its set-up and its detachment
     */
    public synchronized boolean isAttached(PaymentMethodReference paymentMethodReference) {
        return attachedMethods.contains(paymentMethodReference);
    }

    private int next() {
        return ++sequence;
    }
}
