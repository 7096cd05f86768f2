package org.billingsdk.jdbc.behaviour;

import org.billingsdk.core.port.Storage;
import org.billingsdk.core.tax.VatVerificationTest;

/** {@link VatVerificationTest} (VAT numbers verified with the register) on the JDBC storage on PostgreSQL. */
public class PostgresVatVerificationTest extends VatVerificationTest {

    @Override
    protected Storage newStorage() {
        return Storages.postgres();
    }
}
