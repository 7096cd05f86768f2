package org.billingsdk.examples.portal;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.billingsdk.core.Billing;
import org.billingsdk.core.InvalidInputException;
import org.billingsdk.core.Page;
import org.billingsdk.core.PageRequest;
import org.billingsdk.core.Scope;
import org.billingsdk.core.Violation;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.catalog.Product;
import org.billingsdk.core.catalog.ProductCode;
import org.billingsdk.core.change.Change;
import org.billingsdk.core.change.ChangePreview;
import org.billingsdk.core.change.ChangeResult;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.BillingDetails;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.credit.CreditNoteId;
import org.billingsdk.core.history.HistoryEntry;
import org.billingsdk.core.invoice.DocumentFormat;
import org.billingsdk.core.invoice.InvoiceDocument;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.payment.PaymentMethodId;
import org.billingsdk.core.payment.SetupId;
import org.billingsdk.core.payment.SetupKind;
import org.billingsdk.core.payment.SetupOutcome;
import org.billingsdk.core.payment.SetupSession;
import org.billingsdk.core.subscription.CancelResult;
import org.billingsdk.core.subscription.DataErasure;
import org.billingsdk.core.subscription.ReactivateResult;
import org.billingsdk.core.subscription.RemoveCancellationResult;
import org.billingsdk.core.subscription.ScheduledChange;
import org.billingsdk.core.subscription.SubscriptionCounts;
import org.billingsdk.core.subscription.SubscriptionFilter;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.subscription.SubscriptionState;
import org.billingsdk.core.subscription.SubscriptionView;
import org.billingsdk.examples.portal.Views.AccountView;
import org.billingsdk.examples.portal.Views.BillingDetailsInput;
import org.billingsdk.examples.portal.Views.CancelInput;
import org.billingsdk.examples.portal.Views.ChangeInput;
import org.billingsdk.examples.portal.Views.ChangeView;
import org.billingsdk.examples.portal.Views.CompanyRef;
import org.billingsdk.examples.portal.Views.CreditView;
import org.billingsdk.examples.portal.Views.DemoUserView;
import org.billingsdk.examples.portal.Views.HistoryRow;
import org.billingsdk.examples.portal.Views.HistoryView;
import org.billingsdk.examples.portal.Views.InvoiceView;
import org.billingsdk.examples.portal.Views.MainEmailInput;
import org.billingsdk.examples.portal.Views.Outcome;
import org.billingsdk.examples.portal.Views.PaymentMethodView;
import org.billingsdk.examples.portal.Views.PlanView;
import org.billingsdk.examples.portal.Views.PortalView;
import org.billingsdk.examples.portal.Views.SessionView;
import org.billingsdk.examples.portal.Views.SetupInput;
import org.billingsdk.examples.portal.Views.SetupView;
import org.billingsdk.examples.portal.Views.SignIn;
import org.billingsdk.examples.portal.Views.SubscriptionPageView;

/**
 * The portal's JSON API over the SDK: one route per operation the page needs. The actor is always
 * the signed-in user's ({@link Sessions}); ids in paths only name what to act on, and the SDK's
 * access rule decides whether the actor reaches it (a company out of reach is "not found", as the
 * SDK answers). Refusals the SDK answers as results come back as 409 with their code.
 */
final class PortalApi {

    static final String SESSION_COOKIE = "portal_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String SESSION = "session";
    private static final int HISTORY_PAGE = 10;
    /** How many subscriptions a page of the list shows. */
    static final int SUBSCRIPTION_PAGE = 50;

    private final DemoPortal demo;
    private final Billing billing;
    private final Sessions sessions;

    PortalApi(DemoPortal demo, Sessions sessions) {
        this.demo = demo;
        this.billing = demo.billing();
        this.sessions = sessions;
    }

    void routes(RoutesConfig routes) {
        routes.before("/api/*", this::authenticate);
        routes.get("/api/demo-users", ctx -> ctx.json(demo.users().values().stream()
                .sorted(java.util.Comparator.comparing(DemoUser::name)).map(DemoUserView::of).toList()));
        routes.post("/api/session", this::signIn);
        routes.get("/api/session", ctx -> ctx.json(SessionView.of(session(ctx))));
        routes.delete("/api/session", this::signOut);
        routes.get("/api/portal", this::portal);
        routes.get("/api/companies/{id}/subscriptions", this::subscriptions);
        routes.post("/api/subscriptions/{id}/cancel", this::cancel);
        routes.post("/api/subscriptions/{id}/remove-cancellation", this::removeCancellation);
        routes.post("/api/subscriptions/{id}/reactivate", this::reactivate);
        routes.post("/api/subscriptions/{id}/change-preview", this::previewChange);
        routes.post("/api/subscriptions/{id}/change", this::change);
        routes.get("/api/companies/{id}/account", this::account);
        routes.put("/api/companies/{id}/main-email", this::changeMainEmail);
        routes.put("/api/companies/{id}/billing-details", this::updateBillingDetails);
        routes.get("/api/companies/{id}/payment-methods", this::paymentMethods);
        routes.post("/api/companies/{id}/payment-methods/setups", this::startSetup);
        routes.post("/api/companies/{id}/payment-methods/setups/{setup}/complete", this::completeSetup);
        routes.post("/api/companies/{id}/payment-methods/{method}/default", this::makeDefault);
        routes.delete("/api/companies/{id}/payment-methods/{method}", this::removeMethod);
        routes.get("/api/companies/{id}/history", this::history);
        routes.get("/api/invoices/{id}/document", this::invoiceDocument);
        routes.get("/api/credit-notes/{id}/document", this::creditNoteDocument);
        // Whatever else is asked of the API is answered as the API answers: JSON.
        routes.get("/api/*", PortalApi::notFound);
        routes.post("/api/*", PortalApi::notFound);
        routes.put("/api/*", PortalApi::notFound);
        routes.delete("/api/*", PortalApi::notFound);
    }

    private static void notFound(Context ctx) {
        throw new HttpErrors.Rejected(404, "NOT_FOUND", "Not found.");
    }

    /**
     * Every API request but the sign-in and the demo users needs a session; every change also its
     * CSRF token in {@link #CSRF_HEADER}, and a JSON body (a cross-site form cannot send one).
     */
    private void authenticate(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        boolean change = !ctx.method().name().equals("GET") && !ctx.method().name().equals("HEAD");
        if (change && ctx.method().name().matches("POST|PUT") && !isJson(ctx)) {
            throw new HttpErrors.Rejected(415, "UNSUPPORTED_MEDIA_TYPE", "Send the request body as application/json.");
        }
        String path = ctx.path();
        if (path.equals("/api/demo-users") || path.equals("/api/session") && ctx.method().name().equals("POST")) {
            return;
        }
        Sessions.Session session = sessions.find(ctx.cookie(SESSION_COOKIE))
                .orElseThrow(() -> new HttpErrors.Rejected(401, "SIGNED_OUT", "Sign in first."));
        if (change && !session.acceptsCsrf(ctx.header(CSRF_HEADER))) {
            throw new HttpErrors.Rejected(403, "CSRF", "The request lacks this session's CSRF token.");
        }
        ctx.attribute(SESSION, session);
    }

    private static boolean isJson(Context ctx) {
        String type = ctx.contentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json");
    }

    private static Sessions.Session session(Context ctx) {
        return ctx.attribute(SESSION);
    }

    private static Actor actor(Context ctx) {
        return session(ctx).user().actor();
    }

    private void signIn(Context ctx) {
        SignIn input = HttpErrors.body(ctx, SignIn.class);
        DemoUser user = Optional.ofNullable(input.user()).flatMap(demo::user).orElseThrow(() ->
                new InvalidInputException(List.of(new Violation("user", "is not one of the demo users"))));
        sessions.close(ctx.cookie(SESSION_COOKIE));
        Sessions.Session session = sessions.open(user);
        Cookie cookie = new Cookie(SESSION_COOKIE, session.id(), "/", (int) sessions.lifetime().toSeconds(),
                "https".equals(ctx.scheme()), true, null, SameSite.STRICT);
        ctx.cookie(cookie);
        ctx.json(SessionView.of(session));
    }

    private void signOut(Context ctx) {
        sessions.close(session(ctx).id());
        ctx.removeCookie(SESSION_COOKIE, "/");
        ctx.status(204);
    }

    private void portal(Context ctx) {
        Actor actor = actor(ctx);
        CompanyId own = actor.companyId();
        Company company = billing.accounts().find(actor, own);
        if (company.isPartnerManaged()) {
            // The SDK refuses every operation on it: the page says who to turn to instead.
            ctx.json(new PortalView(CompanyRef.of(company), null, true, "The billing of " + company.name()
                    + " is run by a partner: manage it through the partner, not through this portal.",
                    List.of(CompanyRef.of(company)), List.of(), List.of()));
            return;
        }
        List<PlanView> plans = new ArrayList<>();
        for (Product product : billing.catalog().products()) {
            for (Plan plan : billing.catalog().plans(product.code())) {
                plans.add(PlanView.of(plan, product));
            }
        }
        List<CompanyRef> companies = billing.accounts().tree(actor, own).stream().map(CompanyRef::of).toList();
        var payer = billing.accounts().payer(actor, own);
        ctx.json(new PortalView(CompanyRef.of(company), payer.itself() ? null : payer.name(), false, null, companies,
                plans, formats()));
    }

    /**
     * A page of the company's subscriptions (with its descendants' unless {@code scope=company})
     * that the query selects, {@value #SUBSCRIPTION_PAGE} at most, and how many it selects in each
     * state: {@code state} (repeated or comma-separated state names; every state when absent),
     * {@code product} (product codes, the same way; every product when absent), {@code scheduled}
     * ({@code true} for those with a cancellation or change still to come), {@code q} (text the
     * company's name contains, ignoring case) and {@code cursor} (the previous page's). The counts
     * ignore {@code state}: they are the figures beside a state filter. An unknown state, product
     * or {@code scheduled} value is a 400 naming that parameter; a bad {@code q} or cursor one
     * naming {@code filter.companyName} or {@code page.cursor}, as the SDK names them.
     */
    private void subscriptions(Context ctx) {
        Actor actor = actor(ctx);
        CompanyId id = company(ctx);
        SubscriptionFilter filter = filter(ctx);
        Scope scope = "company".equals(ctx.queryParam("scope")) ? Scope.COMPANY_ONLY : Scope.WITH_DESCENDANTS;
        String cursor = ctx.queryParam("cursor");
        PageRequest page = cursor == null || cursor.isBlank() ? PageRequest.first(SUBSCRIPTION_PAGE)
                : PageRequest.after(cursor, SUBSCRIPTION_PAGE);
        Page<SubscriptionView> rows = billing.subscriptions().list(actor, id, scope, filter, page);
        SubscriptionCounts counts = billing.subscriptions().count(actor, id, scope, filter);
        ctx.json(SubscriptionPageView.of(rows, counts, actor.companyId().toString()));
    }

    /** The list's filter from the query, every parameter's problem named; every state and product unless narrowed. */
    private SubscriptionFilter filter(Context ctx) {
        List<Violation> problems = new ArrayList<>();
        SubscriptionFilter filter = SubscriptionFilter.everyState();
        try {
            filter = filter.withCompanyNameContaining(ctx.queryParam("q"));
        } catch (InvalidInputException e) {
            problems.addAll(e.violations());
        }
        Set<SubscriptionState> states = EnumSet.noneOf(SubscriptionState.class);
        for (String name : listParam(ctx, "state")) {
            try {
                states.add(SubscriptionState.valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                problems.add(new Violation("state", "must be TRIALING, ACTIVE, PAST_DUE or CANCELLED"));
                break;
            }
        }
        Set<ProductCode> known = billing.catalog().products().stream().map(Product::code).collect(Collectors.toSet());
        Set<ProductCode> products = new HashSet<>();
        for (String code : listParam(ctx, "product")) {
            ProductCode product = code.matches(ProductCode.PATTERN) ? ProductCode.of(code) : null;
            if (product == null || !known.contains(product)) {
                problems.add(new Violation("product", "is not a product of the catalog"));
                break;
            }
            products.add(product);
        }
        String scheduled = ctx.queryParam("scheduled");
        if (scheduled != null && !scheduled.equals("true") && !scheduled.equals("false")) {
            problems.add(new Violation("scheduled", "must be true or false"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        filter = filter.withProducts(products.toArray(ProductCode[]::new));
        if (!states.isEmpty()) {
            filter = filter.withStates(states.toArray(SubscriptionState[]::new));
        }
        return "true".equals(scheduled) ? filter.withScheduledOnly() : filter;
    }

    /** A query parameter's values, repeated or comma-separated, trimmed, blanks left out. */
    private static List<String> listParam(Context ctx, String name) {
        return ctx.queryParams(name).stream().flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::strip).filter(value -> !value.isEmpty()).toList();
    }

    private List<String> formats() {
        return billing.documentFormats().stream().map(Enum::name).toList();
    }

    private void cancel(Context ctx) {
        CancelInput input = HttpErrors.body(ctx, CancelInput.class);
        DataErasure erasure = Boolean.TRUE.equals(input.acknowledgeErasure()) ? DataErasure.ACKNOWLEDGED
                : DataErasure.NOT_ACKNOWLEDGED;
        CancelResult result = billing.subscriptions().cancel(actor(ctx), subscription(ctx), erasure);
        if (result instanceof CancelResult.Refused refused) {
            throw new HttpErrors.RefusedResult(refused.reason());
        }
        if (result instanceof CancelResult.Scheduled scheduled) {
            ctx.json(new Outcome("SCHEDULED", "Cancels on " + Views.day(scheduled.effectiveOn())
                    + ", at the end of the term.", Views.day(scheduled.effectiveOn()), null, null, null, null, null));
        } else {
            CancelResult.Cancelled cancelled = (CancelResult.Cancelled) result;
            ctx.json(new Outcome("CANCELLED", "Cancelled; its data is being erased.",
                    Views.day(cancelled.effectiveAt()), null, null, null, null, null));
        }
    }

    private void removeCancellation(Context ctx) {
        RemoveCancellationResult result = billing.subscriptions().removeScheduledCancellation(actor(ctx),
                subscription(ctx));
        if (result instanceof RemoveCancellationResult.Refused refused) {
            throw new HttpErrors.RefusedResult(refused.reason());
        }
        ctx.json(Outcome.of("REMOVED", "The scheduled cancellation is removed; the service goes on."));
    }

    private void reactivate(Context ctx) {
        ReactivateResult result = billing.subscriptions().reactivate(actor(ctx), subscription(ctx));
        if (result instanceof ReactivateResult.Refused refused) {
            throw new HttpErrors.RefusedResult(refused.reason());
        }
        ReactivateResult.Reactivated reactivated = (ReactivateResult.Reactivated) result;
        ctx.json(new Outcome("REACTIVATED", "Reactivated in a new environment.", null,
                reactivated.subscription().id().toString(), reactivated.subscription().environmentId().value(),
                null, null, null));
    }

    private Change change(ChangeInput input) {
        PlanId plan;
        try {
            plan = input.planId() == null || input.planId().isBlank() ? null : PlanId.of(input.planId().trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(List.of(new Violation("planId", "is not a plan id")));
        }
        int quantity = input.quantity() == null ? 0 : input.quantity();
        Change change = new Change(plan, quantity, null);
        List<Violation> problems = change.problems();
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return change;
    }

    private void previewChange(Context ctx) {
        ChangePreview preview = billing.changes().preview(actor(ctx), subscription(ctx),
                change(HttpErrors.body(ctx, ChangeInput.class)));
        if (preview instanceof ChangePreview.Refused refused) {
            throw new HttpErrors.RefusedResult(refused.reason());
        }
        if (preview instanceof ChangePreview.Scheduled scheduled) {
            ctx.json(scheduled(scheduled.change()));
            return;
        }
        ChangePreview.Immediate immediate = (ChangePreview.Immediate) preview;
        ChangePreview.Credit credit = immediate.creditNote();
        ctx.json(new Outcome("IMMEDIATE", "Takes effect now.", null, null, null, InvoiceView.of(immediate.invoice()),
                credit == null ? null : new CreditView(credit.invoiceNumber().toString(), credit.destination().text(),
                        Views.money(credit.total())), null));
    }

    /** What a change scheduled for a later date answers, previewed or made. */
    private static Outcome scheduled(ScheduledChange change) {
        return new Outcome("SCHEDULED", "Takes effect on " + Views.day(change.effectiveOn()) + ".",
                Views.day(change.effectiveOn()), null, null, null, null, ChangeView.of(change, null));
    }

    private void change(Context ctx) {
        ChangeResult result = billing.changes().change(actor(ctx), subscription(ctx),
                change(HttpErrors.body(ctx, ChangeInput.class)));
        if (result instanceof ChangeResult.Refused refused) {
            throw new HttpErrors.RefusedResult(refused.reason());
        }
        if (result instanceof ChangeResult.Scheduled scheduled) {
            ctx.json(scheduled(scheduled.change()));
            return;
        }
        ChangeResult.Applied applied = (ChangeResult.Applied) result;
        ctx.json(new Outcome("APPLIED", "Changed now.", null, applied.subscriptionId().toString(), null,
                InvoiceView.of(applied.invoice()), CreditView.of(applied.creditNote()), null));
    }

    private void account(Context ctx) {
        Actor actor = actor(ctx);
        CompanyId id = company(ctx);
        ctx.json(AccountView.of(billing.accounts().find(actor, id), billing.accounts().payer(actor, id)));
    }

    private void changeMainEmail(Context ctx) {
        MainEmailInput input = HttpErrors.body(ctx, MainEmailInput.class);
        Actor actor = actor(ctx);
        Company company = billing.accounts().changeMainEmail(actor, company(ctx), input.mainEmail());
        ctx.json(AccountView.of(company, billing.accounts().payer(actor, company.id())));
    }

    private void updateBillingDetails(Context ctx) {
        BillingDetailsInput input = HttpErrors.body(ctx, BillingDetailsInput.class);
        BillingDetails details = new BillingDetails(input.billingEmail(), input.vatNumber(),
                input.billingAddress() == null ? null : input.billingAddress().toAddress(),
                input.shippingAddress() == null || input.shippingAddress().isBlank() ? null
                        : input.shippingAddress().toAddress());
        Actor actor = actor(ctx);
        Company company = billing.accounts().updateBillingDetails(actor, company(ctx), details);
        ctx.json(AccountView.of(company, billing.accounts().payer(actor, company.id())));
    }

    private void paymentMethods(Context ctx) {
        ctx.json(billing.paymentMethods().list(actor(ctx), company(ctx)).stream().map(PaymentMethodView::of)
                .toList());
    }

    private void startSetup(Context ctx) {
        SetupInput input = HttpErrors.body(ctx, SetupInput.class);
        SetupKind kind;
        try {
            kind = SetupKind.valueOf(String.valueOf(input.kind()));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(List.of(new Violation("kind",
                    "must be CARD, SEPA_DEBIT or SEPA_VIA_IDEAL")));
        }
        // The simulated provider's set-up needs no form: the client secret a real provider's form
        // takes stays on the server.
        SetupSession setup = billing.paymentMethods().startSetup(actor(ctx), company(ctx), kind);
        ctx.status(201).json(new SetupView(setup.id().toString(), setup.kind().name()));
    }

    private void completeSetup(Context ctx) {
        SetupOutcome outcome = billing.paymentMethods().completeSetup(actor(ctx), company(ctx),
                HttpErrors.id(ctx.pathParam("setup"), SetupId::of));
        if (outcome instanceof SetupOutcome.Refused refused) {
            throw new HttpErrors.RefusedResult(refused.reason());
        }
        if (outcome instanceof SetupOutcome.NotYetComplete pending) {
            ctx.status(202).json(Outcome.of("PENDING", "The provider has not confirmed it yet (" + pending.status()
                    + ")."));
            return;
        }
        ctx.json(PaymentMethodView.of(((SetupOutcome.Added) outcome).method()));
    }

    private void makeDefault(Context ctx) {
        ctx.json(PaymentMethodView.of(billing.paymentMethods().makeDefault(actor(ctx), company(ctx), method(ctx))));
    }

    private void removeMethod(Context ctx) {
        billing.paymentMethods().remove(actor(ctx), company(ctx), method(ctx));
        ctx.status(204);
    }

    private void history(Context ctx) {
        Actor actor = actor(ctx);
        CompanyId id = company(ctx);
        String cursor = ctx.queryParam("cursor");
        Scope scope = "company".equals(ctx.queryParam("scope")) ? Scope.COMPANY_ONLY : Scope.WITH_DESCENDANTS;
        PageRequest page = cursor == null || cursor.isBlank() ? PageRequest.first(HISTORY_PAGE)
                : PageRequest.after(cursor, HISTORY_PAGE);
        Page<HistoryEntry> entries = billing.invoices().history(actor, id, scope, page);
        ctx.json(new HistoryView(entries.items().stream().map(HistoryRow::of).toList(), entries.nextCursor(),
                billing.credits().balances(actor, id).stream().map(Views::money).toList(), formats()));
    }

    private void invoiceDocument(Context ctx) {
        InvoiceDocument document = billing.invoices().document(actor(ctx),
                HttpErrors.id(ctx.pathParam("id"), InvoiceId::of), format(ctx));
        download(ctx, document);
    }

    private void creditNoteDocument(Context ctx) {
        InvoiceDocument document = billing.credits().document(actor(ctx),
                HttpErrors.id(ctx.pathParam("id"), CreditNoteId::of), format(ctx));
        download(ctx, document);
    }

    private static DocumentFormat format(Context ctx) {
        String format = ctx.queryParam("format");
        try {
            return format == null ? DocumentFormat.PDF : DocumentFormat.valueOf(format);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(List.of(new Violation("format", "is not a document format")));
        }
    }

    private static void download(Context ctx, InvoiceDocument document) {
        ctx.contentType(document.contentType());
        ctx.header("Content-Disposition", "attachment; filename=\"" + document.fileName().replaceAll("[^A-Za-z0-9._-]",
                "_") + "\"");
        ctx.result(document.content());
    }

    private static SubscriptionId subscription(Context ctx) {
        return HttpErrors.id(ctx.pathParam("id"), SubscriptionId::of);
    }

    private static CompanyId company(Context ctx) {
        return HttpErrors.id(ctx.pathParam("id"), CompanyId::of);
    }

    private static PaymentMethodId method(Context ctx) {
        return HttpErrors.id(ctx.pathParam("method"), PaymentMethodId::of);
    }
}
