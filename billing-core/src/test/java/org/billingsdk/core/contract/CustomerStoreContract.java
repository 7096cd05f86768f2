package org.billingsdk.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.billingsdk.core.contract.ContractData.aChildOf;
import static org.billingsdk.core.contract.ContractData.aCompany;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.payment.CustomerReference;
import org.billingsdk.core.port.CustomerStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract of {@link CustomerStore}: each company has at most one customer reference at the
 * provider, the last one saved, kept verbatim; a child company does not share its parent's.
 * {@code findAll} answers for several companies what {@code find} answers for each. Run it on an
 * implementation with:
 *
 * <pre>{@code
 * class PostgresCustomerStoreTest extends CustomerStoreContract {
 *     // TestDatabases.postgres(): the adapter's test database, migrated, emptied before each test
 *     protected Storage newStorage() { return JdbcStorage.forDataSource(TestDatabases.postgres()); }
 * }
 * }</pre>
 */
public abstract class CustomerStoreContract extends StorageContract {

    private Company company;
    private Company child;
    private Company other;

    @BeforeEach
    public final void insertCompanies() {
        company = storage.companies().insert(aCompany("Acme"));
        child = storage.companies().insert(aChildOf(company, "Acme Child"));
        other = storage.companies().insert(aCompany("Other"));
    }

    private CustomerStore customers() {
        return storage.customers();
    }

    @Test
    public void aCompanyHasNoCustomerReferenceUntilOneIsSaved() {
        assertThat(customers().find(company.id())).isEmpty();

        customers().save(company.id(), CustomerReference.of("cus_Q1w2E3r4"));

        assertThat(customers().find(company.id())).contains(CustomerReference.of("cus_Q1w2E3r4"));
        assertThat(customers().find(child.id())).isEmpty();
        assertThat(customers().find(CompanyId.random())).isEmpty();
    }

    @Test
    public void savingACustomerReferenceAgainOverwritesItForThatCompanyOnly() {
        customers().save(company.id(), CustomerReference.of("cus_first"));
        customers().save(other.id(), CustomerReference.of("cus_other"));

        customers().save(company.id(), CustomerReference.of("cus_second"));

        assertThat(customers().find(company.id())).contains(CustomerReference.of("cus_second"));
        assertThat(customers().find(other.id())).contains(CustomerReference.of("cus_other"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.billingsdk.core.contract.ContractData#trickyReferences")
    public void customerReferencesAreKeptVerbatim(String text) {
        CustomerReference reference = CustomerReference.of(text);
        customers().save(company.id(), reference);

        assertThat(customers().find(company.id())).contains(reference);
    }

    @Test
    public void findCustomerReferencesAnswersTheLastReferenceSavedOfEachCompanyThatHasOne() {
        customers().save(company.id(), CustomerReference.of("cus_first"));
        customers().save(other.id(), CustomerReference.of("O'Brien's_\"customer\"_🚀"));
        customers().save(company.id(), CustomerReference.of("cus_second"));
        CompanyId unknown = CompanyId.random();

        Map<CompanyId, CustomerReference> found = customers().findAll(List.of(company.id(), child.id(), other.id(),
                unknown, company.id()));

        assertThat(found).containsOnly(entry(company.id(), CustomerReference.of("cus_second")),
                entry(other.id(), CustomerReference.of("O'Brien's_\"customer\"_🚀")));
        for (CompanyId asked : List.of(company.id(), child.id(), other.id(), unknown)) {
            assertThat(Optional.ofNullable(found.get(asked))).as("company %s", asked)
                    .isEqualTo(customers().find(asked));
        }
    }

    @Test
    public void findCustomerReferencesOfNoOrUnknownCompaniesOrCompaniesWithoutOneFindsNothing() {
        customers().save(company.id(), CustomerReference.of("cus_Q1w2E3r4"));

        assertThat(customers().findAll(List.of())).isEmpty();
        assertThat(customers().findAll(Set.of())).isEmpty();
        assertThat(customers().findAll(List.of(child.id(), CompanyId.random()))).isEmpty();
    }
}
