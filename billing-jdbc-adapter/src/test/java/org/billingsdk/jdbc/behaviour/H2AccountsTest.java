package org.billingsdk.jdbc.behaviour;

import org.billingsdk.core.company.AccountsTest;
import org.billingsdk.core.port.Storage;

/** {@link AccountsTest} (companies, their hierarchy and the access rule) on the JDBC storage on H2. */
public class H2AccountsTest extends AccountsTest {

    @Override
    protected Storage newStorage() {
        return Storages.h2();
    }
}
