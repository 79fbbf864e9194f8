package com.contactdecision.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bodies are limited to 1 MiB, and a batch (up to 10 000 requests) or a candidate rule
 * zip to 16 MiB. A declared length over the limit is refused before reading; a chunked
 * body is cut off as it crosses it. Either way the answer is a 400 problem+json, never a
 * 500.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class BodyLimitFilter extends OncePerRequestFilter {

	static final long LIMIT = 1L << 20;

	static final long BATCH_LIMIT = 16L << 20;

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long limit = request.getRequestURI().endsWith(":batch") || request.getRequestURI().endsWith(":simulate")
				? BATCH_LIMIT : LIMIT;
		if (request.getContentLengthLong() > limit) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.getWriter()
				.write("{\"type\":\"" + ProblemHandler.INVALID + "\",\"title\":\"Invalid request\",\"status\":400,"
						+ "\"detail\":\"body: " + BodyTooLargeException.MESSAGE + "\",\"errors\":[{\"field\":\"body\","
						+ "\"message\":\"" + BodyTooLargeException.MESSAGE + "\"}],\"instance\":\""
						+ request.getRequestURI().replace("\"", "") + "\"}");
			return;
		}
		chain.doFilter(new Limited(request, limit), response);
	}

	private static final class Limited extends HttpServletRequestWrapper {

		private final long limit;

		Limited(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			ServletInputStream in = super.getInputStream();
			return new ServletInputStream() {

				private long read;

				@Override
				public int read() throws IOException {
					int b = in.read();
					if (b >= 0 && ++read > limit) {
						throw new BodyTooLargeException();
					}
					return b;
				}

				@Override
				public int read(byte[] buf, int off, int len) throws IOException {
					int n = in.read(buf, off, len);
					if (n > 0 && (read += n) > limit) {
						throw new BodyTooLargeException();
					}
					return n;
				}

				@Override
				public boolean isFinished() {
					return in.isFinished();
				}

				@Override
				public boolean isReady() {
					return in.isReady();
				}

				@Override
				public void setReadListener(ReadListener listener) {
					in.setReadListener(listener);
				}

			};
		}

	}

}
