package org.billingsdk.examples.portal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.money.MonetaryAmount;
import org.billingsdk.core.Amounts;
import org.billingsdk.core.Page;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.catalog.Product;
import org.billingsdk.core.company.Address;
import org.billingsdk.core.company.BillingDetails;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.Payer;
import org.billingsdk.core.company.VatCheck;
import org.billingsdk.core.credit.CreditNote;
import org.billingsdk.core.history.CreditNoteSummary;
import org.billingsdk.core.history.HistoryEntry;
import org.billingsdk.core.history.InvoiceSummary;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceLine;
import org.billingsdk.core.payment.Payment;
import org.billingsdk.core.payment.PaymentMethod;
import org.billingsdk.core.subscription.ScheduledChange;
import org.billingsdk.core.subscription.SubscriptionCounts;
import org.billingsdk.core.subscription.SubscriptionState;
import org.billingsdk.core.subscription.SubscriptionView;

/**
 * The JSON the portal's API answers and takes: the SDK's values translated to what the page shows
 * (amounts formatted with their currency, instants as ISO-8601 UTC), never the SDK's own types, so
 * that the API stays as it is when they grow.
 */
final class Views {

    private Views() {
    }

    record SessionView(String user, String email, String role, String companyId, String companyName,
            String csrfToken) {
        static SessionView of(Sessions.Session session) {
            DemoUser user = session.user();
            return new SessionView(user.name(), user.email(), user.role(), user.companyId().toString(),
                    user.companyName(), session.csrfToken());
        }
    }

    record DemoUserView(String user, String email, String companyName, String role) {
        static DemoUserView of(DemoUser user) {
            return new DemoUserView(user.name(), user.email(), user.companyName(), user.role());
        }
    }

    record CompanyRef(String id, String name, String parentId) {
        static CompanyRef of(Company company) {
            return new CompanyRef(company.id().toString(), company.name(),
                    company.parentId() == null ? null : company.parentId().toString());
        }
    }

    record ChangeView(String planId, int quantity, String effectiveOn, String amount) {
        static ChangeView of(ScheduledChange change, String amount) {
            return change == null ? null : new ChangeView(change.planId().value(), change.quantity(),
                    day(change.effectiveOn()), amount);
        }
    }

    record SubscriptionRow(String id, String companyId, String companyName, boolean own, String product,
            String productName, String planId, int quantity, String amount, String state, String environment,
            String startedAt, String trialEnd, String contractEnd, String scheduledCancellation,
            ChangeView scheduledChange, String cancelledAt, String billedTo) {
        static SubscriptionRow of(SubscriptionView row, String ownCompanyId) {
            return new SubscriptionRow(row.subscriptionId().toString(), row.companyId().toString(),
                    row.companyName(), row.companyId().toString().equals(ownCompanyId), row.product().code().value(),
                    row.product().name(), row.planId().value(), row.quantity(), row.billingAmount().toString(),
                    row.state().name(), row.environmentId() == null ? null : row.environmentId().value(),
                    day(row.startedAt()), day(row.trialEnd()), day(row.contractEnd()),
                    day(row.scheduledCancellation()), ChangeView.of(row.scheduledChange(),
                            row.scheduledBillingAmount() == null ? null : row.scheduledBillingAmount().toString()),
                    day(row.cancelledAt()), row.billedTo().itself() ? null : row.billedTo().name());
        }
    }

    record PlanView(String id, String product, String productName, String price, String interval, int minQuantity,
            int maxQuantity, int trialDays, int contractMonths) {
        static PlanView of(Plan plan, Product product) {
            return new PlanView(plan.id().value(), product.code().value(), product.name(),
                    Amounts.format(plan.price()), plan.interval().name(), plan.minQuantity(), plan.maxQuantity(),
                    plan.trialDays(), plan.contractMonths());
        }
    }

    record PortalView(CompanyRef company, String billedTo, boolean partnerManaged, String message,
            List<CompanyRef> companies, List<PlanView> plans, List<String> documentFormats) {
    }

    /**
     * A page of a company's subscriptions: its rows, the next page's cursor ({@code null} on the
     * last) and how many the filter selects in each state, every state named, with their total.
     */
    record SubscriptionPageView(List<SubscriptionRow> rows, String nextCursor, Map<String, Long> counts) {
        static SubscriptionPageView of(Page<SubscriptionView> page, SubscriptionCounts counts, String ownCompanyId) {
            Map<String, Long> byState = new LinkedHashMap<>();
            for (SubscriptionState state : SubscriptionState.values()) {
                byState.put(state.name(), counts.of(state));
            }
            byState.put("total", counts.total());
            return new SubscriptionPageView(page.items().stream().map(row -> SubscriptionRow.of(row, ownCompanyId))
                    .toList(), page.nextCursor(), byState);
        }
    }

    record AddressView(String line1, String line2, String postalCode, String city, String region, String country) {
        static AddressView of(Address address) {
            return address == null ? null : new AddressView(address.line1(), address.line2(), address.postalCode(),
                    address.city(), address.region(), address.country());
        }

        Address toAddress() {
            return new Address(line1, line2, postalCode, city, region, country);
        }

        boolean isBlank() {
            return blank(line1) && blank(line2) && blank(postalCode) && blank(city) && blank(region) && blank(country);
        }

        private static boolean blank(String text) {
            return text == null || text.isBlank();
        }
    }

    record VatCheckView(String number, String status, String checkedAt, String consultationNumber,
            String registeredName, String failure) {
        static VatCheckView of(VatCheck check) {
            return check == null ? null : new VatCheckView(check.number().value(), check.status().name(),
                    instant(check.checkedAt()), check.consultationNumber(), check.registeredName(), check.failure());
        }
    }

    record AccountView(CompanyRef company, String mainEmail, String billingEmail, String vatNumber,
            AddressView billingAddress, AddressView shippingAddress, VatCheckView vatCheck, String billedTo,
            boolean partnerManaged) {
        static AccountView of(Company company, Payer payer) {
            BillingDetails details = company.billingDetails();
            return new AccountView(CompanyRef.of(company), company.mainEmail().value(),
                    details == null ? null : details.billingEmail(), details == null ? null : details.vatNumber(),
                    details == null ? null : AddressView.of(details.billingAddress()),
                    details == null ? null : AddressView.of(details.shippingAddress()),
                    VatCheckView.of(company.vatCheck()), payer.itself() ? null : payer.name(),
                    company.isPartnerManaged());
        }
    }

    record PaymentMethodView(String id, String display, boolean isDefault, String addedAt) {
        static PaymentMethodView of(PaymentMethod method) {
            return new PaymentMethodView(method.id().toString(), method.details().display(), method.isDefault(),
                    day(method.createdAt()));
        }
    }

    record SetupView(String setupId, String kind) {
    }

    record PaymentView(int attempt, String status, String at) {
        static PaymentView of(Payment payment) {
            return new PaymentView(payment.attempt(), payment.status().name(), day(payment.createdAt()));
        }
    }

    record HistoryRow(String kind, String id, String number, String companyName, String issuedAt, String total,
            String amountDue, String state, List<PaymentView> payments, String invoiceNumber, String reason,
            String destination) {
        static HistoryRow of(HistoryEntry entry) {
            if (entry instanceof InvoiceSummary invoice) {
                return new HistoryRow("invoice", invoice.id().toString(), invoice.number().toString(),
                        invoice.companyName(), day(invoice.issuedAt()), Amounts.format(invoice.total()),
                        Amounts.format(invoice.amountDue()), invoice.state().name(),
                        invoice.payments().stream().map(PaymentView::of).toList(), null, null, null);
            }
            CreditNoteSummary note = (CreditNoteSummary) entry;
            return new HistoryRow("creditNote", note.id().toString(), note.number().toString(), note.companyName(),
                    day(note.issuedAt()), Amounts.format(note.total()), null, null, List.of(),
                    note.invoiceNumber().toString(), note.reason().text(), note.destination().text());
        }
    }

    record HistoryView(List<HistoryRow> entries, String nextCursor, List<String> balances,
            List<String> documentFormats) {
    }

    record LineView(String description, String companyName, String period, int quantity, String amount,
            String vat) {
        static LineView of(InvoiceLine line) {
            return new LineView(line.description(), line.companyName(), day(line.periodStart()) + " – "
                    + day(line.periodEnd()), line.quantity(), Amounts.format(line.amount()),
                    Amounts.format(line.tax().amount()));
        }
    }

    record InvoiceView(String number, List<LineView> lines, String subtotal, String vat, String total,
            String creditApplied, String amountDue) {
        static InvoiceView of(Invoice invoice) {
            return invoice == null ? null : new InvoiceView(invoice.number() == null ? null
                    : invoice.number().toString(), invoice.lines().stream().map(LineView::of).toList(),
                    Amounts.format(invoice.subtotal()), Amounts.format(invoice.taxTotal()),
                    Amounts.format(invoice.total()), Amounts.format(invoice.creditApplied()),
                    Amounts.format(invoice.amountDue()));
        }
    }

    record CreditView(String invoiceNumber, String destination, String total) {
        static CreditView of(CreditNote note) {
            return note == null ? null : new CreditView(note.invoiceNumber().toString(), note.destination().text(),
                    Amounts.format(note.total()));
        }
    }

    /** What an operation did: its outcome and, for a change, what it invoiced and credited. */
    record Outcome(String outcome, String message, String effectiveOn, String subscriptionId, String environment,
            InvoiceView invoice, CreditView credit, ChangeView scheduled) {
        static Outcome of(String outcome, String message) {
            return new Outcome(outcome, message, null, null, null, null, null, null);
        }
    }

    /** An error as the API answers it: the SDK's code, a message for people, every field's problem. */
    record ErrorView(String error, String message, List<FieldProblem> violations) {
    }

    record FieldProblem(String field, String message) {
    }

    // What the API takes.

    record SignIn(String user) {
    }

    record CancelInput(Boolean acknowledgeErasure) {
    }

    record ChangeInput(String planId, Integer quantity) {
    }

    record MainEmailInput(String mainEmail) {
    }

    record BillingDetailsInput(String billingEmail, String vatNumber, AddressView billingAddress,
            AddressView shippingAddress) {
    }

    record SetupInput(String kind) {
    }

    static String day(Instant at) {
        return at == null ? null : at.toString().substring(0, 10);
    }

    static String instant(Instant at) {
        return at == null ? null : at.toString();
    }

    static String money(MonetaryAmount amount) {
        return amount == null ? null : Amounts.format(amount);
    }
}
