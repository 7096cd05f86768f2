package org.billingsdk.core.memory;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.billingsdk.core.audit.AuditRecord;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.port.AuditLog;

final class InMemoryAuditLog implements AuditLog {

    /** Catalog records have no company; they are kept under this key. */
    private static final CompanyId NO_COMPANY = new CompanyId(new java.util.UUID(0, 0));

    private final InMemoryStorage storage;
    private final Map<CompanyId, Deque<AuditRecord>> byCompany = new ConcurrentHashMap<>();

    InMemoryAuditLog(InMemoryStorage storage) {
        this.storage = storage;
    }

    @Override
    public void append(AuditRecord record) {
        CompanyId key = record.companyId() == null ? NO_COMPANY : record.companyId();
        storage.write(() -> {
            byCompany.computeIfAbsent(key, id -> new ConcurrentLinkedDeque<>()).addFirst(record);
            return record;
        }, appended -> byCompany.get(key).remove(appended));
    }

    @Override
    public List<AuditRecord> findWithoutCompany(int limit) {
        return findByCompany(NO_COMPANY, limit);
    }

    @Override
    public List<AuditRecord> findByCompany(CompanyId companyId, int limit) {
        List<AuditRecord> result = new ArrayList<>();
        for (AuditRecord record : byCompany.getOrDefault(companyId, new ConcurrentLinkedDeque<>())) {
            if (result.size() == limit) {
                break;
            }
            result.add(record);
        }
        return result;
    }
}
