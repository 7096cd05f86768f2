package org.billingsdk.core.event;

import java.time.Instant;
import java.util.UUID;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.company.VatCheck;
import org.billingsdk.core.company.VatNumber;

/**
 * The register (VIES) was asked about a company's VAT number, and its answer is now the company's
 * {@link org.billingsdk.core.company.Company#vatCheck() evidence}. Recorded whenever the evidence
 * changes: for every answer (each has its consultation), and for an unavailable register only when
 * the number had no check yet (re-checks during an outage, and an outage after an answer, which keeps
 * that answer, record nothing).
 *
 * @param eventId the event's id
 * @param occurredAt when it was recorded, by the SDK's clock
 * @param companyId the company whose number it is
 * @param number the number asked about
 * @param checkedAt when the register answered, by its own date (or when it was found unavailable)
 * @param status what the register answered
 * @param previous what the company's previous check of the same number said, or {@code null} when
 *     there was none
 * @param consultationNumber the register's consultation number, or {@code null} when it gave none
 * @param failure the register's error code when it was unavailable, otherwise {@code null}
 */
public record VatNumberChecked(UUID eventId, Instant occurredAt, CompanyId companyId, VatNumber number,
        Instant checkedAt, VatCheck.Status status, VatCheck.Status previous, String consultationNumber,
        String failure)
        implements CompanyEvent {

    /**
     * The stable name of this event, as {@link #type()} answers it: never changes, also when the
     * record is renamed.
     */
    public static final String TYPE = "VatNumberChecked";

    /**
     * The event for {@code check} of {@code company}'s number.
     *
     * @param eventId the event's id
     * @param occurredAt when it is recorded
     * @param companyId the company
     * @param check the new check
     * @param previous the previous check of the same number, or {@code null}
     * @return the event
     */
    public static VatNumberChecked of(UUID eventId, Instant occurredAt, CompanyId companyId, VatCheck check,
            VatCheck previous) {
        return new VatNumberChecked(eventId, occurredAt, companyId, check.number(), check.checkedAt(),
                check.status(), previous == null ? null : previous.status(), check.consultationNumber(),
                check.failure());
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "VAT number " + number + " checked: " + status
                + (failure != null ? " (" + failure + ")" : "")
                + (consultationNumber != null ? ", consultation " + consultationNumber : "")
                + (previous != null && previous != status ? ", was " + previous : "");
    }
}
