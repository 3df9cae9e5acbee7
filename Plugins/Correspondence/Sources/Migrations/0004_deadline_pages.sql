-- ListDeadlines pages through the open items soonest due first, ties by id, each page starting after the due date
-- and id of the page before (keyset). This index, in that order, lets a page start at its keyset and stop after its
-- rows. It replaces the index on the due date alone (same rows), which left the ties to a sort.
CREATE INDEX items_open_due_id ON correspondence.items (due_on, id)
    WHERE status IN ('registered', 'dispatched', 'assigned', 'in_treatment');
DROP INDEX correspondence.items_open_due;
