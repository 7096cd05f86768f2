package org.billingsdk.core.port;

import java.util.List;
import org.billingsdk.core.audit.AuditRecord;
import org.billingsdk.core.company.CompanyId;

/**
 * Keeps the audit trail; append-only: a record is never changed or removed. The SDK appends
 * inside the transaction of the change a record describes, so a rolled-back change leaves no
 * record. Thread-safe.
 */
public interface AuditLog {

    /**
     * Appends one record, keeping every field verbatim (text of any length the model allows,
     * {@code at} to the microsecond).
     *
     * @param record the record; its {@code companyId} is {@code null} for a catalog change
     */
    void append(AuditRecord record);

    /**
     * Appends records in this order; override to write them in one batch.
     *
     * @param records the records of one operation, several of which may share one instant
     */
    default void appendAll(List<AuditRecord> records) {
        records.forEach(this::append);
    }

    /**
     * The latest records about one company, newest first. Records of one instant come last
     * appended first, so the order needs more than the time (an insertion sequence, say).
     *
     * @param companyId the company whose data changed ({@link AuditRecord#companyId()}), not the
     *     one that acted on its behalf
     * @param limit the most records to answer; the SDK asks for 1 to 1000
     * @return the records, or an empty list for a company without any or an unknown one
     */
    List<AuditRecord> findByCompany(CompanyId companyId, int limit);

    /**
     * The latest records about no company (catalog changes), newest first, ordered as
     * {@link #findByCompany} orders them.
     *
     * @param limit the most records to answer; the SDK asks for 1 to 1000
     * @return the records, possibly none
     */
    List<AuditRecord> findWithoutCompany(int limit);
}
