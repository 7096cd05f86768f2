package org.billingsdk.core.catalog;

import java.util.List;
import org.billingsdk.core.NotFoundException;

/**
 * The catalog: products and the plans that price them. Changing it is a host operation (no
 * actor); entries never change once added. Obtained from {@code Billing.catalog()}; thread-safe.
 */
public interface Catalog {

    /**
     * Adds a product.
     *
     * @param input the code, name and description; name and description are stored trimmed
     * @return the product as stored
     * @throws org.billingsdk.core.InvalidInputException naming every violation
     * @throws org.billingsdk.core.DuplicateKeyException if the code is taken
     */
    Product addProduct(NewProduct input);

    /**
     * Adds a plan for an existing product.
     *
     * @param input the id, product code, price, interval, trial days and contract months
     * @return the plan as stored
     * @throws org.billingsdk.core.InvalidInputException naming every violation
     * @throws NotFoundException if the product does not exist
     * @throws org.billingsdk.core.DuplicateKeyException if the plan id is taken
     */
    Plan addPlan(NewPlan input);
    /**
     * A product of the catalog.
     *
     * @param code the product's code; not null
     * @return the product
     * @throws NotFoundException if there is no such product
     */
    Product product(ProductCode code);

    /**
     * A plan of the catalog.
     *
     * @param id the plan's id; not null
     * @return the plan
     * @throws NotFoundException if there is no such plan
     */
    Plan plan(PlanId id);

    /** {@return every product, ordered by code} */
    List<Product> products();

    /**
     * The plans of a product, ordered by id.
     *
     * @param code the product's code; not null
     * @return its plans; empty for a product without plans or an unknown code
     */
    List<Plan> plans(ProductCode code);
}
