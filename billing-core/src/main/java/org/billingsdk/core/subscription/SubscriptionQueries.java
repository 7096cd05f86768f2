package org.billingsdk.core.subscription;

import java.util.List;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.Page;
import org.billingsdk.core.PageRequest;
import org.billingsdk.core.RefusedException;
import org.billingsdk.core.Scope;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.CompanyId;

/**
 * What the portal reads of subscriptions: one subscription, and the list of a company's (and its
 * child companies') subscriptions, each as it is at the time of the read. Reads write nothing.
 * Thread-safe; the access rule applies as to every operation.
 */
public interface SubscriptionQueries {

    /**
     * One subscription the actor reaches, as the portal shows it; cancelled ones too. Shown as it
     * is now, also where the billing run has not yet written what time has brought (a trial that
     * has ended, a renewed term, a scheduled cancellation in effect with its erasure pending; see
     * {@link SubscriptionSummary#asOf}); reading writes nothing.
     *
     * @param actor who asks; not null
     * @param subscriptionId the subscription; not null
     * @return the subscription with its company's name, product and billing amount
     * @throws NotFoundException if the subscription is missing or out of the actor's reach
     */
    SubscriptionView find(Actor actor, SubscriptionId subscriptionId);

    /**
     * The portal's list: the company's subscriptions that are not cancelled and, with
     * {@link Scope#WITH_DESCENDANTS}, those of all its descendants, each with company name,
     * billing amount, product details, state, trial end, contract end and scheduled cancellation.
     * Companies whose billing is run by a partner are left out. The company's own subscriptions
     * come first, then its descendants' by company name; each company's by start. Each is shown as
     * it is now, as {@link #find} shows it: one whose scheduled cancellation has taken effect is
     * left out, though the billing run has not yet written it.
     *
     * @param actor who asks; not null
     * @param companyId the company whose list it is; not null
     * @param scope the company only, or with all its descendants; not null
     * @return the rows, possibly none
     * @throws NotFoundException if the company is missing or out of the actor's reach
     * @throws RefusedException with {@code PARTNER_MANAGED} if the actor's company or this one is
     *     partner-managed
     */
    List<SubscriptionView> active(Actor actor, CompanyId companyId, Scope scope);

    /**
     * Like {@link #active} but cancelled subscriptions too: the history a reactivation starts from.
     *
     * @param actor who asks; not null
     * @param companyId the company whose list it is; not null
     * @param scope the company only, or with all its descendants; not null
     * @return the rows, in the order {@link #active} gives, possibly none
     * @throws NotFoundException if the company is missing or out of the actor's reach
     * @throws RefusedException with {@code PARTNER_MANAGED} if the actor's company or this one is
     *     partner-managed
     */
    List<SubscriptionView> all(Actor actor, CompanyId companyId, Scope scope);

    /**
     * A page of the portal's list: the subscriptions of the company and, with
     * {@link Scope#WITH_DESCENDANTS}, of all its descendants that the filter selects, each as it is
     * now (as {@link #find} shows it). Companies whose billing is run by a partner are left out.
     * Ordered as {@link #active} orders: the company's own subscriptions first, then its
     * descendants' by company name (as the storage orders text), then company id; each company's by
     * start, then id. A page costs about its rows, not the tree: the storage reads the page through
     * its indexes (a selective filter, such as a rare name, reads on until the page is full). The
     * cursor stays valid while subscriptions are added; a company renamed between pages moves in
     * the order, and the others keep their places. A cursor only says where a page starts: the
     * list reads its own scope whatever cursor it is given.
     *
     * @param actor who asks; not null
     * @param companyId the company whose list it is (a descendant of the actor's company narrows
     *     the list to its subtree); not null
     * @param scope the company only, or with all its descendants; not null
     * @param filter which rows; not null
     * @param page the page's size and the previous page's cursor; not null
     * @return the page and the cursor of the next
     * @throws NotFoundException if the company is missing or out of the actor's reach
     * @throws RefusedException with {@code PARTNER_MANAGED} if the actor's company or this one is
     *     partner-managed
     * @throws org.billingsdk.core.InvalidInputException naming {@code page.cursor} for text that is
     *     not a cursor a portal list gave
     */
    Page<SubscriptionView> list(Actor actor, CompanyId companyId, Scope scope, SubscriptionFilter filter,
            PageRequest page);

    /**
     * How many subscriptions {@link #list} would show, by state as it is now, with the filter's
     * states ignored (every state is counted): the figures beside a portal's state filter. One
     * aggregate query of the storage; nothing is loaded.
     *
     * @param actor who asks; not null
     * @param companyId the company whose list it is; not null
     * @param scope the company only, or with all its descendants; not null
     * @param filter which rows, its states ignored; not null
     * @return the counts by state
     * @throws NotFoundException if the company is missing or out of the actor's reach
     * @throws RefusedException with {@code PARTNER_MANAGED} if the actor's company or this one is
     *     partner-managed
     */
    SubscriptionCounts count(Actor actor, CompanyId companyId, Scope scope, SubscriptionFilter filter);
}
