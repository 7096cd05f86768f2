package org.billingsdk.jdbc;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.payment.CustomerReference;
import org.billingsdk.core.port.CustomerStore;
import static org.billingsdk.jdbc.Db.getReference;
import static org.billingsdk.jdbc.Db.getUuid;
import static org.billingsdk.jdbc.Db.setUuid;

/** The companies' customer references at the provider, in {@code billing_payment_customer}. */
final class JdbcCustomerStore implements CustomerStore {

    private static final String ROOT_OF_COMPANY = "(SELECT root_company_id FROM billing_company WHERE id = ?)";

    private final Db db;

    JdbcCustomerStore(Db db) {
        this.db = db;
    }

    @Override
    public Optional<CustomerReference> find(CompanyId companyId) {
        return db.queryOne("customers.find",
                "SELECT customer_reference FROM billing_payment_customer WHERE company_id = ?",
                s -> setUuid(s, 1, companyId.value()),
                row -> getReference(row, "customer_reference", CustomerReference::of));
    }

    @Override
    public Map<CompanyId, CustomerReference> findAll(Collection<CompanyId> companyIds) {
        return db.queryIn("customers.findAll", "SELECT company_id, customer_reference "
                        + "FROM billing_payment_customer WHERE", "company_id",
                companyIds.stream().map(CompanyId::value).toList(),
                row -> Map.entry(new CompanyId(getUuid(row, "company_id")), getReference(row, "customer_reference",
                        CustomerReference::of)))
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Override
    public void save(CompanyId companyId, CustomerReference customerReference) {
        if (replace(companyId, customerReference) == 0 && !db.insertUnlessDuplicate(
                "customers.save", "INSERT INTO billing_payment_customer "
                        + "(company_id, root_company_id, customer_reference) VALUES (?, " + ROOT_OF_COMPANY + ", ?)",
                s -> {
                    setUuid(s, 1, companyId.value());
                    setUuid(s, 2, companyId.value());
                    s.setString(3, customerReference.value());
                })) {
            replace(companyId, customerReference);
        }
    }

    private int replace(CompanyId companyId, CustomerReference customerReference) {
        return db.update("customers.save",
                "UPDATE billing_payment_customer SET customer_reference = ? WHERE company_id = ?",
                s -> {
                    s.setString(1, customerReference.value());
                    setUuid(s, 2, companyId.value());
                });
    }
}
