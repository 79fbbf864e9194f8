package com.contactdecision.console;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's sign-in page: a form for an API key, and a link per configured
 * OAuth2/OIDC provider. Spring Security handles the form's POST, the providers' round
 * trip and signing out (SecurityConfiguration#consoleFilterChain); this only renders the
 * page.
 */
@Controller
@RequestMapping("/console")
class ConsoleSignInController {

	/** A provider to offer: its registration id (the link) and the name to show. */
	record Provider(String id, String name) {
	}

	private final List<Provider> providers;

	ConsoleSignInController(ObjectProvider<ClientRegistrationRepository> registrations) {
		List<Provider> found = new ArrayList<>();
		// Boot's repository of the configured registrations is iterable; another kind
		// cannot be listed and offers no link.
		if (registrations.getIfAvailable() instanceof Iterable<?> all) {
			for (Object r : all) {
				if (r instanceof ClientRegistration c) {
					found.add(new Provider(c.getRegistrationId(), c.getClientName()));
				}
			}
		}
		this.providers = List.copyOf(found);
	}

	@GetMapping("/sign-in")
	String signIn(@RequestParam(required = false) String error, @RequestParam(required = false) String refused,
			@RequestParam(name = "signed-out", required = false) String signedOut, Model model) {
		model.addAttribute("page", "sign-in");
		model.addAttribute("providers", providers);
		if (error != null) {
			model.addAttribute("alert",
					"Not signed in: that key is unknown, expired or revoked, or the provider refused.");
		}
		else if (refused != null) {
			model.addAttribute("alert",
					"Not signed in: the console is for the COMPLIANCE and ADMIN roles, and these credentials have neither.");
		}
		else if (signedOut != null) {
			model.addAttribute("notice", "Signed out.");
		}
		return "console/sign-in";
	}

}
