package org.billingsdk.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.StripeCollection;
import com.stripe.model.TaxId;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerTaxIdCreateParams;
import com.stripe.param.CustomerTaxIdListParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.common.EmptyParam;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import org.billingsdk.core.company.Address;
import org.billingsdk.core.company.VatNumber;
import org.billingsdk.core.port.PaymentProvider.CustomerProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each company's Stripe customer in step with its profile: name, email, billing address
 * and the VAT number as an {@code eu_vat} tax id. Thread-safe.
 */
final class StripeCustomers {

    private static final Logger LOG = LoggerFactory.getLogger(StripeCustomers.class);

    static final String COMPANY_METADATA = "billing_company_id";
    static final String EU_VAT = "eu_vat";

    private final StripeClient client;
    private final StripeCalls calls;

    StripeCustomers(StripeClient client, StripeCalls calls) {
        this.client = client;
        this.calls = calls;
    }

    /**
     * Updates the existing customer, or creates one when there is none (or Stripe no longer has
     * it), and brings its VAT tax id in step. Only the customer's own absence makes a new one: a
     * tax id missing while it is brought in step does not.
     */
    String sync(CustomerProfile profile, String existing) throws StripeException, InterruptedException {
        if (existing != null) {
            Customer updated = null;
            try {
                updated = calls.write("customers.update",
                        () -> client.v1().customers().update(existing, updateParams(profile)));
            } catch (InvalidRequestException e) {
                if (!"resource_missing".equals(e.getCode())) {
                    throw e;
                }
            }
            if (updated != null && !Boolean.TRUE.equals(updated.getDeleted())) {
                syncVat(existing, profile.vatNumber(), false);
                return existing;
            }
            LOG.warn("Stripe no longer has customer {} of company {}; creating a new one", existing,
                    profile.companyId());
        }
        RequestOptions options = RequestOptions.builder().setIdempotencyKey(createKey(profile)).build();
        Customer created = calls.write("customers.create",
                () -> client.v1().customers().create(createParams(profile), options));
        syncVat(created.getId(), profile.vatNumber(), true);
        return created.getId();
    }

    /** Makes the customer's {@code eu_vat} tax ids exactly the VAT number (none when it is null). */
    private void syncVat(String customer, VatNumber vatNumber, boolean fresh)
            throws StripeException, InterruptedException {
        String wanted = vatNumber == null ? null : vatNumber.value();
        boolean present = false;
        if (!fresh) {
            CustomerTaxIdListParams params = CustomerTaxIdListParams.builder().setLimit(100L).build();
            StripeCollection<TaxId> taxIds = calls.read("customers.taxIds.list",
                    () -> client.v1().customers().taxIds().list(customer, params));
            for (TaxId taxId : taxIds.getData()) {
                if (!EU_VAT.equals(taxId.getType())) {
                    continue;
                }
                if (taxId.getValue() != null && taxId.getValue().equals(wanted)) {
                    present = true;
                } else {
                    deleteTaxId(customer, taxId.getId());
                }
            }
        }
        if (wanted != null && !present) {
            CustomerTaxIdCreateParams params = CustomerTaxIdCreateParams.builder()
                    .setType(CustomerTaxIdCreateParams.Type.EU_VAT).setValue(wanted).build();
            try {
                calls.write("customers.taxIds.create", () -> client.v1().customers().taxIds().create(customer, params));
            } catch (InvalidRequestException e) {
                // The core has checked its format and check digits; Stripe's own checks are stricter
                // for a few countries. Payments do not depend on it, so the customer stays usable.
                LOG.warn("Stripe refused the VAT number of customer {}: {}", customer,
                        StripeAdapterException.describe(e));
            }
        }
    }

    /** Deletes a tax id; one already gone (a concurrent sync of the same company deleted it) is fine. */
    private void deleteTaxId(String customer, String taxId) throws StripeException, InterruptedException {
        try {
            calls.write("customers.taxIds.delete", () -> client.v1().customers().taxIds().delete(customer, taxId));
        } catch (InvalidRequestException e) {
            if (!"resource_missing".equals(e.getCode())) {
                throw e;
            }
        }
    }

    private static CustomerCreateParams createParams(CustomerProfile profile) {
        CustomerCreateParams.Builder params = CustomerCreateParams.builder()
                .setName(profile.name())
                .setEmail(profile.email().value())
                .putMetadata(COMPANY_METADATA, profile.companyId().toString());
        Address address = profile.billingAddress();
        if (address != null) {
            params.setAddress(CustomerCreateParams.Address.builder()
                    .setLine1(address.line1())
                    .setLine2(address.line2())
                    .setPostalCode(address.postalCode())
                    .setCity(address.city())
                    .setState(address.region())
                    .setCountry(address.country())
                    .build());
        }
        return params.build();
    }

    private static CustomerUpdateParams updateParams(CustomerProfile profile) {
        CustomerUpdateParams.Builder params = CustomerUpdateParams.builder()
                .setName(profile.name())
                .setEmail(profile.email().value())
                .putMetadata(COMPANY_METADATA, profile.companyId().toString());
        Address address = profile.billingAddress();
        if (address == null) {
            params.setAddress(EmptyParam.EMPTY);
        } else {
            params.setAddress(CustomerUpdateParams.Address.builder()
                    .setLine1(address.line1())
                    .setLine2(orEmpty(address.line2()))
                    .setPostalCode(orEmpty(address.postalCode()))
                    .setCity(address.city())
                    .setState(orEmpty(address.region()))
                    .setCountry(address.country())
                    .build());
        }
        return params.build();
    }

    /** An optional line the update clears when the profile no longer has it. */
    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /**
     * The create's idempotency key: the same for the same company and profile, so that a create
     * whose answer was lost and is asked again (within Stripe's 24 hours) makes no second customer.
     */
    static String createKey(CustomerProfile profile) {
        Address address = profile.billingAddress();
        String fingerprint = String.join("\u0000", profile.name(), profile.email().value(),
                address == null ? "" : String.join("\u0000", Objects.toString(address.line1(), ""),
                        Objects.toString(address.line2(), ""), Objects.toString(address.postalCode(), ""),
                        Objects.toString(address.city(), ""), Objects.toString(address.region(), ""),
                        Objects.toString(address.country(), "")));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(fingerprint.getBytes(StandardCharsets.UTF_8));
            return "customer-" + profile.companyId() + "-" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
