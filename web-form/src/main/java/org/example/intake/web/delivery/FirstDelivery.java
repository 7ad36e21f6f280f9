package org.example.intake.web.delivery;

import java.util.List;

/**
 * A new submission's first delivery job as an insert that the submission's store makes part of the statement that
 * inserts the submission (on PostgreSQL, a {@code WITH} whose query is that insert), so that the submission and its
 * job are written in one round trip, as one statement: both or neither, with or without a transaction around it.
 * The row is the one the scheduler's own batch scheduling writes. Made by {@link DeliveryQueue#firstDelivery}; used
 * once.
 */
public interface FirstDelivery {

    /**
     * The job's insert, reading the submission's id from column {@code id} of {@code rows}, the name of the query
     * that inserted the submission; its {@code ?} parameters are {@link #parameters()}.
     */
    String insertFrom(String rows);

    /** The values of the insert's parameters, in order; never null. */
    List<Object> parameters();

    /**
     * Tells the scheduler that the statement has written the job, as its own scheduling does: with immediate
     * execution on, a node that runs jobs looks for it at once rather than at its next poll.
     */
    void written();
}
