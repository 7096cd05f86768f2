package org.billingsdk.jdbc.behaviour;

import org.billingsdk.core.invoice.BillingHistoryTest;
import org.billingsdk.core.port.Storage;

/** {@link BillingHistoryTest} (the billing history, invoice detail, previews and voiding) on the JDBC storage on PostgreSQL. */
public class PostgresBillingHistoryTest extends BillingHistoryTest {

    @Override
    protected Storage newStorage() {
        return Storages.postgres();
    }
}
