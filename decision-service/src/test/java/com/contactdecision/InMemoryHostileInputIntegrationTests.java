package com.contactdecision;

import org.springframework.test.context.TestPropertySource;

/** Hostile input on the embedded in-memory stores. */
@TestPropertySource(properties = "decisioning.redis-url=")
class InMemoryHostileInputIntegrationTests extends HostileInputIntegrationTests {

}
