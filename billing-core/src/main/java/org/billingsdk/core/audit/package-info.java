/** The audit trail: a record of who changed what, on behalf of which company, and when. */
package org.billingsdk.core.audit;
