package org.billingsdk.core.internal;

import java.util.List;
import java.util.Objects;
import org.billingsdk.core.InvalidInputException;
import org.billingsdk.core.Violation;
import org.billingsdk.core.audit.AuditRecord;
import org.billingsdk.core.audit.AuditTrail;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.CompanyId;

/** The implementation of {@link AuditTrail}. */
public final class AuditTrailService implements AuditTrail {

    private static final int MOST = 1000;

    private final Context context;

    public AuditTrailService(Context context) {
        this.context = Objects.requireNonNull(context);
    }

    @Override
    public List<AuditRecord> ofCompany(Actor actor, CompanyId companyId, int limit) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(companyId, "companyId");
        checkLimit(limit);
        return context.read(() -> {
            context.access().reach(actor, companyId);
            return context.storage().audit().findByCompany(companyId, limit);
        });
    }

    @Override
    public List<AuditRecord> ofCatalog(int limit) {
        checkLimit(limit);
        return context.read(() -> context.storage().audit().findWithoutCompany(limit));
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > MOST) {
            throw new InvalidInputException(List.of(new Violation("limit", "must be between 1 and " + MOST)));
        }
    }
}
