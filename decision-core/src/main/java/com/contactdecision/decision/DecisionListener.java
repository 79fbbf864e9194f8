package com.contactdecision.decision;

import java.time.Duration;

/** Observes decisions (metrics, logs) without the core knowing how they are exported. */
public interface DecisionListener {

	void decided(Decision decision, Duration took);

	DecisionListener NONE = (decision, took) -> {
	};

}
