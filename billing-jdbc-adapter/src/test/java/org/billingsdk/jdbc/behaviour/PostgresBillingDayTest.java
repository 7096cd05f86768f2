package org.billingsdk.jdbc.behaviour;

import org.billingsdk.core.company.BillingDayTest;
import org.billingsdk.core.port.Storage;

/** {@link BillingDayTest} (a payer's billing day and the alignment to it) on the JDBC storage on PostgreSQL. */
public class PostgresBillingDayTest extends BillingDayTest {

    @Override
    protected Storage newStorage() {
        return Storages.postgres();
    }
}
