-- When an overdue alert was sent for a case, so each target is alerted once (PostgreSQL).
ALTER TABLE crisis_cases ADD COLUMN first_response_alerted_at BIGINT;
ALTER TABLE crisis_cases ADD COLUMN resolution_alerted_at BIGINT;
