package org.billingsdk.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingsdk.core.contract.ContractData.MICROSECOND;
import static org.billingsdk.core.contract.ContractData.NOW;
import static org.billingsdk.core.contract.ContractData.aCatalogAuditRecord;
import static org.billingsdk.core.contract.ContractData.aChildOf;
import static org.billingsdk.core.contract.ContractData.aCompany;
import static org.billingsdk.core.contract.ContractData.anAuditRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.billingsdk.core.audit.AuditRecord;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.event.BillingDetailsChanged;
import org.billingsdk.core.event.CompanyRegistered;
import org.billingsdk.core.event.TrialEnded;
import org.billingsdk.core.port.AuditLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract of {@link AuditLog}: records round-trip with every field, a company's trail holds
 * the records whose {@link AuditRecord#companyId()} is that company (not those it made on behalf
 * of others), newest first and cut at the limit, and catalog records without a company are
 * accepted. The suite appends records in the order of their time; records of one instant (one
 * operation writes several) come back last appended first, so a storage needs an order beyond
 * the time. Run it on an implementation with:
 *
 * <pre>{@code
 * class PostgresAuditLogTest extends AuditLogContract {
 *     // TestDatabases.postgres(): the adapter's test database, migrated, emptied before each test
 *     protected Storage newStorage() { return JdbcStorage.forDataSource(TestDatabases.postgres()); }
 * }
 * }</pre>
 */
public abstract class AuditLogContract extends StorageContract {

    private Company company;
    private Company child;
    private Company other;

    @BeforeEach
    public final void insertCompanies() {
        company = storage.companies().insert(aCompany("Acme"));
        child = storage.companies().insert(aChildOf(company, "Acme Child"));
        other = storage.companies().insert(aCompany("Other"));
    }

    private AuditLog audit() {
        return storage.audit();
    }

    @Test
    public void appendedRecordsAreFoundNewestFirst() {
        List<AuditRecord> appended = appendRecordsOf(company.id(), 5);

        assertThat(audit().findByCompany(company.id(), 10)).containsExactlyElementsOf(newestFirst(appended));
    }

    @Test
    public void theLimitKeepsTheNewestRecords() {
        List<AuditRecord> appended = appendRecordsOf(company.id(), 7);

        assertThat(audit().findByCompany(company.id(), 3))
                .containsExactly(appended.get(6), appended.get(5), appended.get(4));
        assertThat(audit().findByCompany(company.id(), 1)).containsExactly(appended.get(6));
        assertThat(audit().findByCompany(company.id(), 7)).containsExactlyElementsOf(newestFirst(appended));
    }

    @Test
    public void recordsOfOtherCompaniesAreLeftOut() {
        AuditRecord ofCompany = append(anAuditRecord(company.id(), NOW));
        AuditRecord ofChild = append(anAuditRecord(child.id(), NOW.plus(MICROSECOND)));
        AuditRecord ofOther = append(anAuditRecord(other.id(), NOW.plus(MICROSECOND.multipliedBy(2))));

        assertThat(audit().findByCompany(company.id(), 10)).containsExactly(ofCompany);
        assertThat(audit().findByCompany(child.id(), 10)).containsExactly(ofChild);
        assertThat(audit().findByCompany(other.id(), 10)).containsExactly(ofOther);
    }

    @Test
    public void recordsAreFoundUnderTheCompanyChangedNotTheCompanyActing() {
        AuditRecord byParentOnChild = append(anAuditRecord(company.id(), child.id(), NOW));

        assertThat(audit().findByCompany(child.id(), 10)).containsExactly(byParentOnChild);
        assertThat(audit().findByCompany(company.id(), 10)).isEmpty();
    }

    @Test
    public void recordsOfOneInstantComeLastAppendedFirst() {
        AuditRecord first = append(anAuditRecord(company.id(), NOW));
        AuditRecord second = append(anAuditRecord(company.id(), NOW));
        AuditRecord third = append(anAuditRecord(company.id(), NOW));

        assertThat(audit().findByCompany(company.id(), 10)).containsExactly(third, second, first);
    }

    @Test
    public void catalogRecordsWithoutACompanyAreAcceptedAndInNoCompanysTrail() {
        append(aCatalogAuditRecord(NOW));
        AuditRecord ofCompany = append(anAuditRecord(company.id(), NOW.plus(MICROSECOND)));
        append(aCatalogAuditRecord(NOW.plus(MICROSECOND.multipliedBy(2))));

        assertThat(audit().findByCompany(company.id(), 10)).containsExactly(ofCompany);
        assertThat(audit().findByCompany(child.id(), 10)).isEmpty();
        assertThat(audit().findByCompany(other.id(), 10)).isEmpty();
    }

    @Test
    public void aCompanyWithoutRecordsHasAnEmptyTrail() {
        appendRecordsOf(company.id(), 2);

        assertThat(audit().findByCompany(other.id(), 10)).isEmpty();
        assertThat(audit().findByCompany(CompanyId.random(), 10)).isEmpty();
    }

    @Test
    public void recordsMadeByTheHostOrTheBillingRunKeepTheirEmptyActingCompany() {
        AuditRecord byPlatform = append(new AuditRecord(UUID.randomUUID(), NOW, AuditRecord.PLATFORM, null,
                company.id(), "CompanyRegistered", "company registered"));
        AuditRecord byBillingRun = append(new AuditRecord(UUID.randomUUID(), NOW.plus(MICROSECOND),
                AuditRecord.BILLING_RUN, null, company.id(), "TrialEnded", "trial of subscription x ended"));

        assertThat(audit().findByCompany(company.id(), 10)).containsExactly(byBillingRun, byPlatform);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.billingsdk.core.contract.ContractData#trickyTexts")
    public void textIsKeptVerbatim(String text) {
        AuditRecord record = append(new AuditRecord(UUID.randomUUID(), NOW, text, child.id(), company.id(), text,
                text + " · " + text));

        assertThat(audit().findByCompany(company.id(), 10)).containsExactly(record);
    }

    @Test
    public void theLongestActingUserAndALongDetailAreKept() {
        AuditRecord record = append(new AuditRecord(UUID.randomUUID(), NOW, "ü".repeat(200), company.id(),
                company.id(), "BillingDetailsChanged", "détail ".repeat(500)));

        assertThat(audit().findByCompany(company.id(), 10)).containsExactly(record);
    }

    private AuditRecord append(AuditRecord record) {
        audit().append(record);
        return record;
    }

    private static List<AuditRecord> newestFirst(List<AuditRecord> oldestFirst) {
        List<AuditRecord> reversed = new ArrayList<>(oldestFirst);
        Collections.reverse(reversed);
        return reversed;
    }

    /** Appends {@code count} records, a second apart and with microseconds, oldest first. */
    private List<AuditRecord> appendRecordsOf(CompanyId companyId, int count) {
        List<AuditRecord> appended = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            appended.add(append(anAuditRecord(companyId, NOW.plus(Duration.ofSeconds(i)).plus(MICROSECOND))));
        }
        return appended;
    }
}
