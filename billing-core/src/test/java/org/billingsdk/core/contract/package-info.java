/**
 * The contract suites every port implementation runs, published in billing-core's test jar:
 * abstract JUnit Jupiter classes, one per store of {@link org.billingsdk.core.port.Storage}
 * (all extending {@link org.billingsdk.core.contract.StorageContract}) plus
 * {@link org.billingsdk.core.contract.TransactionContract} for its transactions and
 * {@link org.billingsdk.core.contract.ProductEnvironmentsContract} for a host's environments port.
 * An implementation writes one small subclass per suite that supplies a fresh instance;
 * {@link org.billingsdk.core.contract.ContractData} builds the test data.
 */
package org.billingsdk.core.contract;
