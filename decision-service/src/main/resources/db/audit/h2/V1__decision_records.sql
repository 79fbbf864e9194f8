-- The embedded default: the same tables as postgresql/V1 without partitions (H2 has none); a purge
-- deletes rows older than the retention instead of dropping a month's partition.
CREATE TABLE decision_record (
	decision_id VARCHAR(64) NOT NULL,
	decided_at TIMESTAMP WITH TIME ZONE NOT NULL,
	recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
	collector_id VARCHAR(256),
	consumer_id VARCHAR(256) NOT NULL,
	debt_ids VARCHAR(8192) NOT NULL,
	channel VARCHAR(16),
	mode VARCHAR(8) NOT NULL,
	outcome VARCHAR(8) NOT NULL,
	reason_codes VARCHAR(2048) NOT NULL,
	rule_set_version VARCHAR(128),
	latency_micros BIGINT NOT NULL,
	record CHARACTER LARGE OBJECT NOT NULL,
	PRIMARY KEY (decided_at, decision_id)
);

CREATE INDEX decision_record_id ON decision_record (decision_id);
CREATE INDEX decision_record_consumer ON decision_record (consumer_id, decided_at);
CREATE INDEX decision_record_collector ON decision_record (collector_id, decided_at);

CREATE TABLE decision_debt (
	debt_id VARCHAR(256) NOT NULL,
	decided_at TIMESTAMP WITH TIME ZONE NOT NULL,
	decision_id VARCHAR(64) NOT NULL,
	PRIMARY KEY (debt_id, decided_at, decision_id)
);
