package org.billingsdk.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.billingsdk.core.Billing;
import org.billingsdk.core.PageRequest;
import org.billingsdk.core.Scope;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.history.HistoryEntry;
import org.billingsdk.core.subscription.SubscriptionId;
import org.billingsdk.core.subscription.SubscriptionState;
import org.billingsdk.core.subscription.SubscriptionView;
import org.billingsdk.examples.portal.PortalClient.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The portal's JSON API without a browser: every endpoint as the demo users, what the SDK holds
 * afterwards, the access rule through edited ids, sessions, CSRF, bad input (every field named, 400,
 * nothing stored), the size limit and the error answers.
 */
class PortalApiTest {

    private PortalServer portal;
    private Billing billing;

    @BeforeEach
    void start() {
        portal = PortalServer.start(0);
        billing = portal.billing();
    }

    @AfterEach
    void stop() {
        portal.close();
    }

    private PortalClient as(String user) {
        return new PortalClient(portal.url()).signIn(user);
    }

    private DemoUser user(String name) {
        return portal.demo().user(name).orElseThrow();
    }

    private SubscriptionView subscription(String user, String company, String plan) {
        Actor actor = user(user).actor();
        return billing.subscriptions().all(actor, actor.companyId(), Scope.WITH_DESCENDANTS).stream()
                .filter(row -> row.companyName().equals(company) && row.planId().value().equals(plan)
                        && row.state() != SubscriptionState.CANCELLED)
                .findFirst().orElseThrow();
    }

    private Company company(String user, String name) {
        Actor actor = user(user).actor();
        return billing.accounts().tree(actor, actor.companyId()).stream().filter(c -> c.name().equals(name))
                .findFirst().orElseThrow();
    }

    @Test
    void signingInSetsAnHttpOnlySameSiteStrictCookieAndAnswersTheSessionsCsrfToken() {
        PortalClient client = new PortalClient(portal.url());

        Answer answer = client.post("/api/session", "{\"user\":\"alice\"}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Set-Cookie")).startsWith(PortalApi.SESSION_COOKIE + "=").contains("HttpOnly")
                .contains("SameSite=Strict").contains("Path=/");
        assertThat(answer.json().path("csrfToken").asString()).hasSizeGreaterThan(40);
        assertThat(answer.json().path("companyName").asString()).isEqualTo("Acme Holding");
        assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void withoutASessionEveryApiRequestIsAnswered401AndAnUnknownUserCannotSignIn() {
        PortalClient anonymous = new PortalClient(portal.url());
        String holding = user("alice").companyId().toString();

        assertThat(anonymous.get("/api/portal").status()).isEqualTo(401);
        assertThat(anonymous.get("/api/companies/" + holding + "/subscriptions").status()).isEqualTo(401);
        assertThat(anonymous.get("/api/companies/" + holding + "/account").status()).isEqualTo(401);
        assertThat(anonymous.get("/api/companies/" + holding + "/history").json().path("error").asString())
                .isEqualTo("SIGNED_OUT");
        Answer unknown = anonymous.post("/api/session", "{\"user\":\"mallory\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("violations").path(0).path("field").asString()).isEqualTo("user");
    }

    @Test
    void signingOutEndsTheSession() {
        PortalClient alice = as("alice");

        assertThat(alice.delete("/api/session").status()).isEqualTo(204);

        assertThat(alice.get("/api/portal").status()).isEqualTo(401);
    }

    @Test
    void aChangeWithoutTheCsrfTokenIsRefusedAndNothingChanges() {
        PortalClient alice = as("alice");
        String holding = alice.companyId();

        Answer answer = alice.withoutCsrf().put("/api/companies/" + holding + "/main-email",
                "{\"mainEmail\":\"attacker@evil.example\"}");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().path("error").asString()).isEqualTo("CSRF");
        assertThat(billing.accounts().find(user("alice").actor(), user("alice").companyId()).mainEmail().value())
                .isEqualTo("it@acme.example");
    }

    @Test
    void aChangeSentAsAFormIsRefusedBeforeItReachesTheSdk() {
        PortalClient alice = as("alice");
        SubscriptionView seats = subscription("alice", "Acme Holding", "edr-seats");

        Answer answer = alice.postAs("/api/subscriptions/" + seats.subscriptionId() + "/cancel",
                "application/x-www-form-urlencoded", "acknowledgeErasure=true");

        assertThat(answer.status()).isEqualTo(415);
        assertThat(subscription("alice", "Acme Holding", "edr-seats").state()).isEqualTo(SubscriptionState.ACTIVE);
    }

    @Test
    void theParentSeesItsChildrensSubscriptionsAndTheChildOnlyItsOwn() {
        PortalClient alice = as("alice");
        PortalClient bob = as("bob");
        JsonNode parent = alice.get("/api/portal").json();
        JsonNode child = bob.get("/api/portal").json();
        JsonNode parentRows = alice.get("/api/companies/" + alice.companyId() + "/subscriptions").json().path("rows");
        JsonNode childRows = bob.get("/api/companies/" + bob.companyId() + "/subscriptions").json().path("rows");

        assertThat(parent.has("subscriptions")).as("the rows come a page at a time from the list").isFalse();
        assertThat(names(parentRows, "companyName")).startsWith("Acme Holding", "Acme Holding", "Acme Amsterdam",
                "Acme Berlin", "Client 01");
        assertThat(names(parent.path("companies"), "name")).startsWith("Acme Holding", "Acme Berlin",
                "Acme Amsterdam", "Client 01").hasSize(3 + DemoPortal.CLIENTS);
        assertThat(names(childRows, "companyName")).containsOnly("Acme Berlin");
        assertThat(names(child.path("companies"), "name")).containsExactly("Acme Berlin");
        JsonNode siem = find(parentRows, "planId", "siem-annual-contract");
        assertThat(siem.path("amount").asString()).isEqualTo("EUR 1200.00 / year");
        assertThat(siem.path("contractEnd").isString()).isTrue();
        JsonNode trial = find(parentRows, "planId", "edr-monthly");
        assertThat(trial.path("companyName").asString()).isEqualTo("Acme Holding");
        assertThat(trial.path("trialEnd").isString()).isTrue();
        assertThat(trial.path("own").asBoolean()).isTrue();
        assertThat(find(parentRows, "companyName", "Client 12").path("billedTo").asString()).isEqualTo("Acme Holding");
        assertThat(names(parent.path("plans"), "id")).contains("edr-seats", "edr-pro-seats", "siem-monthly");
    }

    @Test
    void pagingThroughTheListAnswersEveryRowOnceInTheSdksOrderWithItsCounts() {
        PortalClient alice = as("alice");
        List<SubscriptionView> expected = all("alice", user("alice").companyId());

        List<JsonNode> pages = pages(alice, alice.companyId(), "");

        assertThat(expected).hasSizeGreaterThan(PortalApi.SUBSCRIPTION_PAGE);
        assertThat(pages).hasSize(2);
        assertThat(pages.get(0).path("rows").size()).isEqualTo(PortalApi.SUBSCRIPTION_PAGE);
        assertThat(pages.get(1).path("nextCursor").isNull()).isTrue();
        assertThat(rowIds(pages)).doesNotHaveDuplicates()
                .containsExactlyElementsOf(expected.stream().map(row -> row.subscriptionId().toString()).toList());
        assertThat(pages).allSatisfy(page -> assertThat(counts(page)).isEqualTo(countsOf(expected)));
        assertThat(names(pages.get(1).path("rows"), "companyName")).last().isEqualTo(
                String.format("Client %02d", DemoPortal.CLIENTS));
    }

    @Test
    void eachFilterNarrowsTheListAndTheCountsBesideTheStates() {
        PortalClient alice = as("alice");
        String holding = alice.companyId();
        List<SubscriptionView> every = all("alice", user("alice").companyId());

        assertFiltered(alice, holding, "?state=PAST_DUE", every, row -> true,
                row -> row.state() == SubscriptionState.PAST_DUE);
        assertFiltered(alice, holding, "?state=TRIALING,PAST_DUE", every, row -> true,
                row -> row.state() == SubscriptionState.TRIALING || row.state() == SubscriptionState.PAST_DUE);
        assertFiltered(alice, holding, "?state=TRIALING&state=PAST_DUE", every, row -> true,
                row -> row.state() == SubscriptionState.TRIALING || row.state() == SubscriptionState.PAST_DUE);
        assertFiltered(alice, holding, "?product=siem", every, row -> row.product().code().value().equals("siem"),
                row -> true);
        assertFiltered(alice, holding, "?scheduled=true", every,
                row -> row.scheduledCancellation() != null || row.scheduledChange() != null, row -> true);
        assertFiltered(alice, holding, "?q=BERLIN", every, row -> row.companyName().equals("Acme Berlin"), row -> true);
        assertFiltered(alice, holding, "?q=" + URLEncoder.encode("client 1", StandardCharsets.UTF_8), every,
                row -> row.companyName().startsWith("Client 1"), row -> true);
        assertFiltered(alice, holding, "?product=edr&state=ACTIVE&q=client", every,
                row -> row.product().code().value().equals("edr") && row.companyName().startsWith("Client"),
                row -> row.state() == SubscriptionState.ACTIVE);
        assertFiltered(alice, holding, "?scope=company", every,
                row -> row.companyName().equals("Acme Holding"), row -> true);
        assertFiltered(alice, holding, "?state=CANCELLED&product=siem&q=%20", every,
                row -> row.product().code().value().equals("siem"), row -> row.state() == SubscriptionState.CANCELLED);
        JsonNode cancelled = alice.get("/api/companies/" + holding + "/subscriptions?state=cancelled").json();
        assertThat(names(cancelled.path("rows"), "state")).isNotEmpty().containsOnly("CANCELLED");
    }

    @Test
    void aChildAdminGetsItsOwnSubtreesListAndNeverItsParentsAndAParentNarrowsToAChild() {
        PortalClient bob = as("bob");
        PortalClient alice = as("alice");
        String holding = user("alice").companyId().toString();
        String berlin = user("bob").companyId().toString();

        Answer parents = bob.get("/api/companies/" + holding + "/subscriptions");
        Answer parentsClient = bob.get("/api/companies/" + company("alice", "Client 01").id() + "/subscriptions");
        JsonNode own = bob.get("/api/companies/" + berlin + "/subscriptions").json();
        JsonNode narrowed = alice.get("/api/companies/" + berlin + "/subscriptions").json();

        assertThat(List.of(parents, parentsClient)).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.json().path("error").asString()).isEqualTo("NOT_FOUND");
            assertThat(answer.text()).doesNotContain("Acme Holding").doesNotContain("Client 01");
        });
        List<SubscriptionView> expected = all("bob", user("bob").companyId());
        assertThat(rowIds(List.of(own))).containsExactlyElementsOf(expected.stream()
                .map(row -> row.subscriptionId().toString()).toList());
        assertThat(names(own.path("rows"), "companyName")).isNotEmpty().containsOnly("Acme Berlin");
        assertThat(counts(own)).isEqualTo(countsOf(expected));
        assertThat(own.path("nextCursor").isNull()).isTrue();
        assertThat(names(narrowed.path("rows"), "id")).isEqualTo(names(own.path("rows"), "id"));
    }

    @Test
    void aTamperedCursorAndUnknownFilterValuesAreAnswered400NamingTheirField() {
        PortalClient alice = as("alice");
        String list = "/api/companies/" + alice.companyId() + "/subscriptions";
        String cursor = alice.get(list).json().path("nextCursor").asString();
        // A cursor names a position: a different valid position is a cursor too, so these name none.
        String truncated = cursor.substring(0, cursor.length() - 8);
        String edited = cursor.substring(0, 10) + "*" + cursor.substring(11);
        String otherVersion = Base64.getUrlEncoder().withoutPadding().encodeToString(("l9" + new String(
                Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).substring(2))
                .getBytes(StandardCharsets.UTF_8));

        Answer cut = alice.get(list + "?cursor=" + truncated);
        Answer tampered = alice.get(list + "?cursor=" + edited);
        Answer forgedVersion = alice.get(list + "?cursor=" + otherVersion);
        Answer garbage = alice.get(list + "?cursor=not-a-cursor");
        Answer badState = alice.get(list + "?state=ACTIVE,SLEEPING");
        Answer badProduct = alice.get(list + "?product=firewall");
        Answer malformedProduct = alice.get(list + "?product=" + URLEncoder.encode("<edr>",
                StandardCharsets.UTF_8));
        Answer badScheduled = alice.get(list + "?scheduled=maybe");
        Answer longName = alice.get(list + "?q=" + "a".repeat(201));
        Answer everything = alice.get(list + "?state=SLEEPING&product=firewall&scheduled=yes&q=" + "a".repeat(201));

        for (Answer cursorAnswer : List.of(cut, tampered, forgedVersion, garbage)) {
            assertThat(cursorAnswer.status()).isEqualTo(400);
            assertThat(fields(cursorAnswer)).containsExactly("page.cursor");
        }
        assertThat(badState.status()).isEqualTo(400);
        assertThat(fields(badState)).containsExactly("state");
        assertThat(fields(badProduct)).containsExactly("product");
        assertThat(fields(malformedProduct)).containsExactly("product");
        assertThat(fields(badScheduled)).containsExactly("scheduled");
        assertThat(fields(longName)).containsExactly("filter.companyName");
        assertThat(everything.status()).isEqualTo(400);
        assertThat(fields(everything)).containsExactlyInAnyOrder("state", "product", "scheduled", "filter.companyName");
        assertThat(List.of(cut, tampered, garbage, badState, everything)).allSatisfy(answer ->
                assertThat(answer.text()).doesNotContain("Exception").doesNotContain("at org."));
    }

    @Test
    void aChildAdminCannotReachTheParentByEditingIdsInRequests() {
        PortalClient bob = as("bob");
        String holding = user("alice").companyId().toString();
        SubscriptionView parentSeats = subscription("alice", "Acme Holding", "edr-seats");
        HistoryEntry parentInvoice = billing.invoices().history(user("alice").actor(), user("alice").companyId(),
                Scope.COMPANY_ONLY, PageRequest.first(1)).items().get(0);

        List<Answer> answers = List.of(
                bob.get("/api/companies/" + holding + "/account"),
                bob.get("/api/companies/" + holding + "/subscriptions"),
                bob.put("/api/companies/" + holding + "/main-email", "{\"mainEmail\":\"bob@ber.acme.example\"}"),
                bob.get("/api/companies/" + holding + "/history"),
                bob.get("/api/companies/" + holding + "/payment-methods"),
                bob.post("/api/companies/" + holding + "/payment-methods/setups", "{\"kind\":\"CARD\"}"),
                bob.post("/api/subscriptions/" + parentSeats.subscriptionId() + "/cancel",
                        "{\"acknowledgeErasure\":true}"),
                bob.post("/api/subscriptions/" + parentSeats.subscriptionId() + "/change-preview",
                        "{\"quantity\":50}"),
                bob.get("/api/invoices/" + ((org.billingsdk.core.history.InvoiceSummary) parentInvoice).id()
                        + "/document?format=PDF"));

        assertThat(answers).extracting(Answer::status).containsOnly(404);
        assertThat(answers).allSatisfy(answer -> assertThat(answer.text()).doesNotContain("Acme Holding"));
        assertThat(billing.accounts().find(user("alice").actor(), user("alice").companyId()).mainEmail().value())
                .isEqualTo("it@acme.example");
        assertThat(subscription("alice", "Acme Holding", "edr-seats").state()).isEqualTo(SubscriptionState.ACTIVE);
    }

    @Test
    void aPartnerManagedCompanyIsToldItsPartnerRunsItsBillingAndEveryChangeIsRefused() {
        PortalClient pat = as("pat");
        JsonNode view = pat.get("/api/portal").json();
        SubscriptionId seats = portal.demo().partnerManagedSubscription();
        String methods = "/api/companies/" + pat.companyId() + "/payment-methods";

        List<Answer> answers = List.of(
                pat.post("/api/subscriptions/" + seats + "/cancel", "{\"acknowledgeErasure\":true}"),
                pat.post("/api/subscriptions/" + seats + "/change", "{\"quantity\":30}"),
                pat.put("/api/companies/" + pat.companyId() + "/main-email", "{\"mainEmail\":\"x@globex.example\"}"),
                pat.post(methods + "/setups", "{\"kind\":\"CARD\"}"),
                pat.delete(methods + "/" + pat.get(methods).json().path(0).path("id").asString()),
                pat.get("/api/companies/" + pat.companyId() + "/subscriptions"));

        assertThat(view.path("partnerManaged").asBoolean()).isTrue();
        assertThat(view.has("subscriptions")).isFalse();
        assertThat(view.path("message").asString()).contains("run by a partner");
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.json().path("error").asString()).isEqualTo("PARTNER_MANAGED");
        });
        assertThat(portal.demo().partnerManagedSubscriptionState()).isEqualTo(SubscriptionState.ACTIVE);
    }

    @Test
    void cancellingNeedsTheErasureAcknowledgementAndReactivatingMakesANewEnvironment() {
        PortalClient alice = as("alice");
        SubscriptionView trial = subscription("alice", "Acme Holding", "edr-monthly");

        Answer refused = alice.post("/api/subscriptions/" + trial.subscriptionId() + "/cancel",
                "{\"acknowledgeErasure\":false}");
        Answer cancelled = alice.post("/api/subscriptions/" + trial.subscriptionId() + "/cancel",
                "{\"acknowledgeErasure\":true}");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("error").asString()).isEqualTo("ERASURE_NOT_ACKNOWLEDGED");
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().path("outcome").asString()).isEqualTo("CANCELLED");
        assertThat(billing.subscriptions().find(user("alice").actor(), trial.subscriptionId()).state())
                .isEqualTo(SubscriptionState.CANCELLED);

        Answer reactivated = alice.post("/api/subscriptions/" + trial.subscriptionId() + "/reactivate", "{}");

        assertThat(reactivated.status()).isEqualTo(200);
        String environment = reactivated.json().path("environment").asString();
        assertThat(environment).isNotBlank().isNotEqualTo(trial.environmentId().value());
        SubscriptionId successor = SubscriptionId.of(reactivated.json().path("subscriptionId").asString());
        assertThat(billing.subscriptions().find(user("alice").actor(), successor).environmentId().value())
                .isEqualTo(environment);
        assertThat(alice.post("/api/subscriptions/" + trial.subscriptionId() + "/reactivate", "{}").json()
                .path("error").asString()).isEqualTo("ALREADY_REACTIVATED");
    }

    @Test
    void cancellingUnderAContractIsScheduledAndTheScheduleCanBeRemoved() {
        PortalClient alice = as("alice");
        SubscriptionView siem = subscription("alice", "Acme Amsterdam", "siem-annual-contract");

        Answer scheduled = alice.post("/api/subscriptions/" + siem.subscriptionId() + "/cancel",
                "{\"acknowledgeErasure\":true}");

        assertThat(scheduled.json().path("outcome").asString()).isEqualTo("SCHEDULED");
        assertThat(scheduled.json().path("effectiveOn").asString()).isEqualTo(Views.day(siem.contractEnd()));
        assertThat(subscription("alice", "Acme Amsterdam", "siem-annual-contract").scheduledCancellation())
                .isEqualTo(siem.contractEnd());

        Answer removed = alice.post("/api/subscriptions/" + siem.subscriptionId() + "/remove-cancellation", "{}");

        assertThat(removed.json().path("outcome").asString()).isEqualTo("REMOVED");
        assertThat(subscription("alice", "Acme Amsterdam", "siem-annual-contract").scheduledCancellation()).isNull();
        assertThat(alice.post("/api/subscriptions/" + siem.subscriptionId() + "/remove-cancellation", "{}").json()
                .path("error").asString()).isEqualTo("NOTHING_SCHEDULED");
    }

    @Test
    void aSeatChangeIsPreviewedThenAppliedWithItsInvoice() {
        PortalClient alice = as("alice");
        SubscriptionView seats = subscription("alice", "Acme Holding", "edr-seats");

        JsonNode preview = alice.post("/api/subscriptions/" + seats.subscriptionId() + "/change-preview",
                "{\"planId\":\"edr-seats\",\"quantity\":50}").json();

        assertThat(preview.path("outcome").asString()).isEqualTo("IMMEDIATE");
        assertThat(preview.path("invoice").path("lines").size()).isPositive();
        assertThat(subscription("alice", "Acme Holding", "edr-seats").quantity()).isEqualTo(40);

        JsonNode applied = alice.post("/api/subscriptions/" + seats.subscriptionId() + "/change",
                "{\"planId\":\"edr-seats\",\"quantity\":50}").json();

        assertThat(applied.path("outcome").asString()).isEqualTo("APPLIED");
        assertThat(applied.path("invoice").path("total").asString()).isEqualTo(preview.path("invoice").path("total")
                .asString());
        assertThat(subscription("alice", "Acme Holding", "edr-seats").quantity()).isEqualTo(50);
    }

    @Test
    void aChildWhoseParentPaysSeesNoneOfTheParentsDocumentsWhenItChangesSeats() {
        billing.accounts().setPayer(user("alice").actor(), user("bob").companyId(), user("alice").companyId());
        PortalClient bob = as("bob");
        SubscriptionView seats = subscription("bob", "Acme Berlin", "edr-seats");

        JsonNode preview = bob.post("/api/subscriptions/" + seats.subscriptionId() + "/change-preview",
                "{\"quantity\":20}").json();
        JsonNode applied = bob.post("/api/subscriptions/" + seats.subscriptionId() + "/change",
                "{\"quantity\":20}").json();

        assertThat(preview.path("outcome").asString()).isEqualTo("IMMEDIATE");
        assertThat(applied.path("outcome").asString()).isEqualTo("APPLIED");
        for (JsonNode answer : List.of(preview, applied)) {
            assertThat(answer.path("invoice").isNull()).isTrue();
            assertThat(answer.path("credit").isNull()).isTrue();
        }
        assertThat(bob.get("/api/portal").json().path("billedTo").asString()).isEqualTo("Acme Holding");
        assertThat(subscription("bob", "Acme Berlin", "edr-seats").quantity()).isEqualTo(20);
    }

    @Test
    void aChangeOutsideThePlansRangeOrOfAnUnknownPlanIsAnsweredWithoutChangingAnything() {
        PortalClient alice = as("alice");
        SubscriptionView seats = subscription("alice", "Acme Holding", "edr-seats");
        String path = "/api/subscriptions/" + seats.subscriptionId() + "/change";

        Answer negative = alice.post(path, "{\"quantity\":-3}");
        Answer nothing = alice.post(path, "{}");
        Answer tooMany = alice.post(path, "{\"quantity\":5000}");
        Answer unknown = alice.post(path, "{\"planId\":\"no-such-plan\"}");
        Answer text = alice.post(path, "{\"quantity\":\"many\"}");
        Answer malformedPlan = alice.post(path, "{\"planId\":\"Bad Plan!\"}");

        assertThat(negative.status()).isEqualTo(400);
        assertThat(fields(negative)).containsExactly("quantity");
        assertThat(fields(nothing)).containsExactly("planId");
        assertThat(tooMany.status()).isBetween(400, 409);
        assertThat(unknown.status()).isBetween(400, 409);
        assertThat(fields(text)).containsExactly("quantity");
        assertThat(malformedPlan.status()).isEqualTo(400);
        assertThat(fields(malformedPlan)).containsExactly("planId");
        assertThat(subscription("alice", "Acme Holding", "edr-seats").quantity()).isEqualTo(40);
    }

    @Test
    void theMainEmailIsMandatoryAndValidatedAndAValidOneIsStored() {
        PortalClient alice = as("alice");
        String path = "/api/companies/" + alice.companyId() + "/main-email";

        Answer empty = alice.put(path, "{\"mainEmail\":\"\"}");
        Answer invalid = alice.put(path, "{\"mainEmail\":\"not-an-email\"}");
        Answer saved = alice.put(path, "{\"mainEmail\":\"security@acme.example\"}");

        assertThat(List.of(empty, invalid)).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(fields(answer)).containsExactly("mainEmail");
        });
        assertThat(saved.status()).isEqualTo(200);
        assertThat(billing.accounts().find(user("alice").actor(), user("alice").companyId()).mainEmail().value())
                .isEqualTo("security@acme.example");
    }

    @Test
    void billingDetailsWithProblemsNameEveryFieldAndAreNotStored() {
        PortalClient alice = as("alice");
        Company berlin = company("alice", "Acme Berlin");

        Answer answer = alice.put("/api/companies/" + berlin.id() + "/billing-details", "{\"billingEmail\":\"a@@b\","
                + "\"vatNumber\":\"DE136695977\",\"billingAddress\":{\"line1\":\"\",\"city\":\"\",\"country\":\"XX\"},"
                + "\"shippingAddress\":{\"line1\":\"Lagerweg 5\",\"city\":\"\",\"country\":\"DE\"}}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(fields(answer)).containsExactlyInAnyOrder("billingEmail", "vatNumber", "billingAddress.line1",
                "billingAddress.city", "billingAddress.country", "shippingAddress.city");
        assertThat(billing.accounts().find(user("alice").actor(), berlin.id())).isEqualTo(berlin);
    }

    @Test
    void validBillingDetailsAreStoredNormalizedAndAnswered() {
        PortalClient alice = as("alice");
        Company amsterdam = company("alice", "Acme Amsterdam");

        Answer answer = alice.put("/api/companies/" + amsterdam.id() + "/billing-details",
                "{\"billingEmail\":\"ap@ams.acme.example\",\"vatNumber\":\"nl 853746333b01\","
                        + "\"billingAddress\":{\"line1\":\"Stationsplein 10\",\"postalCode\":\"1012 AB\","
                        + "\"city\":\"Amsterdam\",\"country\":\"nl\"},\"shippingAddress\":{\"line1\":\"\"}}");

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.json().path("vatNumber").asString()).isEqualTo("NL853746333B01");
        Company stored = billing.accounts().find(user("alice").actor(), amsterdam.id());
        assertThat(stored.billingDetails().billingEmail()).isEqualTo("ap@ams.acme.example");
        assertThat(stored.billingDetails().billingAddress().country()).isEqualTo("NL");
        assertThat(stored.billingDetails().shippingAddress()).isNull();
    }

    @Test
    void paymentMethodsAreAddedThroughTheProvidersSetUpMadeDefaultAndRemoved() {
        PortalClient alice = as("alice");
        String methods = "/api/companies/" + alice.companyId() + "/payment-methods";

        JsonNode setup = alice.post(methods + "/setups", "{\"kind\":\"SEPA_VIA_IDEAL\"}").json();
        JsonNode added = alice.post(methods + "/setups/" + setup.path("setupId").asString() + "/complete", "{}").json();
        String id = added.path("id").asString();
        JsonNode defaulted = alice.post(methods + "/" + id + "/default", "{}").json();

        assertThat(added.path("display").asString()).containsIgnoringCase("SEPA");
        assertThat(defaulted.path("isDefault").asBoolean()).isTrue();
        assertThat(billing.paymentMethods().list(user("alice").actor(), user("alice").companyId()))
                .filteredOn(method -> method.isDefault()).singleElement()
                .satisfies(method -> assertThat(method.id().toString()).isEqualTo(id));

        Answer removed = alice.delete(methods + "/" + alice.get(methods).json().path(0).path("id").asString());
        assertThat(removed.status()).isEqualTo(204);
        assertThat(billing.paymentMethods().list(user("alice").actor(), user("alice").companyId())).hasSize(1);
        Answer badKind = alice.post(methods + "/setups", "{\"kind\":\"BITCOIN\"}");
        assertThat(badKind.status()).isEqualTo(400);
        assertThat(fields(badKind)).containsExactly("kind");
    }

    @Test
    void theHistoryIsPagedWithCreditNotesTheBalanceAndDocumentsToDownload() {
        PortalClient alice = as("alice");
        String history = "/api/companies/" + alice.companyId() + "/history";

        JsonNode first = alice.get(history).json();
        JsonNode second = alice.get(history + "?cursor=" + first.path("nextCursor").asString()).json();

        assertThat(first.path("entries").size()).isEqualTo(10);
        List<String> numbers = new ArrayList<>(names(first.path("entries"), "number"));
        numbers.addAll(names(second.path("entries"), "number"));
        assertThat(numbers).doesNotHaveDuplicates().hasSizeGreaterThan(10);
        assertThat(names(first.path("entries"), "kind")).contains("invoice");
        String amsterdam = company("alice", "Acme Amsterdam").id().toString();
        JsonNode ofAmsterdam = alice.get("/api/companies/" + amsterdam + "/history").json();
        JsonNode note = find(ofAmsterdam.path("entries"), "kind", "creditNote");
        assertThat(note.path("reason").asString()).isEqualTo("service not as agreed");
        // The credit note put EUR 30.00 and its 21 % VAT on the balance; the yearly SIEM has not renewed since.
        assertThat(names(ofAmsterdam.path("balances"), null)).containsExactly("EUR 36.30");
        Answer pdf = alice.get("/api/credit-notes/" + note.path("id").asString() + "/document?format=PDF");
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(pdf.header("Content-Disposition")).startsWith("attachment; filename=\"CN-");
        assertThat(pdf.text()).startsWith("%PDF-");
        Answer badFormat = alice.get("/api/credit-notes/" + note.path("id").asString() + "/document?format=DOCX");
        assertThat(fields(badFormat)).containsExactly("format");
    }

    @Test
    void theDemoUsersTheAccountAndAnInvoiceDocumentAreAnswered() {
        PortalClient alice = as("alice");

        JsonNode users = new PortalClient(portal.url()).get("/api/demo-users").json();
        JsonNode account = alice.get("/api/companies/" + company("alice", "Acme Berlin").id() + "/account").json();
        JsonNode invoice = find(alice.get("/api/companies/" + alice.companyId() + "/history").json().path("entries"),
                "kind", "invoice");
        Answer pdf = alice.get("/api/invoices/" + invoice.path("id").asString() + "/document?format=PDF");
        Answer html = alice.get("/api/invoices/" + invoice.path("id").asString() + "/document?format=HTML");

        assertThat(names(users, "user")).containsExactly("alice", "bob", "pat");
        assertThat(users.toString()).doesNotContain("csrf").doesNotContain("session");
        assertThat(account.path("mainEmail").asString()).isEqualTo("ops@ber.acme.example");
        assertThat(account.path("vatNumber").asString()).isEqualTo("DE136695976");
        assertThat(account.path("billingAddress").path("city").asString()).isEqualTo("Berlin");
        assertThat(pdf.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(pdf.header("Content-Disposition")).isEqualTo("attachment; filename=\""
                + invoice.path("number").asString() + ".pdf\"");
        assertThat(html.header("Content-Type")).startsWith("text/html");
        assertThat(html.text()).contains(invoice.path("number").asString());
    }

    @Test
    void aRequestBodyOverTheLimitIsRefusedAndErrorsNeverShowInternals() {
        PortalClient alice = as("alice");
        String huge = "{\"mainEmail\":\"" + "a".repeat(PortalServer.MAX_REQUEST_BYTES) + "@acme.example\"}";

        Answer tooLarge = alice.put("/api/companies/" + alice.companyId() + "/main-email", huge);
        Answer malformedId = alice.get("/api/companies/not-an-id/account");
        Answer unknownRoute = alice.get("/api/nothing-here");
        Answer brokenJson = alice.post("/api/session", "{\"user\":");

        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(malformedId.status()).isEqualTo(404);
        assertThat(unknownRoute.status()).isEqualTo(404);
        assertThat(unknownRoute.json().path("error").asString()).isEqualTo("NOT_FOUND");
        assertThat(malformedId.json().path("error").asString()).isEqualTo("NOT_FOUND");
        assertThat(brokenJson.status()).isEqualTo(400);
        assertThat(List.of(tooLarge, malformedId, unknownRoute, brokenJson)).allSatisfy(answer ->
                assertThat(answer.text()).doesNotContain("Exception").doesNotContain("at org.")
                        .doesNotContain("at io.javalin"));
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        Answer page = new PortalClient(portal.url()).get("/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'")
                .contains("frame-ancestors 'none'");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.text()).contains("Billing Portal").doesNotContain("<script>");
    }

    /** The whole list with the SDK's own read, to compare the endpoint's pages with. */
    private List<SubscriptionView> all(String user, CompanyId company) {
        return billing.subscriptions().all(user(user).actor(), company, Scope.WITH_DESCENDANTS);
    }

    /** Every page of the list with {@code query} (starting with {@code ?}, or empty), following each cursor. */
    private static List<JsonNode> pages(PortalClient client, String company, String query) {
        List<JsonNode> pages = new ArrayList<>();
        String cursor = null;
        do {
            String separator = query.isEmpty() ? "?" : "&";
            Answer answer = client.get("/api/companies/" + company + "/subscriptions" + query
                    + (cursor == null ? "" : separator + "cursor=" + cursor));
            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
            JsonNode page = answer.json();
            pages.add(page);
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asString();
            assertThat(pages).as("pages").hasSizeLessThan(10);
        } while (cursor != null);
        return pages;
    }

    private static List<String> rowIds(List<JsonNode> pages) {
        List<String> ids = new ArrayList<>();
        pages.forEach(page -> ids.addAll(names(page.path("rows"), "id")));
        return ids;
    }

    /** A page's counts as a map, with the states in the SDK's order and the total last. */
    private static Map<String, Long> counts(JsonNode page) {
        Map<String, Long> counts = new LinkedHashMap<>();
        page.path("counts").properties().forEach(entry -> counts.put(entry.getKey(), entry.getValue().asLong()));
        return counts;
    }

    /** The counts the endpoint should answer for these rows: every state, then the total. */
    private static Map<String, Long> countsOf(List<SubscriptionView> rows) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (SubscriptionState state : SubscriptionState.values()) {
            counts.put(state.name(), rows.stream().filter(row -> row.state() == state).count());
        }
        counts.put("total", (long) rows.size());
        return counts;
    }

    /**
     * The list with {@code query} answers, over all its pages and in order, exactly the rows of
     * {@code every} that {@code selected} and {@code inState} keep, and counts (which ignore the
     * states asked for) of those that {@code selected} keeps; at least one row.
     */
    private static void assertFiltered(PortalClient client, String company, String query, List<SubscriptionView> every,
            Predicate<SubscriptionView> selected, Predicate<SubscriptionView> inState) {
        List<JsonNode> pages = pages(client, company, query);
        List<SubscriptionView> counted = every.stream().filter(selected).toList();
        List<String> shown = counted.stream().filter(inState).map(row -> row.subscriptionId().toString()).toList();
        assertThat(shown).as(query).isNotEmpty().hasSizeLessThan(every.size());
        assertThat(rowIds(pages)).as(query).containsExactlyElementsOf(shown);
        assertThat(counts(pages.get(0))).as(query).isEqualTo(countsOf(counted));
    }

    private static List<String> fields(Answer answer) {
        return names(answer.json().path("violations"), "field");
    }

    private static List<String> names(JsonNode array, String field) {
        List<String> names = new ArrayList<>();
        for (JsonNode node : array) {
            names.add(field == null ? node.asString() : node.path(field).asString());
        }
        return names;
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode node : array) {
            if (value.equals(node.path(field).asString())) {
                return node;
            }
        }
        throw new AssertionError("no " + field + " = " + value + " in " + array);
    }
}
