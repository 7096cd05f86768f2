package org.billingsdk.core.port;

import java.util.List;
import java.util.Optional;
import org.billingsdk.core.catalog.Plan;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.catalog.Product;
import org.billingsdk.core.catalog.ProductCode;

/**
 * Keeps the catalog: products and the plans that price them. Entries never change once stored.
 * Codes and ids are case-sensitive, and listings are ordered as {@link String#compareTo} orders
 * them (byte order for ASCII, not a locale's collation). Thread-safe.
 */
public interface CatalogStore {

    /**
     * Stores a new product.
     *
     * @param product the product; name and description kept verbatim, an empty description too
     * @throws org.billingsdk.core.DuplicateKeyException if the code is taken; the stored product
     *     is left as it was
     */
    void insertProduct(Product product);

    /**
     * Finds a product by its code.
     *
     * @param code the code, matched exactly (case included)
     * @return the product, or empty when there is none
     */
    Optional<Product> findProduct(ProductCode code);

    /**
     * Every product, ordered by code.
     *
     * @return the products, or an empty list for an empty catalog
     */
    List<Product> findAllProducts();

    /**
     * Stores a new plan. The price must come back with its currency and exact value; its scale
     * and its {@code MonetaryAmount} class need not be kept.
     *
     * @param plan the plan; its product is stored already
     * @throws org.billingsdk.core.DuplicateKeyException if the id is taken; the stored plan is
     *     left as it was
     */
    void insertPlan(Plan plan);

    /**
     * Finds a plan by its id.
     *
     * @param id the id, matched exactly (case included)
     * @return the plan, or empty when there is none
     */
    Optional<Plan> findPlan(PlanId id);

    /**
     * The plans of one product, ordered by id.
     *
     * @param productCode the product's code
     * @return its plans, or an empty list for a product without plans or an unknown code
     */
    List<Plan> findPlans(ProductCode productCode);
}
