/**
 * What the collection system tells the service: consumer profiles, consent records, debts
 * and collectors. {@link com.contactdecision.profiles.ProfileStore} is the port; in
 * memory by default, Redis when configured. Plain Java.
 */
package com.contactdecision.profiles;
