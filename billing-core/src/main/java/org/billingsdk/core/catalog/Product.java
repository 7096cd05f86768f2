package org.billingsdk.core.catalog;

import java.util.Objects;

/**
 * A product of the catalog: the "product details" the portal shows beside a subscription;
 * immutable.
 *
 * @param code its identifier
 * @param name the name the portal shows
 * @param description the description the portal shows; may be empty, may span lines
 */
public record Product(ProductCode code, String name, String description) {

    /**
     * Checks the components.
     *
     * @param code not null
     * @param name not null
     * @param description not null
     */
    public Product {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
    }
}
