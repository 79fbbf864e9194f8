package com.contactdecision;

import org.springframework.test.context.TestPropertySource;

/**
 * The contract on the embedded in-memory stores (no Redis, whatever the environment
 * says), with the service's own packages logging at DEBUG, so the log scan of
 * ContractIntegrationTests sees the most.
 */
@TestPropertySource(properties = { "decisioning.redis-url=", "logging.level.com.contactdecision=DEBUG" })
class InMemoryContractIntegrationTests extends ContractIntegrationTests {

}
