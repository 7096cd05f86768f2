package org.billingsdk.jdbc.behaviour;

import org.billingsdk.core.invoice.GaplessNumberingTest;
import org.billingsdk.core.port.Storage;

/** {@link GaplessNumberingTest} (gapless invoice numbering under concurrency) on the JDBC storage on H2. */
public class H2GaplessNumberingTest extends GaplessNumberingTest {

    @Override
    protected Storage newStorage() {
        return Storages.h2();
    }
}
