package org.billingsdk.core.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.billingsdk.core.company.CompanyId;

/**
 * Who changed what, on behalf of which company, and when; immutable. One is kept for every change.
 *
 * @param id unique per record (the id of the event it records)
 * @param at when, by the billing clock
 * @param who the acting user as the host named it, or {@code platform} / {@code billing-run} for
 *     changes the host or the billing run made
 * @param onBehalfOf the company the actor acted for, or {@code null} for the host and the billing run
 * @param companyId the company whose data changed, or {@code null} for catalog changes
 * @param action the stable name of the change, such as {@code CancellationScheduled}
 * @param detail a one-line description
 */
public record AuditRecord(
        UUID id, Instant at, String who, CompanyId onBehalfOf, CompanyId companyId, String action, String detail) {

    /** The {@code who} of changes the host makes without an actor (registration, catalog). */
    public static final String PLATFORM = "platform";

    /** The {@code who} of changes the billing run makes. */
    public static final String BILLING_RUN = "billing-run";

    /** The {@code who} of changes the payment provider reports (outcomes, methods removed there). */
    public static final String PAYMENT_PROVIDER = "payment-provider";

    /**
     * Checks the components.
     *
     * @param id not null
     * @param at not null
     * @param who not null
     * @param onBehalfOf may be null
     * @param companyId may be null
     * @param action not null
     * @param detail not null
     */
    public AuditRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(detail, "detail");
    }
}
