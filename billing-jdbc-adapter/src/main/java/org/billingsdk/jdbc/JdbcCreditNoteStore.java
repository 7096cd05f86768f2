package org.billingsdk.jdbc;

import static org.billingsdk.jdbc.Db.getInstant;
import static org.billingsdk.jdbc.Db.getReference;
import static org.billingsdk.jdbc.Db.getUuid;
import static org.billingsdk.jdbc.Db.placeholders;
import static org.billingsdk.jdbc.Db.setInstant;
import static org.billingsdk.jdbc.Db.setString;
import static org.billingsdk.jdbc.Db.setUuid;
import static org.billingsdk.jdbc.JdbcInvoiceStore.bindParty;
import static org.billingsdk.jdbc.JdbcInvoiceStore.decimal;
import static org.billingsdk.jdbc.JdbcInvoiceStore.fitting;
import static org.billingsdk.jdbc.JdbcInvoiceStore.money;
import static org.billingsdk.jdbc.JdbcInvoiceStore.party;
import static org.billingsdk.jdbc.JdbcInvoiceStore.tax;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import org.billingsdk.core.DuplicateKeyException;
import org.billingsdk.core.EntityKind;
import org.billingsdk.core.StorageException;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.credit.CreditDestination;
import org.billingsdk.core.credit.CreditNote;
import org.billingsdk.core.credit.CreditNoteId;
import org.billingsdk.core.credit.CreditNoteLine;
import org.billingsdk.core.credit.CreditReason;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.invoice.InvoiceNumber;
import org.billingsdk.core.invoice.Party;
import org.billingsdk.core.port.CompanyScope;
import org.billingsdk.core.port.CreditNoteStore;
import org.billingsdk.core.tax.TaxLine;

/** Credit notes in {@code billing_credit_note} and their lines in {@code billing_credit_note_line}. */
final class JdbcCreditNoteStore implements CreditNoteStore {

    private static final String COLUMNS = "id, company_id, series, sequence_number, invoice_id, invoice_series, "
            + "invoice_sequence, "
            + "seller_name, seller_email, seller_vat_number, seller_line1, seller_line2, seller_postal_code, "
            + "seller_city, seller_region, seller_country, "
            + "buyer_name, buyer_email, buyer_vat_number, buyer_line1, buyer_line2, buyer_postal_code, "
            + "buyer_city, buyer_region, buyer_country, "
            + "currency, subtotal, tax_amount, total, reason, memo, destination, issued_at";

    private static final String INSERT = "INSERT INTO billing_credit_note (root_company_id, " + COLUMNS
            + ") VALUES (" + placeholders(34) + ")";

    private static final String INSERT_LINE = "INSERT INTO billing_credit_note_line (credit_note_id, line_number, "
            + "root_company_id, invoice_line, description, amount, tax_treatment, tax_country, tax_rate, tax_amount, "
            + "tax_note) VALUES (" + placeholders(11) + ")";

    /** The most characters {@code billing_credit_note.memo} keeps ({@code VARCHAR(500)}). */
    private static final int MEMO_MAX = 500;

    private static final CreditReason[] REASONS = CreditReason.values();
    private static final CreditDestination[] DESTINATIONS = CreditDestination.values();

    private final Db db;
    private final Tenants tenants;

    JdbcCreditNoteStore(Db db, Tenants tenants) {
        this.db = db;
        this.tenants = tenants;
    }

    /** A credit note's row read before its lines. */
    private record Header(CreditNoteId id, CurrencyUnit currency,
            Function<List<CreditNoteLine>, CreditNote> withLines) {
    }

    @Override
    public CreditNote insert(CreditNote note) {
        requireStorable(note);
        return db.underSavepoint("creditNotes.insert", connection -> {
            UUID root = tenants.rootOf(note.companyId().value());
            try (PreparedStatement s = connection.prepareStatement(INSERT)) {
                bindRow(s, note, root);
                s.executeUpdate();
            }
            Db.batch(connection, INSERT_LINE, numbered(note), (s, line) -> bindLine(s, note, line.number(),
                    line.line(), root));
            return note;
        }, () -> findById(note.id()).isPresent()
                ? new DuplicateKeyException(EntityKind.CREDIT_NOTE, note.id())
                : new DuplicateKeyException(EntityKind.CREDIT_NOTE_NUMBER, note.number()));
    }

    private record Numbered(int number, CreditNoteLine line) {
    }

    private static List<Numbered> numbered(CreditNote note) {
        List<Numbered> lines = new ArrayList<>(note.lines().size());
        for (int i = 0; i < note.lines().size(); i++) {
            lines.add(new Numbered(i, note.lines().get(i)));
        }
        return lines;
    }

    @Override
    public Optional<CreditNote> findById(CreditNoteId id) {
        return find("creditNotes.findById", "WHERE id = ?", s -> setUuid(s, 1, id.value())).stream().findFirst();
    }

    @Override
    public List<CreditNote> findByInvoice(InvoiceId invoiceId) {
        return find("creditNotes.findByInvoice", "WHERE invoice_id = ? ORDER BY issued_at, sequence_number, id",
                s -> setUuid(s, 1, invoiceId.value()));
    }

    @Override
    public List<CreditNote> findByCompanies(Collection<CompanyId> companyIds, Cursor after, int limit) {
        List<CompanyId> companies = companyIds.stream().distinct().toList();
        if (companies.isEmpty() || limit == 0) {
            return List.of();
        }
        Db.Clause page = db.newestFirst(companies.stream().map(CompanyId::value).toList(),
                after == null ? null : after.issuedAt(), after == null ? 0 : after.sequence(),
                after == null ? null : after.id().value(), limit);
        return find("creditNotes.findByCompanies", page.sql(), page.binder());
    }

    /**
     * The page read from the scope, not a list of its companies: a tenant root's credit notes through the
     * index on the tenant and the issue time (V13), another company's subtree from a walk down it
     * ({@link Db#newestFirstInScope}).
     */
    @Override
    public List<CreditNote> findInScope(CompanyScope scope, Cursor after, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        ScopeSql covered = ScopeSql.of(db.dialect(), tenants, scope, "root_company_id", "company_id");
        Db.Clause page = db.newestFirstInScope(covered, "billing_credit_note", COLUMNS,
                after == null ? null : after.issuedAt(), after == null ? 0 : after.sequence(),
                after == null ? null : after.id().value(), limit);
        return findSelected("creditNotes.findInScope", page.sql(), page.binder());
    }

    /** The credit notes {@code where} selects, in its order, with their lines read in one more query. */
    private List<CreditNote> find(String operation, String where, Db.Binder binder) {
        return findSelected(operation, "SELECT " + COLUMNS + " FROM billing_credit_note " + where, binder);
    }

    /** The same, {@code select} the whole statement that reads the headers' {@link #COLUMNS}. */
    private List<CreditNote> findSelected(String operation, String select, Db.Binder binder) {
        List<Header> headers = db.query(operation, select, binder,
                JdbcCreditNoteStore::header);
        if (headers.isEmpty()) {
            return List.of();
        }
        Map<CreditNoteId, CurrencyUnit> currencies = new HashMap<>();
        headers.forEach(header -> currencies.put(header.id(), header.currency()));
        record Line(CreditNoteId note, int number, CreditNoteLine line) {
        }
        Map<CreditNoteId, List<CreditNoteLine>> lines = db.queryIn(operation, "SELECT credit_note_id, line_number, "
                        + "invoice_line, description, amount, tax_treatment, tax_country, tax_rate, tax_amount, "
                        + "tax_note FROM billing_credit_note_line WHERE", "credit_note_id",
                headers.stream().map(header -> header.id().value()).toList(), row -> {
                    CreditNoteId note = new CreditNoteId(getUuid(row, "credit_note_id"));
                    CurrencyUnit currency = currencies.get(note);
                    return new Line(note, row.getInt("line_number"), new CreditNoteLine(row.getInt("invoice_line"),
                            row.getString("description"), money(row.getBigDecimal("amount"), currency),
                            tax(row, currency)));
                }).stream()
                .sorted(Comparator.comparingInt(Line::number))
                .collect(Collectors.groupingBy(Line::note, Collectors.mapping(Line::line, Collectors.toList())));
        return headers.stream().map(header -> header.withLines().apply(lines.getOrDefault(header.id(), List.of())))
                .toList();
    }

    private static void bindRow(PreparedStatement s, CreditNote note, UUID root) throws SQLException {
        int i = 0;
        setUuid(s, ++i, root);
        setUuid(s, ++i, note.id().value());
        setUuid(s, ++i, note.companyId().value());
        s.setString(++i, note.number().series());
        s.setLong(++i, note.number().sequence());
        setUuid(s, ++i, note.invoiceId().value());
        s.setString(++i, note.invoiceNumber().series());
        s.setLong(++i, note.invoiceNumber().sequence());
        i = bindParty(s, i, note.seller());
        i = bindParty(s, i, note.buyer());
        s.setString(++i, note.total().getCurrency().getCurrencyCode());
        s.setBigDecimal(++i, decimal(note.subtotal()));
        s.setBigDecimal(++i, decimal(note.taxTotal()));
        s.setBigDecimal(++i, decimal(note.total()));
        s.setString(++i, note.reason().name());
        setString(s, ++i, note.memo());
        s.setString(++i, note.destination().name());
        setInstant(s, ++i, note.issuedAt());
    }

    private static void bindLine(PreparedStatement s, CreditNote note, int number, CreditNoteLine line, UUID root)
            throws SQLException {
        setUuid(s, 1, note.id().value());
        s.setInt(2, number);
        setUuid(s, 3, root);
        s.setInt(4, line.invoiceLine());
        s.setString(5, line.description());
        s.setBigDecimal(6, decimal(line.amount()));
        TaxLine tax = line.tax();
        s.setString(7, tax.treatment().name());
        setString(s, 8, tax.country() == null ? null : tax.country().value());
        s.setBigDecimal(9, fitting(tax.ratePercent(), JdbcInvoiceStore.RATE_SCALE, "a VAT rate"));
        s.setBigDecimal(10, decimal(tax.amount()));
        s.setString(11, tax.note());
    }

    /** Refuses, before anything is written, a credit note the schema cannot keep as it is. */
    private static void requireStorable(CreditNote note) {
        String operation = "creditNotes.insert";
        for (CreditNoteLine line : note.lines()) {
            decimal(line.amount(), operation);
            decimal(line.tax().amount(), operation);
            fitting(line.tax().ratePercent(), JdbcInvoiceStore.RATE_SCALE, "a VAT rate", operation);
        }
        decimal(note.subtotal(), operation);
        decimal(note.taxTotal(), operation);
        decimal(note.total(), operation);
        if (note.memo() != null && note.memo().length() > MEMO_MAX) {
            throw new StorageException(operation, "a credit note's memo is stored with at most " + MEMO_MAX
                    + " characters", null);
        }
    }

    private static Header header(ResultSet row) throws SQLException {
        CreditNoteId id = new CreditNoteId(getUuid(row, "id"));
        CompanyId company = new CompanyId(getUuid(row, "company_id"));
        InvoiceNumber number = new InvoiceNumber(row.getString("series"), row.getLong("sequence_number"));
        InvoiceId invoice = new InvoiceId(getUuid(row, "invoice_id"));
        InvoiceNumber invoiceNumber = new InvoiceNumber(row.getString("invoice_series"),
                row.getLong("invoice_sequence"));
        Party seller = party(row, "seller_");
        Party buyer = party(row, "buyer_");
        CurrencyUnit currency = Monetary.getCurrency(row.getString("currency"));
        MonetaryAmount subtotal = money(row.getBigDecimal("subtotal"), currency);
        MonetaryAmount taxTotal = money(row.getBigDecimal("tax_amount"), currency);
        MonetaryAmount total = money(row.getBigDecimal("total"), currency);
        CreditReason reason = getReference(row, "reason", name -> Db.constant(REASONS, name));
        String memo = row.getString("memo");
        CreditDestination destination = getReference(row, "destination", name -> Db.constant(DESTINATIONS, name));
        Instant issuedAt = getInstant(row, "issued_at");
        return new Header(id, currency, lines -> new CreditNote(id, number, company, invoice, invoiceNumber, seller,
                buyer, lines, subtotal, taxTotal, total, reason, memo, destination, issuedAt));
    }
}
