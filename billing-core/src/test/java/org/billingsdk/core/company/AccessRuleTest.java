package org.billingsdk.core.company;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingsdk.core.contract.ContractData.aChildOf;
import static org.billingsdk.core.contract.ContractData.aCompany;

import java.util.List;
import org.billingsdk.core.RefusalCode;
import org.junit.jupiter.api.Test;

/** The access rule on its own: a company's lineage, and partner-run billing. */
class AccessRuleTest {

    private final CompanyId root = CompanyId.random();
    private final CompanyId child = CompanyId.random();
    private final CompanyId grandchild = CompanyId.random();

    @Test
    void anActorReachesItsOwnCompanyAndEveryDescendantAndNothingElse() {
        List<CompanyId> grandchildLineage = List.of(grandchild, child, root);

        assertThat(AccessRule.reaches(root, grandchildLineage)).isTrue();
        assertThat(AccessRule.reaches(child, grandchildLineage)).isTrue();
        assertThat(AccessRule.reaches(grandchild, grandchildLineage)).isTrue();
        assertThat(AccessRule.reaches(grandchild, List.of(child, root))).as("a parent").isFalse();
        assertThat(AccessRule.reaches(CompanyId.random(), grandchildLineage)).as("another tree").isFalse();
        assertThat(AccessRule.reaches(root, List.of())).as("a company that does not exist").isFalse();
    }

    @Test
    void aCompanyWhoseBillingAPartnerRunsIsRefusedWhetherItActsOrIsActedOn() {
        Company direct = aCompany("Acme");
        Company managed = withMode(aChildOf(direct, "Acme Partner Client"), BillingMode.PARTNER_MANAGED);

        assertThat(AccessRule.partnerRefusal(direct, direct)).isEmpty();
        assertThat(AccessRule.partnerRefusal(direct, managed)).hasValueSatisfying(refusal -> {
            assertThat(refusal.code()).isEqualTo(RefusalCode.PARTNER_MANAGED);
            assertThat(refusal.message()).contains("Acme Partner Client");
        });
        assertThat(AccessRule.partnerRefusal(managed, managed)).isPresent();
    }

    private static Company withMode(Company company, BillingMode mode) {
        return new Company(company.id(), company.name(), company.parent().orElse(null), company.rootId(),
                company.mainEmail(), company.billingDetails(), mode, company.createdAt(), company.version());
    }
}
