/**
 * The audit store adapter: every decision's record in a real database through JDBC
 * (PostgreSQL in production, an embedded H2 file by default), migrated by Flyway,
 * partitioned by month on PostgreSQL and purged past the retention; the worker that
 * drains the Redis audit stream into it; the {@code simulate} command. Implements the
 * core's {@link com.contactdecision.decision.DecisionRecords}.
 */
package com.contactdecision.audit;
