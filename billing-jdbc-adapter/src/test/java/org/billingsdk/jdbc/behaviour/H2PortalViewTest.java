package org.billingsdk.jdbc.behaviour;

import org.billingsdk.core.subscription.PortalViewTest;
import org.billingsdk.core.port.Storage;

/** {@link PortalViewTest} (the portal view of subscriptions) on the JDBC storage on H2. */
public class H2PortalViewTest extends PortalViewTest {

    @Override
    protected Storage newStorage() {
        return Storages.h2();
    }
}
