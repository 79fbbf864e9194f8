/**
 * What makes a request acceptable: field checks that collect every problem at once and
 * name each field by its JSON path, answered as one 400 problem+json. Shared by every
 * capability that takes input; plain Java.
 */
package com.contactdecision.validation;
