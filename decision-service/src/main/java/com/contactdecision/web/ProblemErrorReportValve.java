package com.contactdecision.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;

/**
 * Tomcat's own error answers as problem+json: what Tomcat refuses before any servlet runs
 * (an invalid percent-encoding in the path, headers over the limit, a malformed request
 * line) would otherwise be an HTML page naming the server's version. Public with a
 * no-argument constructor: Tomcat makes it by name
 * ({@code StandardHost.setErrorReportValveClass}).
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	private static final Logger log = LoggerFactory.getLogger(ProblemErrorReportValve.class);

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0) {
			return;
		}
		AtomicBoolean writable = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, writable);
		if (!writable.get()) {
			return;
		}
		HttpStatus known = HttpStatus.resolve(status);
		String title = known == null ? "Error" : known.getReasonPhrase();
		String body;
		if (status == 400) {
			// Tomcat does not say which part was malformed; the message lists what it
			// refuses.
			String message = "malformed HTTP request: an invalid percent-encoding or character in the URL, "
					+ "or request headers over the size limit";
			body = "{\"type\":\"" + ProblemHandler.INVALID + "\",\"title\":\"Invalid request\",\"status\":400,"
					+ "\"detail\":\"request: " + message + "\",\"errors\":[{\"field\":\"request\",\"message\":\""
					+ message + "\"}]}";
		}
		else {
			body = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
					+ title + "\"}";
		}
		try {
			response.setContentType("application/problem+json");
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(body);
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException e) {
			// The client has gone or the response is committed: nothing more can be sent.
			log.debug("could not write the {} problem answer: {}", status, e.toString());
		}
	}

}
