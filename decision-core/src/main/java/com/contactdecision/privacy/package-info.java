/**
 * Personal data: masking phone numbers, emails and street addresses in text bound for a
 * log ({@link com.contactdecision.privacy.Pii}), keyed pseudonyms for values kept after
 * erasure or used as keys ({@link com.contactdecision.privacy.Pseudonymiser}), and
 * encryption of values at rest ({@link com.contactdecision.privacy.AesGcmCipher}). Plain
 * Java (javax.crypto).
 */
package com.contactdecision.privacy;
