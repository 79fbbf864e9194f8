package com.contactdecision;

import org.springframework.test.context.TestPropertySource;

/** The contract on the embedded in-memory stores (no Redis, whatever the environment says). */
@TestPropertySource(properties = "decisioning.redis-url=")
class InMemoryContractIntegrationTests extends ContractIntegrationTests {

}
