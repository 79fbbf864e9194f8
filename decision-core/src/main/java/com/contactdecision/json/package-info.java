/**
 * The one Jackson set-up shared by HTTP, the stores, the scenario files and the logs.
 * Plain Java.
 */
package com.contactdecision.json;
