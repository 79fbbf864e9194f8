package com.contactdecision.security;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;

import com.contactdecision.privacy.Pii;

/**
 * A logback pattern layout that masks phone numbers, email addresses and street addresses
 * in every formatted line ({@link Pii#mask}): personal data stays out of the logs by
 * construction, not by each log statement's care. Configured in
 * {@code logback-spring.xml}.
 */
public class MaskingPatternLayout extends PatternLayout {

	@Override
	public String doLayout(ILoggingEvent event) {
		return Pii.mask(super.doLayout(event));
	}

}
