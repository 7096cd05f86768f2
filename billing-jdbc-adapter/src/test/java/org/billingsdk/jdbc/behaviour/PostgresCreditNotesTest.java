package org.billingsdk.jdbc.behaviour;

import org.billingsdk.core.credit.CreditNotesTest;
import org.billingsdk.core.port.Storage;

/** {@link CreditNotesTest} on the JDBC storage on PostgreSQL. */
public class PostgresCreditNotesTest extends CreditNotesTest {

    @Override
    protected Storage newStorage() {
        return Storages.postgres();
    }
}
