package org.billingsdk.core.company;

import java.util.Objects;

/**
 * Who pays for a company's subscriptions, as any company it pays for may see it: its id and name
 * only ("billed to Acme Holding"), since a child does not reach its parent's details.
 *
 * @param companyId the paying company: the company itself or one of its ancestors
 * @param name its name
 * @param itself whether the company pays for itself
 */
public record Payer(CompanyId companyId, String name, boolean itself) {

    /**
     * @param companyId not null
     * @param name not null
     * @param itself whether it is the company itself
     * @throws NullPointerException if a component is null
     */
    public Payer {
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(name, "name");
    }
}
