package org.billingsdk.core.company;

import java.util.List;
import org.billingsdk.core.InvalidInputException;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.RefusedException;

/**
 * Companies, their hierarchy and their account and billing details: the portal's "Account
 * Details" and "Billing &amp; Shipping Addresses". Obtained from {@code Billing.accounts()};
 * thread-safe.
 *
 * <p>Every operation that takes an {@link Actor} applies the access rule: the actor reaches its
 * own company and its descendants, and anything else is answered with
 * {@link NotFoundException}, exactly as for a company that does not exist. A company whose billing
 * is run by a partner is refused with {@link RefusedException} ({@code PARTNER_MANAGED}). Invalid
 * input is refused with {@link org.billingsdk.core.InvalidInputException} naming every violation,
 * before anything is stored.
 */
public interface Accounts {

    /**
     * Registers a company at the root of a new tree: a host operation, recorded as done by the
     * platform.
     *
     * @param company the name, main email, optional billing details and billing mode; names and
     *     emails are stored trimmed, billing details normalized
     * @return the company as stored, with a new id
     * @throws org.billingsdk.core.InvalidInputException naming every problem with {@code company}
     */
    Company register(NewCompany company);

    /**
     * Registers a child company under {@code parentId}, which the actor must reach.
     *
     * @param actor who registers it; not null
     * @param parentId the parent, in the actor's reach; not null
     * @param company the name, main email, optional billing details and billing mode
     * @return the company as stored, in the parent's tree
     * @throws org.billingsdk.core.InvalidInputException naming every problem with {@code company}
     * @throws NotFoundException if the parent does not exist or is out of the actor's reach
     * @throws RefusedException with {@code PARTNER_MANAGED} if the actor's company or the parent is
     *     partner-managed
     */
    Company registerChild(Actor actor, CompanyId parentId, NewCompany company);

    /**
     * A company the actor reaches.
     *
     * @param actor who asks; not null
     * @param companyId the company; not null
     * @return the company as stored
     * @throws NotFoundException if it does not exist or is out of the actor's reach
     */
    Company find(Actor actor, CompanyId companyId);

    /**
     * A company and all its descendants, the company first.
     *
     * @param actor who asks; not null
     * @param companyId the top of the subtree; not null
     * @return the company and its descendants at any depth
     * @throws NotFoundException if the company does not exist or is out of the actor's reach
     */
    List<Company> tree(Actor actor, CompanyId companyId);

    /**
     * Changes the mandatory main email, used for account verification and communication. The
     * payment provider's customer, if the company has one, is updated too; a failure there is
     * logged and the change kept.
     *
     * @param actor who changes it; not null
     * @param companyId the company; not null
     * @param mainEmail an email address of at most 254 characters; stored trimmed
     * @return the company as stored after the change
     * @throws org.billingsdk.core.InvalidInputException if the email is blank, malformed or too long
     * @throws NotFoundException if the company does not exist or is out of the actor's reach
     * @throws RefusedException with {@code PARTNER_MANAGED} if the actor's company or this one is
     *     partner-managed
     */
    Company changeMainEmail(Actor actor, CompanyId companyId, String mainEmail);

    /**
     * Replaces the billing details: billing email, VAT number, billing and shipping addresses. The
     * payment provider's customer, if the company has one, is updated too; a failure there is
     * logged and the change kept. With a {@code VatNumberVerifier} configured, a new or changed EU
     * VAT number is then checked with the register and the answer kept as the company's
     * {@link Company#vatCheck() evidence} (as {@link #checkVatNumber} does); other details keep the
     * number's check.
     *
     * @param actor who changes them; not null
     * @param companyId the company; not null
     * @param details the new details, all of them; stored {@link BillingDetails#normalized() normalized}
     * @return the company as stored after the change
     * @throws org.billingsdk.core.InvalidInputException naming every problem with {@code details}
     * @throws NotFoundException if the company does not exist or is out of the actor's reach
     * @throws RefusedException with {@code PARTNER_MANAGED} if the actor's company or this one is
     *     partner-managed
     */
    Company updateBillingDetails(Actor actor, CompanyId companyId, BillingDetails details);

    /**
     * Moves a company, with its descendants, under another parent of the same tree; the actor must
     * reach both. Moving a company under its current parent changes nothing. A company the move
     * takes out of its payer's subtree (the company or one of its descendants) pays for itself from
     * then on ({@code PayerChanged} with {@code MOVED}); what its payer was invoiced before stays
     * that payer's.
     *
     * @param actor who moves it; not null
     * @param companyId the company to move; not null
     * @param newParentId the new parent; not null
     * @return the company as stored after the move
     * @throws NotFoundException if either company does not exist or is out of the actor's reach
     * @throws RefusedException with {@code HIERARCHY_CYCLE} if the new parent is the company or one
     *     of its descendants, or with {@code PARTNER_MANAGED} if a company involved is partner-managed
     */
    Company move(Actor actor, CompanyId companyId, CompanyId newParentId);

    /**
     * Has {@code payerId} pay for the company's subscriptions: the company itself (the default) or
     * one of its ancestors. The periods invoiced from then on are invoiced to the payer: to its
     * billing details, with the VAT its country and VAT number decide, charged to its payment
     * methods, in its billing history (the company does not see them, by the access rule); those
     * invoiced before stay where they are. The actor must reach both companies. Setting the payer
     * in force changes nothing.
     *
     * @param actor who sets it; not null
     * @param companyId the company paid for; not null
     * @param payerId who pays: the company itself or an ancestor that pays for itself; not null
     * @return the company as stored after the change
     * @throws NotFoundException if either company does not exist or is out of the actor's reach
     * @throws RefusedException with {@code PAYER_NOT_AN_ANCESTOR} if the payer is neither the company
     *     nor an ancestor of it, {@code PAYER_PAID_FOR_BY_ANOTHER} if another company pays for the
     *     payer, {@code PAYS_FOR_OTHERS} if the company pays for others and would get a payer of
     *     its own, or {@code PARTNER_MANAGED} if a company involved is partner-managed
     */
    Company setPayer(Actor actor, CompanyId companyId, CompanyId payerId);

    /**
     * Has the company, as a payer, billed on {@code dayOfMonth} (1 to 28): the subscriptions it pays
     * (its own and those of the companies it pays for) align to that day at the start of their next
     * period, the period up to the day prorated by the seconds it covers, as a change is; from then
     * on each period starts on the day at 00:00 UTC, and the billing run issues the payer one
     * consolidated invoice for every period starting that day, with a section per company. Setting
     * the day in force changes nothing; another day realigns them as the first did.
     *
     * @param actor who sets it; not null
     * @param companyId the payer; not null
     * @param dayOfMonth the day of the month, 1 to 28 (every month has it)
     * @return the company as stored after the change
     * @throws InvalidInputException naming {@code billingDay} if the day is outside 1 to 28
     * @throws NotFoundException if the company does not exist or is out of the actor's reach
     * @throws RefusedException with {@code PAID_FOR_BY_ANOTHER} if another company pays for it (its
     *     subscriptions follow that company's day), or {@code PARTNER_MANAGED} if it is partner-managed
     */
    Company setBillingDay(Actor actor, CompanyId companyId, int dayOfMonth);

    /**
     * Has the company's subscriptions billed on their own anniversaries again, each on an invoice of
     * its own: the periods already aligned keep their day. Clearing a day not set changes nothing.
     *
     * @param actor who clears it; not null
     * @param companyId the payer; not null
     * @return the company as stored after the change
     * @throws NotFoundException if the company does not exist or is out of the actor's reach
     * @throws RefusedException with {@code PARTNER_MANAGED} if it is partner-managed
     */
    Company clearBillingDay(Actor actor, CompanyId companyId);

    /**
     * Who pays for a company's subscriptions, as the portal tells it ("billed to Acme Holding"): a
     * company paid for by its parent sees the parent's name, though it does not reach the parent.
     *
     * @param actor who asks; not null
     * @param companyId a company the actor reaches; not null
     * @return the payer's id and name
     * @throws NotFoundException if the company does not exist or is out of the actor's reach
     */
    Payer payer(Actor actor, CompanyId companyId);

    /**
     * Asks the register (VIES) about the company's EU VAT number now, through the configured
     * {@code VatNumberVerifier}, and keeps its answer as the company's {@link Company#vatCheck()
     * evidence}, with a {@code VatNumberChecked} event. An unavailable register does not replace an
     * earlier answer about the same number. When the number, found unavailable before, is now found
     * valid (under {@code UnverifiedVatPolicy.CHARGE_VAT_UNTIL_VERIFIED}), the paid invoices that
     * charged VAT on it since are corrected as that policy says: the VAT comes back as credit. The
     * register is asked outside any storage transaction.
     *
     * @param actor who asks; not null
     * @param companyId the company; not null
     * @return the company as stored after the check; unchanged when it has no EU VAT number or no
     *     verifier is configured
     * @throws NotFoundException if the company does not exist or is out of the actor's reach
     * @throws RefusedException with {@code PARTNER_MANAGED} if the actor's company or this one is
     *     partner-managed
     */
    Company checkVatNumber(Actor actor, CompanyId companyId);
}
