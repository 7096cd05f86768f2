package org.billingsdk.core.memory;

import org.billingsdk.core.contract.ProductEnvironmentsContract;
import org.billingsdk.core.port.ProductEnvironments;
import org.billingsdk.core.testing.FakeEnvironments;

/** Runs {@link ProductEnvironmentsContract} on the {@link FakeEnvironments} the SDK's own tests use. */
class FakeEnvironmentsContractTest extends ProductEnvironmentsContract {

    @Override
    protected ProductEnvironments environments() {
        return new FakeEnvironments();
    }
}
