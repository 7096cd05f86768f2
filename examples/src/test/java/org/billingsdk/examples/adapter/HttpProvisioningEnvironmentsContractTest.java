package org.billingsdk.examples.adapter;

import org.billingsdk.core.contract.ProductEnvironmentsContract;
import org.billingsdk.core.port.ProductEnvironments;

/** The published contract suite, run on the HTTP adapter against an in-process provisioning service. */
class HttpProvisioningEnvironmentsContractTest extends ProductEnvironmentsContract {

    private ProvisioningServiceStub service;

    @Override
    protected ProductEnvironments environments() {
        service = ProvisioningServiceStub.start("contract-token");
        return HttpProvisioningEnvironments.builder()
                .baseUri(service.baseUri())
                .token("contract-token")
                .build();
    }

    @Override
    protected void release(ProductEnvironments environments) {
        service.close();
    }
}
