/**
 * The generic Jakarta Validation constraint for the SDK's inputs, {@link PlainText}, and its
 * validator. The constraints that know a domain live with it: {@code company.IsoCountry} and
 * {@code company.ValidVatNumber}, {@code catalog.ValidPrice}. Hosts may use them on their own forms
 * to check input the same way the SDK does.
 */
package org.billingsdk.core.validation;
