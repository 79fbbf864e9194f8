-- The audit record (CONTRACT section 8): one row per decision, kept for the retention period
-- (default three years, 12 CFR 1006.100). Partitioned by month of the decision's instant, so a
-- purge drops whole partitions; the service creates each month's partitions before its first row
-- (AuditDatabase.ensureMonth). H2 (the embedded default, h2/V1) has the same columns without
-- partitions.
CREATE TABLE decision_record (
	decision_id VARCHAR(64) NOT NULL,
	decided_at TIMESTAMP WITH TIME ZONE NOT NULL,
	recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
	collector_id VARCHAR(256),
	consumer_id VARCHAR(256) NOT NULL,
	-- ',d-1,d-2,': readable at a glance; decision_debt indexes them.
	debt_ids VARCHAR(8192) NOT NULL,
	channel VARCHAR(16),
	mode VARCHAR(8) NOT NULL,
	outcome VARCHAR(8) NOT NULL,
	-- ',CALL_FREQUENCY_CAP,HOLIDAY,'
	reason_codes VARCHAR(2048) NOT NULL,
	rule_set_version VARCHAR(128),
	latency_micros BIGINT NOT NULL,
	-- The whole record as JSON (DecisionRecord): the answer and the facts the rules saw, pseudonymised.
	record TEXT NOT NULL,
	PRIMARY KEY (decided_at, decision_id)
) PARTITION BY RANGE (decided_at);

CREATE INDEX decision_record_id ON decision_record (decision_id);
CREATE INDEX decision_record_consumer ON decision_record (consumer_id, decided_at);
CREATE INDEX decision_record_collector ON decision_record (collector_id, decided_at);

CREATE TABLE decision_debt (
	debt_id VARCHAR(256) NOT NULL,
	decided_at TIMESTAMP WITH TIME ZONE NOT NULL,
	decision_id VARCHAR(64) NOT NULL,
	PRIMARY KEY (debt_id, decided_at, decision_id)
) PARTITION BY RANGE (decided_at);
