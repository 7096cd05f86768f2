package org.billingsdk.core.catalog;

import java.util.Objects;

/**
 * A product of the catalog: the "product details" the portal shows beside a subscription;
 * immutable.
 */
public record Product(ProductCode code, String name, String description) {

    public Product {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
    }
}
