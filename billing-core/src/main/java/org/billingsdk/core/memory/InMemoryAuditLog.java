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

    private final InMemoryStorage storage;
    private final Map<CompanyId, Deque<AuditRecord>> byCompany = new ConcurrentHashMap<>();
    private final Deque<AuditRecord> withoutCompany = new ConcurrentLinkedDeque<>();

    InMemoryAuditLog(InMemoryStorage storage) {
        this.storage = storage;
    }

    @Override
    public void append(AuditRecord record) {
        Deque<AuditRecord> trail = record.companyId() == null
                ? withoutCompany
                : byCompany.computeIfAbsent(record.companyId(), id -> new ConcurrentLinkedDeque<>());
        storage.write(() -> {
            trail.addFirst(record);
            return record;
        }, appended -> trail.remove(appended));
    }

    @Override
    public List<AuditRecord> findWithoutCompany(int limit) {
        return newest(withoutCompany, limit);
    }

    @Override
    public List<AuditRecord> findByCompany(CompanyId companyId, int limit) {
        return newest(byCompany.getOrDefault(companyId, new ConcurrentLinkedDeque<>()), limit);
    }

    private static List<AuditRecord> newest(Deque<AuditRecord> trail, int limit) {
        List<AuditRecord> result = new ArrayList<>();
        for (AuditRecord record : trail) {
            if (result.size() == limit) {
                break;
            }
            result.add(record);
        }
        return result;
    }
}
