package com.contactdecision.security;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Per-key rate limits (resilience4j): each key (or token subject) may make
 * {@code decisioning.security.requests-per-second} requests a second; past that a request
 * answers 429 with {@code Retry-After} at once, without waiting. A batch is one request.
 * Runs after authentication and authorisation, so only known callers have a limiter.
 */
final class RateLimitFilter extends OncePerRequestFilter {

	private static final Duration PERIOD = Duration.ofSeconds(1);

	private final RateLimiterRegistry limiters;

	private final ProblemResponses problems;

	RateLimitFilter(int requestsPerSecond, ProblemResponses problems) {
		this.limiters = RateLimiterRegistry.of(RateLimiterConfig.custom()
			.limitForPeriod(requestsPerSecond)
			.limitRefreshPeriod(PERIOD)
			.timeoutDuration(Duration.ZERO)
			.build());
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<Caller> caller = Caller.current();
		if (caller.isPresent()) {
			RateLimiter limiter = limiters.rateLimiter(caller.get().id());
			if (!limiter.acquirePermission()) {
				problems.tooManyRequests(request, response, PERIOD.toSeconds());
				return;
			}
		}
		chain.doFilter(request, response);
	}

}
