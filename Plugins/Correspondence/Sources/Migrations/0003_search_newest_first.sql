-- Search ranks at most 1,000 matches; when more match it lists them newest first (received date, then reference),
-- page by page from where the previous page ended. This index, in that order, lets such a page stop after its
-- rows instead of reading every match. It replaces the index on the received date alone.
CREATE INDEX items_received_reference ON correspondence.items (received_on, reference);
DROP INDEX correspondence.items_received;
