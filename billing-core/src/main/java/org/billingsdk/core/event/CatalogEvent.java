package org.billingsdk.core.event;

/** An event about the catalog. */
public sealed interface CatalogEvent extends BillingEvent permits ProductAdded, PlanAdded {
}
