package org.billingsdk.core.port;

import java.util.List;
import org.billingsdk.core.audit.AuditRecord;
import org.billingsdk.core.company.CompanyId;

/** Keeps the audit trail; append-only. Thread-safe. */
public interface AuditLog {

    void append(AuditRecord record);

    /** Appends records in this order; override to write them in one batch. */
    default void appendAll(List<AuditRecord> records) {
        records.forEach(this::append);
    }

    /** The latest {@code limit} records about one company, newest first. */
    List<AuditRecord> findByCompany(CompanyId companyId, int limit);

    /** The latest {@code limit} records about no company (catalog changes), newest first. */
    List<AuditRecord> findWithoutCompany(int limit);
}
