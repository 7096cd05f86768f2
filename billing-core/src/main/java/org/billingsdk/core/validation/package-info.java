/**
 * Jakarta Validation constraints for the SDK's inputs: ISO country codes, VAT numbers, prices and
 * plain text. Hosts may use them on their own forms to check input the same way the SDK does.
 */
package org.billingsdk.core.validation;
