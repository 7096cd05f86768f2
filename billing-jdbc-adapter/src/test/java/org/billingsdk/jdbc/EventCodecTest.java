package org.billingsdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import javax.money.MonetaryAmount;
import org.billingsdk.core.Amounts;
import org.billingsdk.core.StorageException;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.catalog.ProductCode;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.company.VatNumber;
import org.billingsdk.core.contract.ContractData;
import org.billingsdk.core.credit.CreditNoteId;
import org.billingsdk.core.event.BillingEvent;
import org.billingsdk.core.event.InvoiceIssued;
import org.billingsdk.core.event.PaymentFailed;
import org.billingsdk.core.event.PaymentMethodAdded;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.invoice.InvoiceNumber;
import org.billingsdk.core.payment.ChargeReference;
import org.billingsdk.core.payment.PaymentMethodId;
import org.billingsdk.core.payment.RefundReference;
import org.billingsdk.core.subscription.EnvironmentId;
import org.billingsdk.core.subscription.SubscriptionId;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events written to the outbox read back equal, whatever their values, for every event type;
 * rows written before the events were typed (every component as a string) read back too; each
 * type is read by its stable name.
 */
class EventCodecTest {

    private static final List<Class<?>> EVERY_EVENT_TYPE = everyEventType(BillingEvent.class, new ArrayList<>());

    private static List<Class<?>> everyEventType(Class<?> type, List<Class<?>> found) {
        if (type.isRecord()) {
            found.add(type);
        }
        if (type.getPermittedSubclasses() != null) {
            for (Class<?> subtype : type.getPermittedSubclasses()) {
                everyEventType(subtype, found);
            }
        }
        return found;
    }

    @Test
    void everyEventOfEveryTypeReadsBackEqualWhateverItsValues() {
        assertThat(EVERY_EVENT_TYPE).hasSameSizeAs(ContractData.oneEventOfEachType(Instant.EPOCH));
        qt().withExamples(500).forAll(longs().all(), integers().between(0, 3)).checkAssert((seed, nulls) -> {
            SplittableRandom random = new SplittableRandom(seed);
            for (Class<?> type : EVERY_EVENT_TYPE) {
                BillingEvent event = randomEvent(type, random, nulls == 0);

                assertThat(EventCodec.decode(event.type(), EventCodec.encode(event))).as("%s", event).isEqualTo(event);
            }
        });
    }

    @Test
    void aRowWrittenBeforeTheEventsWereTypedReadsBackAsTheEventItHeld() {
        qt().withExamples(500).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom random = new SplittableRandom(seed);
            for (Class<?> type : EVERY_EVENT_TYPE) {
                BillingEvent event = randomEvent(type, random, random.nextBoolean());

                assertThat(EventCodec.decode(event.type(), asTheFormerCodecWroteIt(event))).as("%s", event)
                        .isEqualTo(event);
            }
        });
    }

    @Test
    void rowsAsTheFormerCodecStoredThemReadBack() {
        UUID id = UUID.fromString("0b5e3f4c-6d1a-4f43-9a55-2c9d0e1f7a21");
        String company = "5d1e9b0a-2b7c-4a3e-8f6d-1c2b3a4d5e6f";
        String invoice = "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a";

        assertThat(EventCodec.decode("InvoiceIssued", "{\"eventId\":\"" + id + "\",\"occurredAt\":\"2026-01-15T10:15:30"
                + ".123456Z\",\"companyId\":\"" + company + "\",\"invoiceId\":\"" + invoice + "\",\"number\":\"INV-2026-"
                + "000042\",\"total\":\"EUR 59.29\"}")).isEqualTo(new InvoiceIssued(id,
                        Instant.parse("2026-01-15T10:15:30.123456Z"), CompanyId.of(company), InvoiceId.of(invoice),
                        new InvoiceNumber("INV-2026", 42), Money.of(new BigDecimal("59.29"), "EUR")));
        assertThat(EventCodec.decode("PaymentFailed", "{\"eventId\":\"" + id + "\",\"occurredAt\":\"2026-01-15T10:15:30Z\""
                + ",\"companyId\":\"" + company + "\",\"invoiceId\":\"" + invoice + "\",\"attempt\":\"3\",\"failureCode\""
                + ":\"card_declined\",\"nextAttemptAt\":null}")).isEqualTo(new PaymentFailed(id,
                        Instant.parse("2026-01-15T10:15:30Z"), CompanyId.of(company), InvoiceId.of(invoice), 3,
                        "card_declined", null));
        assertThat(EventCodec.decode("PaymentMethodAdded", "{\"eventId\":\"" + id + "\",\"occurredAt\":\"2026-01-15T10:"
                + "15:30Z\",\"companyId\":\"" + company + "\",\"paymentMethodId\":\"" + id + "\",\"display\":\"Visa \\u2022"
                + "\\u2022\\u2022\\u2022 4242\",\"isDefault\":\"true\"}")).isEqualTo(new PaymentMethodAdded(id,
                        Instant.parse("2026-01-15T10:15:30Z"), CompanyId.of(company), PaymentMethodId.of(id.toString()),
                        "Visa •••• 4242", true));
    }

    @Test
    void everyEventTypeHasAStableNameOfItsOwnThatRowsAreReadBy() {
        List<String> names = ContractData.oneEventOfEachType(Instant.parse("2026-01-15T10:15:30Z")).stream()
                .map(BillingEvent::type).toList();

        assertThat(names).hasSize(EVERY_EVENT_TYPE.size()).doesNotHaveDuplicates();
        for (Class<?> type : EVERY_EVENT_TYPE) {
            assertThat(type.getDeclaredFields()).as("%s declares its TYPE", type.getSimpleName())
                    .anyMatch(field -> field.getName().equals("TYPE"));
        }
    }

    @Test
    void aRowOfNoEventOfTheSdkIsRefusedAsAStorageFailure() {
        assertThatThrownBy(() -> EventCodec.decode("java.lang.Runtime", "{}")).isInstanceOf(StorageException.class)
                .hasMessageContaining("unknown event type");
        assertThatThrownBy(() -> EventCodec.decode("InvoiceIssued", "{\"total\":\"EUR\"}"))
                .isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> EventCodec.decode("InvoiceIssued", "not json")).isInstanceOf(StorageException.class);
    }

    /** What the codec wrote before the events were typed: one string per component, or null. */
    private static String asTheFormerCodecWroteIt(BillingEvent event) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (RecordComponent component : event.getClass().getRecordComponents()) {
            Object value;
            try {
                value = component.getAccessor().invoke(event);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            fields.put(component.getName(), value == null ? null
                    : value instanceof MonetaryAmount amount ? Amounts.format(amount) : value.toString());
        }
        return JsonMapper.shared().writeValueAsString(fields);
    }

    /** An event of {@code type} with random values of every component; nullable ones null when asked. */
    private static BillingEvent randomEvent(Class<?> type, SplittableRandom random, boolean nulls) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = randomValue(types[i], random);
        }
        if (nulls) {
            for (int i = 0; i < components.length; i++) {
                if (!types[i].isPrimitive()) {
                    Object kept = values[i];
                    values[i] = null;
                    if (construct(type, types, values) == null) {
                        values[i] = kept;
                    }
                }
            }
        }
        BillingEvent event = construct(type, types, values);
        assertThat(event).as("an event of %s", type).isNotNull();
        return event;
    }

    private static BillingEvent construct(Class<?> type, Class<?>[] types, Object[] values) {
        try {
            return (BillingEvent) type.getDeclaredConstructor(types).newInstance(values);
        } catch (java.lang.reflect.InvocationTargetException refused) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object randomValue(Class<?> type, SplittableRandom random) {
        if (type == UUID.class) {
            return new UUID(random.nextLong(), random.nextLong());
        }
        if (type == Instant.class) {
            return Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L),
                    random.nextInt(1_000_000) * 1_000L);
        }
        if (type == int.class) {
            return random.nextInt();
        }
        if (type == Integer.class) {
            return random.nextInt(4) == 0 ? null : Integer.valueOf(random.nextInt());
        }
        if (type == boolean.class) {
            return random.nextBoolean();
        }
        if (type == String.class) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(0, 12); i > 0; i--) {
                text.appendCodePoint(random.nextInt(4) == 0 ? random.nextInt(0, 0x80) : random.nextInt(0x20, 0x2FFF));
            }
            return text.append(random.nextBoolean() ? "\"\\\n" : "").toString();
        }
        if (type == CompanyId.class) {
            return CompanyId.random();
        }
        if (type == SubscriptionId.class) {
            return SubscriptionId.random();
        }
        if (type == InvoiceId.class) {
            return InvoiceId.random();
        }
        if (type == PaymentMethodId.class) {
            return PaymentMethodId.random();
        }
        if (type == EnvironmentId.class) {
            return EnvironmentId.of("env-" + random.nextInt(1, Integer.MAX_VALUE));
        }
        if (type == PlanId.class) {
            return PlanId.of("plan-" + random.nextInt(1, Integer.MAX_VALUE));
        }
        if (type == ProductCode.class) {
            return ProductCode.of("p" + random.nextInt(1, 1_000_000));
        }
        if (type == InvoiceNumber.class) {
            return new InvoiceNumber("INV-" + random.nextInt(2000, 2100), random.nextLong(1, Long.MAX_VALUE));
        }
        if (type == MonetaryAmount.class) {
            String currency = new String[] {"EUR", "JPY", "BHD", "USD"}[random.nextInt(4)];
            return Money.of(new BigDecimal(BigInteger.valueOf(random.nextLong()), random.nextInt(0, 5)), currency);
        }
        if (type == ChargeReference.class) {
            return ChargeReference.of("pi_" + randomReferenceText(random));
        }
        if (type == RefundReference.class) {
            return RefundReference.of("re_" + randomReferenceText(random));
        }
        if (type == CreditNoteId.class) {
            return CreditNoteId.random();
        }
        if (type == VatNumber.class) {
            return VatNumber.of(new String[] {"DE136695976", "NL853746333B01", "EL094259216", "FR40303265045"}[
                    random.nextInt(4)]);
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return constants[random.nextInt(constants.length)];
        }
        throw new IllegalStateException("no random value of " + type + ": add one for the new component");
    }

    /** Up to 40 characters a provider reference may hold: no white space, quotes and backslashes included. */
    private static String randomReferenceText(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        while (text.length() < 40 && random.nextInt(8) != 0) {
            int c = random.nextInt(4) == 0 ? random.nextInt(0x21, 0x7F) : random.nextInt(0xA1, 0x2000);
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c) && !Character.isISOControl(c)) {
                text.appendCodePoint(c);
            }
        }
        return text.append(random.nextBoolean() ? "\"\\" : "").toString();
    }
}
