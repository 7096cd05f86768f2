package org.billingsdk.core.internal;

import java.util.Objects;
import org.billingsdk.core.audit.AuditRecord;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.CompanyId;

/** Who makes a change, for the audit trail. */
public record Who(String user, CompanyId onBehalfOf) {

    public static final Who PLATFORM = new Who(AuditRecord.PLATFORM, null);
    public static final Who BILLING_RUN = new Who(AuditRecord.BILLING_RUN, null);
    public static final Who PAYMENT_PROVIDER = new Who(AuditRecord.PAYMENT_PROVIDER, null);

    public Who {
        Objects.requireNonNull(user, "user");
    }

    public static Who of(Actor actor) {
        return new Who(actor.user(), actor.companyId());
    }
}
