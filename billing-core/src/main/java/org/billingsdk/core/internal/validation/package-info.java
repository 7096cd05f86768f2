/** Validators of the constraints in {@code org.billingsdk.core.validation}; no compatibility promise. */
package org.billingsdk.core.internal.validation;
