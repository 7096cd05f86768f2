package org.billingsdk.jdbc;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import javax.money.MonetaryAmount;
import org.billingsdk.core.Amounts;
import org.billingsdk.core.StorageException;
import org.billingsdk.core.catalog.PlanId;
import org.billingsdk.core.catalog.ProductCode;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.company.VatNumber;
import org.billingsdk.core.credit.CreditNoteId;
import org.billingsdk.core.event.BillingEvent;
import org.billingsdk.core.invoice.InvoiceId;
import org.billingsdk.core.invoice.InvoiceNumber;
import org.billingsdk.core.payment.ChargeReference;
import org.billingsdk.core.payment.PaymentMethodId;
import org.billingsdk.core.payment.RefundReference;
import org.billingsdk.core.subscription.EnvironmentId;
import org.billingsdk.core.subscription.SubscriptionId;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Writes domain events as JSON objects, one member per record component, and reads them back
 * (Jackson). The SDK's value types are written as the text they print and read back from it: ids,
 * instants (ISO-8601), invoice numbers ({@code INV-2026-000042}) and amounts ({@code EUR 59.29},
 * exact). Only the SDK's own event records are read: a type name is looked up among the permitted
 * subtypes of {@link BillingEvent} by their stable {@code TYPE}, never loaded by name.
 *
 * <p>Rows written before the events were typed (every component as a string) read back as well:
 * numbers and booleans written as strings are read as numbers and booleans, and the invoice
 * numbers and amounts the events then carried as text are the text these types print.
 * Thread-safe.
 */
final class EventCodec {

    private static final Map<String, Class<? extends BillingEvent>> BY_TYPE = new HashMap<>();
    private static final JsonMapper JSON = JsonMapper.builder()
            .addModule(sdkValues())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    static {
        register(BillingEvent.class);
    }

    private EventCodec() {
    }

    @SuppressWarnings("unchecked")
    private static void register(Class<?> type) {
        if (type.isRecord()) {
            BY_TYPE.put(typeOf(type), (Class<? extends BillingEvent>) type);
        }
        Class<?>[] permitted = type.getPermittedSubclasses();
        if (permitted != null) {
            for (Class<?> subtype : permitted) {
                register(subtype);
            }
        }
    }

    /** The stable name an event record declares as its {@code TYPE}. */
    private static String typeOf(Class<?> record) {
        try {
            Field field = record.getField("TYPE");
            return (String) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("event record " + record.getName() + " declares no TYPE", e);
        }
    }

    /** The SDK's values, as the text they print: what the events were stored as from the start. */
    private static SimpleModule sdkValues() {
        SimpleModule module = new SimpleModule("billing-sdk-values");
        asText(module, Instant.class, Instant::parse);
        asText(module, CompanyId.class, CompanyId::of);
        asText(module, SubscriptionId.class, SubscriptionId::of);
        asText(module, InvoiceId.class, InvoiceId::of);
        asText(module, PaymentMethodId.class, PaymentMethodId::of);
        asText(module, PlanId.class, PlanId::of);
        asText(module, ProductCode.class, ProductCode::of);
        asText(module, EnvironmentId.class, EnvironmentId::of);
        asText(module, InvoiceNumber.class, InvoiceNumber::parse);
        asText(module, ChargeReference.class, ChargeReference::of);
        asText(module, RefundReference.class, RefundReference::of);
        asText(module, CreditNoteId.class, CreditNoteId::of);
        asText(module, VatNumber.class, VatNumber::of);
        module.addSerializer(MonetaryAmount.class, new ValueSerializer<>() {
            @Override
            public void serialize(MonetaryAmount value, JsonGenerator json, SerializationContext context) {
                json.writeString(Amounts.format(value));
            }
        });
        module.addDeserializer(MonetaryAmount.class, new ValueDeserializer<>() {
            @Override
            public MonetaryAmount deserialize(JsonParser json, DeserializationContext context) {
                return Amounts.parse(json.getString());
            }
        });
        return module;
    }

    private static <T> void asText(SimpleModule module, Class<T> type, Function<String, T> read) {
        module.addSerializer(type, new ValueSerializer<T>() {
            @Override
            public void serialize(T value, JsonGenerator json, SerializationContext context) {
                json.writeString(value.toString());
            }
        });
        module.addDeserializer(type, new ValueDeserializer<T>() {
            @Override
            public T deserialize(JsonParser json, DeserializationContext context) {
                return read.apply(json.getString());
            }
        });
    }

    /**
     * The event's payload.
     *
     * @throws StorageException if it is not an event of the SDK or cannot be written
     */
    static String encode(BillingEvent event) {
        if (!BY_TYPE.containsKey(event.type()) || BY_TYPE.get(event.type()) != event.getClass()) {
            throw new StorageException("outbox.append", "not an event of the SDK: " + event.getClass().getName(),
                    null);
        }
        try {
            return JSON.writeValueAsString(event);
        } catch (JacksonException e) {
            throw new StorageException("outbox.append", "cannot write event " + event.type(), e);
        }
    }

    /**
     * The event a row holds.
     *
     * @throws StorageException if the type is not an event of the SDK or the payload is not one of it
     */
    static BillingEvent decode(String type, String payload) {
        Class<? extends BillingEvent> record = BY_TYPE.get(type);
        if (record == null) {
            throw new StorageException("outbox.read", "unknown event type " + type, null);
        }
        try {
            return JSON.readValue(payload, record);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new StorageException("outbox.read", "cannot read event " + type, e);
        }
    }
}
