/**
 * Companies and their hierarchy: account details (the mandatory main email), billing details
 * (billing email, VAT number, billing and shipping addresses) and the operations on them,
 * {@link org.billingsdk.core.company.Accounts}.
 */
package org.billingsdk.core.company;
