-- Equality column first, range column second, then the columns the
-- query only reads, so the index alone can answer it (a covering index).
CREATE INDEX idx_orders_status_date
    ON orders (status, order_date, customer_id, amount_cents);

-- Refresh the planner's statistics after a bulk load or a new index.
ANALYZE;
